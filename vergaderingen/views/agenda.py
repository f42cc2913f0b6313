"""The secretariat's agenda builder: add, reorder, move on, accept proposals; edit an item and its documents."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, refuse

from .. import permissions, selectors, services
from ..forms import AfwijzenForm, AgendapuntForm, DocumentForm
from ..models import Agendapunt
from ..policies import AgendapuntPolicy, VergaderingPolicy
from ._gedeeld import _ManageMixin, _message_from


def _focus(punten, focus):
    """The button that keeps the keyboard focus after a move: the same one, or the other at the ends."""
    if not focus:
        return None
    pk, richting = focus
    ids = [punt.pk for punt in punten]
    if pk not in ids:
        return None
    if richting == "omhoog" and ids.index(pk) == 0:
        richting = "omlaag"
    elif richting == "omlaag" and ids.index(pk) == len(ids) - 1:
        richting = "omhoog"
    return (pk, richting)


class AgendaBeheerView(_ManageMixin, PageView):
    """The secretariat's agenda builder: add, reorder, move on, accept proposals, publish."""

    template_name = "vergaderingen/agenda_beheer.html"
    htmx_partial = "agenda"

    def get_context_data(self, form=None, focus=None, **kwargs):
        vergadering, user = self.vergadering, self.request.user
        policy = VergaderingPolicy()
        punt_policy = AgendapuntPolicy(policy)
        punten = selectors.agenda(vergadering, met_besloten=True)
        voorstellen = selectors.voorstellen(vergadering)
        for punt in punten:  # the role is asked once, the next meeting once: no query per row
            punt.vergadering = vergadering
            punt.acties = punt_policy.allowed(user, punt, ("edit", "move", "move_to_next"))
        for punt in voorstellen:
            punt.vergadering = vergadering
            punt.acties = punt_policy.allowed(user, punt, ("accept", "decline"))
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            punten=punten,
            voorstellen=voorstellen,
            acties=policy.allowed(user, vergadering, ("edit_agenda", "publish", "close")),
            redenen=policy.reasons(user, vergadering, ("publish", "close")),
            bevroren=vergadering.agenda_gepubliceerd,
            form=form or AgendapuntForm(vergadering=vergadering),
            focus=_focus(punten, focus),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = AgendapuntForm(request.POST, vergadering=self.vergadering)
        if form.is_valid():
            try:
                punt = services.add_agendapunt(self.vergadering, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Punt %(nr)s toegevoegd.") % {"nr": punt.volgnummer})
                if request.htmx:
                    return self.render_to_response(self.get_context_data())
                return redirect("vergaderingen:agenda_beheer", pk=self.vergadering.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class AgendapuntActionView(LoginRequiredMixin, View):
    """Move an item up or down or to the next meeting, accept or decline a proposal; htmx gets the agenda back."""

    acties = {"omhoog", "omlaag", "volgende", "aanvaarden", "afwijzen"}

    def post(self, request, pk, actie):
        if actie not in self.acties:
            raise Http404
        punt = get_object_or_404(Agendapunt.objects.select_related("vergadering__orgaan__regio"), pk=pk)
        vergadering = punt.vergadering
        if not permissions.can_view_vergadering(request.user, vergadering):
            raise Http404
        refuse(permissions.can_manage_vergaderingen(request.user, vergadering.orgaan))
        focus = None
        try:
            if actie in ("omhoog", "omlaag"):
                services.move_agendapunt(punt, omhoog=actie == "omhoog", door=request.user)
                focus = (punt.pk, actie)
            elif actie == "volgende":
                services.move_to_next_vergadering(punt, door=request.user)
                messages.success(
                    request, _("‘%(titel)s’ staat nu op de volgende vergadering.") % {"titel": punt.titel}
                )
            elif actie == "aanvaarden":
                services.accept_voorstel(punt, door=request.user)
                messages.success(request, _("‘%(titel)s’ staat op de agenda.") % {"titel": punt.titel})
            else:
                form = AfwijzenForm(request.POST)
                form.is_valid()
                services.decline_voorstel(punt, reden=form.cleaned_data.get("reden", ""), door=request.user)
                messages.success(
                    request, _("Het voorstel ‘%(titel)s’ is niet geagendeerd.") % {"titel": punt.titel}
                )
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
        if request.htmx:
            view = AgendaBeheerView(request=request, vergadering=vergadering, kwargs={"pk": vergadering.pk})
            return view.render_to_response(view.get_context_data(focus=focus))
        return redirect("vergaderingen:agenda_beheer", pk=vergadering.pk)


class AgendapuntBewerkenView(_ManageMixin, PageView):
    """Edit one item and add its documents."""

    template_name = "vergaderingen/agendapunt_bewerken.html"

    def get_vergadering(self, request, **kwargs):
        self.punt = get_object_or_404(
            Agendapunt.objects.select_related("vergadering__orgaan__regio", "vergadering__orgaan__bestuur"),
            pk=kwargs["pk"],
        )
        if not permissions.can_view_vergadering(request.user, self.punt.vergadering):
            raise Http404
        return self.punt.vergadering

    def get_context_data(self, form=None, document_form=None, **kwargs):
        policy = AgendapuntPolicy()
        return super().get_context_data(
            punt=self.punt,
            acties=policy.allowed(self.request.user, self.punt, ("edit",)),
            redenen=policy.reasons(self.request.user, self.punt, ("edit",)),
            vergadering=self.vergadering,
            orgaan=self.vergadering.orgaan,
            documenten=list(self.punt.documenten.all()),
            form=form or AgendapuntForm(instance=self.punt, vergadering=self.vergadering),
            document_form=document_form or DocumentForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "bestand" in request.FILES or request.POST.get("actie") == "document":
            return self.post_document(request)
        form = AgendapuntForm(
            request.POST, instance=Agendapunt(vergadering=self.vergadering), vergadering=self.vergadering
        )
        if form.is_valid():
            try:
                services.update_agendapunt(self.punt, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Het agendapunt is bijgewerkt."))
                return redirect("vergaderingen:agenda_beheer", pk=self.vergadering.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def post_document(self, request):
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = services.add_document(self.punt, form.cleaned_data["bestand"], door=request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("%(naam)s is toegevoegd.") % {"naam": document.naam})
                return redirect("vergaderingen:agendapunt_bewerken", pk=self.punt.pk)
        return self.render_to_response(self.get_context_data(document_form=form), status=422)
