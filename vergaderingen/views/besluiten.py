"""After the meeting: attendance, the draft minutes, and the decision and vote on each item."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from regioportaal.views import PageView, form_errors_from

from .. import permissions, selectors, services
from ..forms import AanwezigheidForm, BesluitForm, NotulenForm
from ..models import Agendapunt, AgendapuntStatus
from ..policies import AgendapuntPolicy, VergaderingPolicy
from ._gedeeld import _ManageMixin


class VerslagView(_ManageMixin, PageView):
    """After the meeting: attendance and the draft minutes."""

    template_name = "vergaderingen/verslag.html"

    def get_context_data(self, aanwezigheid_form=None, notulen_form=None, **kwargs):
        zetels = selectors.zetels_op(self.vergadering)
        bestaand = {a.lidmaatschap_id: a.status for a in self.vergadering.aanwezigheden.all()}
        return super().get_context_data(
            vergadering=self.vergadering,
            orgaan=self.vergadering.orgaan,
            acties=VergaderingPolicy().allowed(
                self.request.user, self.vergadering, ("record", "save_notulen")
            ),
            aanwezigheid_form=aanwezigheid_form or AanwezigheidForm(zetels=zetels, bestaand=bestaand),
            notulen_form=notulen_form or NotulenForm(initial={"notulen": self.vergadering.notulen}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("actie") == "aanwezigheid":
            form = AanwezigheidForm(request.POST, zetels=selectors.zetels_op(self.vergadering), bestaand={})
            context = {"aanwezigheid_form": form}
            save = lambda: services.record_aanwezigheid(  # noqa: E731
                self.vergadering, aanwezigheden=form.aanwezigheden(), door=request.user
            )
        else:
            form = NotulenForm(request.POST)
            context = {"notulen_form": form}
            save = lambda: services.save_notulen(  # noqa: E731
                self.vergadering, notulen=form.cleaned_data["notulen"], door=request.user
            )
        if form.is_valid():
            try:
                save()
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("vergaderingen:verslag", pk=self.vergadering.pk)
        return self.render_to_response(self.get_context_data(**context), status=422)


class BesluitView(_ManageMixin, PageView):
    """Record the decision and the vote on one item."""

    template_name = "vergaderingen/besluit.html"

    def get_vergadering(self, request, **kwargs):
        self.punt = get_object_or_404(
            Agendapunt.objects.select_related(
                "vergadering__orgaan__regio", "vergadering__orgaan__bestuur", "besluit__stemming"
            ),
            pk=kwargs["pk"],
            status=AgendapuntStatus.GEAGENDEERD,
        )
        if not permissions.can_view_vergadering(request.user, self.punt.vergadering):
            raise Http404
        return self.punt.vergadering

    def _initial(self):
        besluit = getattr(self.punt, "besluit", None)
        if besluit is None:
            return {}
        initial = {"uitkomst": besluit.uitkomst, "behandeling": besluit.behandeling, "tekst": besluit.tekst}
        initial["inwerkingtreding"] = besluit.inwerkingtreding
        stemming = getattr(besluit, "stemming", None)
        if stemming is not None:
            initial.update(voor=stemming.voor, tegen=stemming.tegen, onthouding=stemming.onthouding)
            for stem in stemming.stemmen.all():
                initial[f"stem_{stem.lidmaatschap_id}"] = stem.keuze
        return initial

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            punt=self.punt,
            vergadering=self.vergadering,
            orgaan=self.vergadering.orgaan,
            open=AgendapuntPolicy().may(self.request.user, "record_besluit", self.punt),
            form=form or BesluitForm(initial=self._initial(), zetels=selectors.zetels_op(self.vergadering)),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = BesluitForm(request.POST, zetels=selectors.zetels_op(self.vergadering))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_besluit(
                    self.punt,
                    uitkomst=data["uitkomst"],
                    behandeling=data["behandeling"],
                    tekst=data["tekst"],
                    inwerkingtreding=data["inwerkingtreding"],
                    voor=data["voor"],
                    tegen=data["tegen"],
                    onthouding=data["onthouding"],
                    stemmen=form.stemmen(),
                    door=request.user,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Het besluit over punt %(nr)s is vastgelegd.") % {"nr": self.punt.volgnummer}
                )
                return redirect(self.vergadering.get_absolute_url() + f"#punt-{self.punt.pk}")
        return self.render_to_response(self.get_context_data(form=form), status=422)
