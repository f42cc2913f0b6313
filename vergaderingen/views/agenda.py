"""The secretariat's agenda builder: add, reorder, move on, accept proposals; edit an item and its documents."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, refuse

from .. import permissions, selectors, services
from ..forms import AfwijzenForm, AgendapuntForm, DocumentForm, IntrekkenForm
from ..models import Agendapunt, Document
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


_PK = 900719925474099  # a number no real id has: the placeholder of `_url` for an item's id


def _url(viewname, *args):
    """A function `pk -> URL` for `viewname` with the item's id and then `args`, the same URL as `{% url %}` writes
    (escaped) from one `reverse` call."""
    begin, _sep, eind = reverse(viewname, args=[_PK, *args]).partition(str(_PK))
    begin, eind = conditional_escape(begin), conditional_escape(eind)
    return lambda pk: f"{begin}{pk}{eind}"


def _rijen_html(request, punten, beheer, focus):
    """The agenda table's rows (`{{ rijen }}`) as the template wrote them item by item: the texts translated and the
    URLs built once, every value escaped. `beheer`: the secretariat may edit the agenda (the actions column)."""
    besloten, addendum, ingetrokken = (
        f' <span class="badge">{conditional_escape(_(tekst))}</span>'
        for tekst in ("besloten", "addendum", "ingetrokken")
    )
    bewerken = conditional_escape(_("Bewerken"))
    knoppen = {
        "omhoog": conditional_escape(_("Omhoog")),
        "omlaag": conditional_escape(_("Omlaag")),
        "volgende": conditional_escape(_("Naar volgende vergadering")),
    }
    bewerken_url = _url("vergaderingen:agendapunt_bewerken")
    actie_urls = {actie: _url("vergaderingen:agendapunt_actie", actie) for actie in knoppen}
    csrf = []  # the token's input, made when a row has a form

    def formulier(punt, titel, actie, autofocus=""):
        if not csrf:
            csrf.append(csrf_input(request))
        url = actie_urls[actie](punt.pk)
        return (
            f'\n          <form method="post" action="{url}" hx-post="{url}" hx-target="#agenda" hx-swap="outerHTML"'
            f' class="inline-form">\n            {csrf[0]}<button type="submit" class="secondary"{autofocus}>'
            f'{knoppen[actie]}<span class="visually-hidden"> {titel}</span></button>\n          </form>\n          '
        )

    rijen = []
    laatste = len(punten) - 1
    for index, punt in enumerate(punten):
        titel = conditional_escape(punt.titel)
        acties = ""
        if beheer:
            mag = punt.acties
            link = (
                f'<a href="{bewerken_url(punt.pk)}">{bewerken}<span class="visually-hidden"> {titel}</span></a>'
                if mag.get("edit") or mag.get("withdraw_document")
                else ""
            )
            verplaatsen = ""
            if mag.get("move"):
                omhoog = omlaag = ""
                if index > 0:
                    omhoog = formulier(
                        punt, titel, "omhoog", " autofocus" if focus == (punt.pk, "omhoog") else ""
                    )
                if index < laatste:
                    omlaag = formulier(
                        punt, titel, "omlaag", " autofocus" if focus == (punt.pk, "omlaag") else ""
                    )
                verplaatsen = f"\n          {omhoog}\n          {omlaag}\n          "
            volgende = formulier(punt, titel, "volgende") if mag.get("move_to_next") else ""
            acties = (
                f'\n        <td class="acties">\n          {link}\n          {verplaatsen}\n          {volgende}'
                "\n        </td>\n        "
            )
        rijen.append(
            f'\n      <tr id="beheer-punt-{punt.pk}">\n        <td>{punt.volgnummer}</td>\n'
            f"        <td>{titel}{'' if punt.openbaar else besloten}{addendum if punt.addendum else ''}"
            f"{ingetrokken if punt.ingetrokken else ''}</td>\n"
            f"        <td>{punt.aantal_documenten}</td>\n        {acties}\n      </tr>\n    "
        )
    return mark_safe("".join(rijen))  # noqa: S308 - every value escaped above


# The item form on the secretariat's pages offers the region's closed programme versions and unpublished opgaven too
# (`secretariaat=True`): the body's secretariat (the only one past `_ManageMixin`) manages the region, so it reads
# them (`can_view_besloten_regio`, `regios_met_regionale_rol`); asking guardian again would cost four queries per
# page, and building the opgaven's permission subqueries milliseconds.


class AgendaBeheerView(_ManageMixin, PageView):
    """The secretariat's agenda builder: add, reorder, move on, accept proposals, publish."""

    template_name = "vergaderingen/agenda_beheer.html"
    htmx_partial = "agenda"

    def get_context_data(self, form=None, focus=None, **kwargs):
        vergadering, user = self.vergadering, self.request.user
        policy = VergaderingPolicy()
        punt_policy = AgendapuntPolicy(policy)
        punten, voorstellen = selectors.agenda_beheer(vergadering)
        policy.kent_agenda(vergadering, punten)  # `publish` asks no query
        acties = policy.allowed(user, vergadering, ("edit_agenda", "publish", "close", "update", "cancel"))
        beheer = acties.get("edit_agenda")
        for punt in punten:  # the role is asked once, the next meeting once: no query per row
            punt.vergadering = vergadering
            if beheer:  # the rows' buttons (`_rijen_html`)
                punt.acties = punt_policy.allowed(
                    user, punt, ("edit", "move", "move_to_next", "withdraw_document")
                )
        for punt in voorstellen:
            punt.vergadering = vergadering
            punt.acties = punt_policy.allowed(user, punt, ("accept", "decline"))
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            punten=punten,
            rijen=_rijen_html(self.request, punten, beheer, _focus(punten, focus)),
            voorstellen=voorstellen,
            acties=acties,
            redenen=policy.reasons(user, vergadering, ("publish", "close")),
            bevroren=vergadering.agenda_gepubliceerd,
            form=form or AgendapuntForm(vergadering=vergadering, user=user, secretariaat=True),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = AgendapuntForm(
            request.POST, vergadering=self.vergadering, user=request.user, secretariaat=True
        )
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


