"""Pages of meetings (calendar, meeting, agenda builder, decisions, minutes), calendars and planning days.

404 for what a user may not see, 403 for what they may not do on what they can see.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Orgaan, Regio
from regioportaal import ical
from regioportaal.exports import streaming_csv_response
from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, refuse

from . import permissions, selectors, services
from .documenten import MIME
from .forms import (
    AanwezigheidForm,
    AfwijzenForm,
    AgendapuntForm,
    BesluitForm,
    DocumentForm,
    InschrijvingForm,
    NotulenForm,
    VergaderingForm,
    VoorkeurForm,
    VoorstelForm,
)
from .models import (
    Agendapunt,
    AgendapuntStatus,
    Bijeenkomst,
    Document,
    Inschrijving,
    KalenderToken,
    Vergadering,
    VergaderingStatus,
)


def _message_from(request, exc):
    messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))


def _vergadering_or_404(request, pk):
    vergadering = get_object_or_404(
        Vergadering.objects.select_related("orgaan__regio", "orgaan__bestuur"), pk=pk
    )
    if not permissions.can_view_vergadering(request.user, vergadering):
        raise Http404
    return vergadering


class _ManageMixin:
    """The secretariat's pages: 404 if the meeting is hidden, login for the anonymous, else 403 if not allowed."""

    def dispatch(self, request, *args, **kwargs):
        self.vergadering = self.get_vergadering(request, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_manage_vergaderingen(request.user, self.vergadering.orgaan))
        return super().dispatch(request, *args, **kwargs)

    def get_vergadering(self, request, **kwargs):
        return _vergadering_or_404(request, kwargs["pk"])


# --- A body's meetings -----------------------------------------------------------------------------------------


