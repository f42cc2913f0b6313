"""Editing the lines of a concept version."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Bestuur
from besturen.selectors import current_members
from opgaven.models import Opgave
from regioportaal.views import PageView, refuse, write_form

from .. import services
from ..forms import (
    NieuweRegelForm,
    RegelForm,
)
from ..models import (
    Programmaregel,
)
from ..policies import VERSIE
from ._gedeeld import _messages_of, _versie_or_404

# --- Lines of a concept version ----------------------------------------------------------------------------------


class RegelView(LoginRequiredMixin, PageView):
    """Change a line of a concept: amount, capacity, key, and which members take part."""

    template_name = "programmas/regel.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.regel = get_object_or_404(
                Programmaregel.objects.select_related("versie__jaarprogramma__regio", "opgave"),
                pk=kwargs["pk"],
            )
            self.versie = _versie_or_404(request.user, self.regel.versie_id)
            refuse(VERSIE.permits(request.user, "edit", self.versie))
        return super().dispatch(request, *args, **kwargs)

    def leden(self):
        regio = self.versie.jaarprogramma.regio
        return (
            Bestuur.objects.filter(
                Q(pk__in=current_members(regio).values("pk")) | Q(pk__in=self.regel.deelnemers.values("pk"))
            )
            .distinct()
            .order_by("naam")
        )

    def get_context_data(self, form=None, **kwargs):
        if form is None:
            form = RegelForm(
                leden=self.leden(),
                initial={
                    "bedrag": self.regel.bedrag,
                    "capaciteit_uren": self.regel.capaciteit_uren,
                    "sleutel": self.regel.sleutel,
                    "tarief_per_inwoner": self.regel.tarief_per_inwoner,
                    "deelnemers": list(self.regel.deelnemers.values_list("pk", flat=True)),
                },
            )
        return super().get_context_data(
            regel=self.regel, versie=self.versie, regio=self.versie.jaarprogramma.regio, form=form, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = RegelForm(request.POST, leden=self.leden())
        gedaan = write_form(
            request,
            form,
            lambda data: services.update_regel(
                self.regel,
                door=request.user,
                bedrag=data["bedrag"],
                capaciteit_uren=data["capaciteit_uren"],
                sleutel=data["sleutel"],
                tarief_per_inwoner=data["tarief_per_inwoner"] or Decimal("0"),
                deelnemers=list(data["deelnemers"]),
            ),
            _("De regel %(opgave)s is gewijzigd.") % {"opgave": self.regel.opgave},
        )
        if gedaan is not None:
            return redirect(self.versie.get_absolute_url() + "#regels")
        return self.render_to_response(self.get_context_data(form=form))


class RegelVerwijderenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        regel = get_object_or_404(Programmaregel.objects.select_related("opgave"), pk=pk)
        versie = _versie_or_404(request.user, regel.versie_id)
        refuse(VERSIE.permits(request.user, "edit", versie))
        try:
            services.remove_regel(regel, door=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(_messages_of(exc)))
        else:
            messages.success(request, _("De regel %(opgave)s is verwijderd.") % {"opgave": regel.opgave})
        return redirect(versie.get_absolute_url() + "#regels")


class RegelToevoegenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        versie = _versie_or_404(request.user, pk)
        regio = versie.jaarprogramma.regio
        refuse(VERSIE.permits(request.user, "edit", versie))
        form = NieuweRegelForm(request.POST, opgaven=Opgave.objects.filter(regio=regio))
        if form.is_valid():
            try:
                services.add_regel(versie, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(_messages_of(exc)))
            else:
                messages.success(request, _("De regel is toegevoegd."))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(versie.get_absolute_url() + "#regels")