PUNT_ACTIES = ("edit", "remove", "withdraw", "remove_document", "withdraw_document")


class AgendapuntBewerkenView(_ManageMixin, PageView):
    """Edit one item (its text and its links to an opgave or a programme version) and its documents; remove it or
    a document before publication, withdraw it or a document with a reason after."""

    template_name = "vergaderingen/agendapunt_bewerken.html"

    def get_vergadering(self, request, **kwargs):
        self.punt = get_object_or_404(
            Agendapunt.objects.select_related("vergadering__orgaan__regio", "vergadering__orgaan__bestuur"),
            pk=kwargs["pk"],
        )
        if not permissions.can_view_vergadering(request.user, self.punt.vergadering):
            raise Http404
        return self.punt.vergadering

    def get_context_data(
        self, form=None, document_form=None, intrekken_form=None, fout_document=None, **kwargs
    ):
        policy = AgendapuntPolicy()
        user = self.request.user
        self.punt.vergadering = self.vergadering
        documenten = list(self.punt.documenten.all())
        for document in documenten:  # a document's reason form keeps its errors after a refused post
            document.intrekken_form = (
                fout_document[1]
                if fout_document and fout_document[0] == document.pk
                else IntrekkenForm(prefix=f"document-{document.pk}")
            )
        return super().get_context_data(
            punt=self.punt,
            acties=policy.allowed(user, self.punt, PUNT_ACTIES),
            redenen=policy.reasons(user, self.punt, ("edit",)),
            vergadering=self.vergadering,
            orgaan=self.vergadering.orgaan,
            documenten=documenten,
            form=form
            or AgendapuntForm(instance=self.punt, vergadering=self.vergadering, user=user, secretariaat=True),
            document_form=document_form or DocumentForm(),
            intrekken_form=intrekken_form or IntrekkenForm(prefix="intrekken"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        actie = request.POST.get("actie")
        if actie in ("verwijderen", "intrekken"):
            return self.post_punt(request, actie)
        if actie in ("document_verwijderen", "document_intrekken"):
            return self.post_document_actie(request, actie)
        if "bestand" in request.FILES or actie == "document":
            return self.post_document(request)
        form = AgendapuntForm(
            request.POST,
            instance=Agendapunt(vergadering=self.vergadering),
            vergadering=self.vergadering,
            user=request.user,
            secretariaat=True,
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

    def post_punt(self, request, actie):
        """Remove the item (before publication) or withdraw it with a reason (after)."""
        if actie == "verwijderen":
            try:
                services.remove_agendapunt(self.punt, door=request.user)
            except (ValidationError, NotAllowed) as exc:
                _message_from(request, exc)
                return redirect("vergaderingen:agendapunt_bewerken", pk=self.punt.pk)
            messages.success(
                request, _("‘%(titel)s’ is van de agenda verwijderd.") % {"titel": self.punt.titel}
            )
            return redirect("vergaderingen:agenda_beheer", pk=self.vergadering.pk)
        form = IntrekkenForm(request.POST, prefix="intrekken")
        if form.is_valid():
            try:
                services.withdraw_agendapunt(self.punt, reden=form.cleaned_data["reden"], door=request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request,
                    _("Punt %(nr)s is ingetrokken; het blijft met de reden op de agenda.")
                    % {"nr": self.punt.volgnummer},
                )
                return redirect("vergaderingen:agenda_beheer", pk=self.vergadering.pk)
        return self.render_to_response(self.get_context_data(intrekken_form=form), status=422)

    def post_document_actie(self, request, actie):
        """Remove a document (before publication) or withdraw it with a reason (after)."""
        document = get_object_or_404(Document, pk=request.POST.get("document") or 0, agendapunt=self.punt)
        if actie == "document_verwijderen":
            try:
                services.remove_document(document, door=request.user)
            except (ValidationError, NotAllowed) as exc:
                _message_from(request, exc)
            else:
                messages.success(request, _("%(naam)s is verwijderd.") % {"naam": document.naam})
            return redirect("vergaderingen:agendapunt_bewerken", pk=self.punt.pk)
        form = IntrekkenForm(request.POST, prefix=f"document-{document.pk}")
        if form.is_valid():
            try:
                services.withdraw_document(document, reden=form.cleaned_data["reden"], door=request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("%(naam)s is ingetrokken.") % {"naam": document.naam})
                return redirect("vergaderingen:agendapunt_bewerken", pk=self.punt.pk)
        return self.render_to_response(self.get_context_data(fout_document=(document.pk, form)), status=422)