class KalenderView(PageView):
    """Upcoming and past meetings of a body; the secretariat plans a new one here."""

    template_name = "vergaderingen/kalender.html"

    def dispatch(self, request, *args, **kwargs):
        self.orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
        self.lid = permissions.is_lid(request.user, self.orgaan)
        self.mag_beheren = permissions.can_manage_vergaderingen(request.user, self.orgaan)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        komend, voorbij = selectors.komend_en_voorbij(selectors.vergaderingen_van(self.orgaan, lid=self.lid))
        return super().get_context_data(
            orgaan=self.orgaan,
            komend=list(komend[:50]),
            voorbij=list(voorbij[:50]),
            lid=self.lid,
            mag_beheren=self.mag_beheren,
            form=form or (VergaderingForm() if self.mag_beheren else None),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(self.mag_beheren)
        form = VergaderingForm(request.POST)
        if form.is_valid():
            try:
                vergadering = services.plan_vergadering(self.orgaan, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Vergadering gepland. Stel nu de agenda op."))
                return redirect("vergaderingen:agenda_beheer", pk=vergadering.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class VergaderingView(PageView):
    """A meeting: agenda, documents, decisions, votes, attendance; members propose items here."""

    template_name = "vergaderingen/vergadering.html"

    def dispatch(self, request, *args, **kwargs):
        self.vergadering = _vergadering_or_404(request, kwargs["pk"])
        self.lid = permissions.is_lid(request.user, self.vergadering.orgaan)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        vergadering = self.vergadering
        user = self.request.user
        mag_voorstellen = permissions.can_propose_agendapunt(user, vergadering)
        gehouden = vergadering.status in (VergaderingStatus.AFGELOPEN, VergaderingStatus.NOTULEN_GOEDGEKEURD)
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            punten=selectors.agenda(vergadering, met_besloten=self.lid),
            lid=self.lid,
            mag_beheren=permissions.can_manage_vergaderingen(user, vergadering.orgaan),
            mag_voorstellen=mag_voorstellen,
            form=form or (VoorstelForm() if mag_voorstellen else None),
            aanwezigheden=selectors.aanwezigheden(vergadering) if gehouden else [],
            gehouden=gehouden,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_propose_agendapunt(request.user, self.vergadering))
        form = VoorstelForm(request.POST)
        if form.is_valid():
            try:
                services.propose_agendapunt(self.vergadering, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Uw voorstel is bij het secretariaat. U ziet het hier als het is geagendeerd.")
                )
                return redirect(self.vergadering.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)


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
        vergadering = self.vergadering
        punten = selectors.agenda(vergadering, met_besloten=True)
        return super().get_context_data(
            vergadering=vergadering,
            orgaan=vergadering.orgaan,
            punten=punten,
            voorstellen=selectors.voorstellen(vergadering),
            open=permissions.can_edit_agenda(self.request.user, vergadering),
            bevroren=vergadering.agenda_gepubliceerd,
            volgende=services.volgende_vergadering(vergadering),
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
        return super().get_context_data(
            punt=self.punt,
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


class VergaderingActionView(LoginRequiredMixin, View):
    """Publish the agenda or mark the meeting as held."""

    def post(self, request, pk, actie):
        acties = {"publiceren": services.publish_agenda, "afsluiten": services.close_vergadering}
        if actie not in acties:
            raise Http404
        vergadering = _vergadering_or_404(request, pk)
        refuse(permissions.can_manage_vergaderingen(request.user, vergadering.orgaan))
        try:
            acties[actie](vergadering, door=request.user)
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
            return redirect("vergaderingen:agenda_beheer", pk=vergadering.pk)
        if actie == "publiceren":
            messages.success(request, _("De agenda is gepubliceerd; de leden krijgen bericht."))
        else:
            messages.success(request, _("De vergadering is afgelopen. Leg nu de besluiten vast."))
        return redirect(vergadering.get_absolute_url())


class VerslagView(_ManageMixin, PageView):
    """After the meeting: attendance and the draft minutes."""

    template_name = "vergaderingen/verslag.html"

    def get_context_data(self, aanwezigheid_form=None, notulen_form=None, **kwargs):
        zetels = selectors.zetels_op(self.vergadering)
        bestaand = {a.lidmaatschap_id: a.status for a in self.vergadering.aanwezigheden.all()}
        return super().get_context_data(
            vergadering=self.vergadering,
            orgaan=self.vergadering.orgaan,
            open=self.vergadering.status == VergaderingStatus.AFGELOPEN,
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
            open=permissions.can_record_besluit(self.request.user, self.vergadering),
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


# --- Files -----------------------------------------------------------------------------------------------------


def _attachment(file, filename, content_type):
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DocumentView(View):
    """Download a document, for whoever may see the item (or the planning day) it belongs to."""

    def get(self, request, pk):
        document = get_object_or_404(
            Document.objects.select_related("agendapunt__vergadering__orgaan__regio"), pk=pk
        )
        if not permissions.can_view_document(request.user, document):
            raise Http404
        return _attachment(document.bestand, document.naam, MIME[document.soort])


class AgendaPdfView(View):
    """The agenda PDF: the full one for the members, the public one for everyone else."""

    def get(self, request, pk):
        vergadering = _vergadering_or_404(request, pk)
        if not vergadering.agenda_gepubliceerd:
            raise Http404
        volledig = permissions.is_lid(request.user, vergadering.orgaan)
        bestand = vergadering.agenda_pdf_volledig if volledig else vergadering.agenda_pdf
        if not bestand:
            raise Http404(_("De PDF wordt nog gemaakt."))
        datum = timezone.localtime(vergadering.begin).date().isoformat()
        return _attachment(bestand, f"agenda-{datum}.pdf", "application/pdf")


# --- Calendars -------------------------------------------------------------------------------------------------


def _ics_response(text, filename):
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


class OrgaanFeedView(View):
    """The public calendar of a body: its meetings with a published agenda, public items only."""

    def get(self, request, pk):
        orgaan = get_object_or_404(Orgaan, pk=pk)
        vergaderingen = selectors.openbare_vergaderingen(orgaan)
        events = [services.vergadering_event(v, met_besloten=False) for v in vergaderingen]
        return _ics_response(ical.calendar(events, name=str(orgaan)), f"orgaan-{orgaan.pk}.ics")


class PersoonlijkeFeedView(View):
    """A user's own calendar: every meeting of their bodies, behind a secret, revocable URL."""

    def get(self, request, token):
        kalender = KalenderToken.objects.select_related("user").filter(token=token).first()
        if kalender is None or not kalender.user.is_active:
            raise Http404
        user = kalender.user
        events = [
            services.vergadering_event(v, met_besloten=True)
            for v in selectors.persoonlijke_vergaderingen(user, feed=True)
        ]
        response = _ics_response(
            ical.calendar(events, name=_("Mijn vergaderingen")), "mijn-vergaderingen.ics"
        )
        response["X-Robots-Tag"] = "noindex"
        return response


class MijnAgendaView(LoginRequiredMixin, PageView):
    """The personal calendar link (and its revocation) and how the user wants to hear of agendas."""

    template_name = "vergaderingen/mijn_agenda.html"

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        token = selectors.kalendertoken_van(user)  # a GET never creates one; the button below does
        feed = (
            self.request.build_absolute_uri(
                reverse("vergaderingen:persoonlijke_feed", kwargs={"token": token.token})
            )
            if token
            else None
        )
        return super().get_context_data(
            feed=feed,
            form=form or VoorkeurForm(initial={"frequentie": user.meldingen}),
            vergaderingen=list(
                selectors.persoonlijke_vergaderingen(user).filter(einde__gte=timezone.now())[:20]
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("actie") == "vernieuwen":
            services.renew_kalendertoken(request.user, door=request.user)
            messages.success(request, _("U hebt een nieuwe agenda-link. Een eerdere link werkt niet meer."))
            return redirect("vergaderingen:mijn_agenda")
        form = VoorkeurForm(request.POST)
        if form.is_valid():
            services.set_notificatievoorkeur(
                request.user, frequentie=form.cleaned_data["frequentie"], door=request.user
            )
            messages.success(request, _("Uw voorkeur is bewaard."))
            return redirect("vergaderingen:mijn_agenda")
        return self.render_to_response(self.get_context_data(form=form), status=422)


# --- Region overview and planning days -------------------------------------------------------------------------


class RegioAgendaView(PageView):
    """A region's bodies (each with its meeting calendar) and its planning days."""

    template_name = "vergaderingen/regio_agenda.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        return super().get_context_data(
            regio=regio,
            organen=list(regio.organen.order_by("naam")),
            bijeenkomsten=list(regio.bijeenkomsten.order_by("-datum")[:20]),
            **kwargs,
        )


class BijeenkomstView(PageView):
    """A planning day: schedule, sessions with free seats, working documents, and registration."""

    template_name = "vergaderingen/bijeenkomst.html"

    def dispatch(self, request, *args, **kwargs):
        self.bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("regio"), pk=kwargs["pk"])
        self.blokken = selectors.programma(self.bijeenkomst)
        self.mag_inschrijven = permissions.can_register(request.user, self.bijeenkomst)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        inschrijving = selectors.eigen_inschrijving(self.bijeenkomst, user)
        open_ = services.inschrijving_open(self.bijeenkomst)
        if form is None and self.mag_inschrijven and open_ and inschrijving is None:
            form = InschrijvingForm(
                bijeenkomst=self.bijeenkomst,
                blokken=self.blokken,
                initial={"bestuur": services.bestuur_van(user, self.bijeenkomst.regio)},
            )
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            blokken=self.blokken,
            inschrijving=inschrijving,
            open=open_,
            mag_inschrijven=self.mag_inschrijven,
            mag_organiseren=permissions.can_organise_bijeenkomst(user, self.bijeenkomst.regio),
            form=form,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(self.mag_inschrijven)
        form = InschrijvingForm(request.POST, bijeenkomst=self.bijeenkomst, blokken=self.blokken)
        if form.is_valid():
            try:
                inschrijving = services.register(
                    self.bijeenkomst,
                    bestuur=form.cleaned_data["bestuur"],
                    sessies=form.sessies(),
                    door=request.user,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                wachtlijst = inschrijving.keuzes.filter(status="wachtlijst").exists()
                if wachtlijst:
                    messages.warning(
                        request,
                        _("U bent ingeschreven, maar staat voor een volzette sessie op de wachtlijst."),
                    )
                else:
                    messages.success(request, _("U bent ingeschreven. U krijgt een bevestiging per e-mail."))
                return redirect(self.bijeenkomst.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)


class AnnulerenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        inschrijving = get_object_or_404(Inschrijving.objects.select_related("bijeenkomst__regio"), pk=pk)
        if inschrijving.user_id != request.user.pk and not permissions.can_organise_bijeenkomst(
            request.user, inschrijving.bijeenkomst.regio
        ):
            raise Http404
        try:
            services.cancel_inschrijving(inschrijving, door=request.user)
        except (ValidationError, NotAllowed) as exc:
            _message_from(request, exc)
        else:
            messages.success(request, _("Uw inschrijving is geannuleerd."))
        return redirect(inschrijving.bijeenkomst.get_absolute_url())


class _OrganiserMixin:
    def dispatch(self, request, *args, **kwargs):
        self.bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("regio"), pk=kwargs["pk"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_organise_bijeenkomst(request.user, self.bijeenkomst.regio))
        return super().dispatch(request, *args, **kwargs)


class OverzichtView(_OrganiserMixin, PageView):
    """The organiser's overview: participants per member government and theme."""

    template_name = "vergaderingen/overzicht.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst, overzicht=selectors.overzicht(self.bijeenkomst), **kwargs
        )


class DeelnemersCsvView(_OrganiserMixin, View):
    """The participants as CSV, streamed row by row."""

    def get(self, request, *args, **kwargs):
        kop = [
            _("naam"),
            _("e-mailadres"),
            _("namens"),
            _("blok"),
            _("werksessie"),
            _("status"),
            _("ingeschreven op"),
        ]

        def rijen():
            yield kop
            for keuze in selectors.deelnemers(self.bijeenkomst).iterator(chunk_size=500):
                inschrijving = keuze.inschrijving
                yield [
                    inschrijving.user.get_full_name(),
                    inschrijving.user.email,
                    inschrijving.bestuur,
                    keuze.werksessie.blok.titel,
                    keuze.werksessie.thema,
                    keuze.get_status_display(),
                    timezone.localtime(inschrijving.tijdstip).strftime("%Y-%m-%d %H:%M"),
                ]

        response = streaming_csv_response(rijen(), f"deelnemers-{self.bijeenkomst.pk}.csv", delimiter=";")
        patch_vary_headers(response, ["Cookie"])
        return response
