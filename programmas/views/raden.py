"""The councils: the secretariat's status board, a council's decision, its deadline, the answer to a view, the decision document and the public status."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.views import PageView, refuse, write_form

from .. import permissions, selectors, services, termijnen, weergave, workflow
from ..forms import (
    RaadDeadlineForm,
    RaadsbesluitForm,
    ZienswijzeAntwoordForm,
)
from ..models import (
    Procedure,
    Raadsbesluit,
    Registratie,
    Uitkomst,
)
from ..policies import RAADSBESLUIT
from ..regeling import regeling_voor
from ._gedeeld import LoginFirstMixin, _messages_of, _versie_or_404, pdf_download

# --- The secretariat's status board ------------------------------------------------------------------------------


def _zienswijze_context(versie, regeling):
    """The views given and their terms, on the pages of a version on the zienswijze route (empty otherwise)."""
    if regeling.procedure != Procedure.ZIENSWIJZE:
        return {"zienswijzen": [], "termijnen": []}
    return {
        "zienswijzen": selectors.zienswijzen_van(versie),
        "termijnen": selectors.zienswijze_termijnen(versie, regeling),
    }


class StatusbordView(LoginFirstMixin, PageView):
    """Members × outcome with deadlines and overdue councils; filter by outcome (htmx, shareable URL)."""

    template_name = "programmas/statusbord.html"
    htmx_partial = "besluiten"

    def get_context_data(self, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        refuse(permissions.can_view_statusbord(user, versie))
        regeling = regeling_voor(versie)
        uitkomsten = [Uitkomst.OPEN, *workflow.UITKOMSTEN[regeling.procedure]]
        keuzes = [("", _("alle uitkomsten"))] + [(u.value, u.label) for u in uitkomsten]
        keuzes.append((selectors.TE_LAAT, _("te laat (termijn verstreken, nog geen besluit)")))
        filter_ = self.request.GET.get("uitkomst", "")
        if filter_ not in dict(keuzes):
            filter_ = ""
        rijen = selectors.statusbord_rijen(versie, uitkomst=filter_)
        # The unfiltered board has every decision of the version: the count needs no query of its own.
        beslissing = weergave.beslissing_html(
            selectors.beslissing(
                versie,
                regeling,
                uitkomsten=None if filter_ else [(rij.uitkomst, rij.inwoners) for rij in rijen],
            )
        )
        return super().get_context_data(
            versie=versie,
            regio=versie.jaarprogramma.regio,
            regeling=regeling,
            rijen=weergave.statusbord_html(rijen),
            tellingen=beslissing.lijst,
            tellingen_html=weergave.tellingen_html(beslissing.lijst),
            keuzes=keuzes,
            keuzes_html=weergave.keuzes_html(keuzes, filter_),
            filter=filter_,
            filter_label=dict(keuzes)[filter_],
            beslissing=beslissing,
            beslisregel=selectors.beslisregel_tekst(regeling),
            **_zienswijze_context(versie, regeling),
            **kwargs,
        )


# --- A council's decision ----------------------------------------------------------------------------------------


class RaadsbesluitView(PageView):
    """A council's decision: its history for whoever may read the version; the form for its secretary only."""

    template_name = "programmas/raadsbesluit.html"

    def dispatch(self, request, *args, **kwargs):
        self.besluit = get_object_or_404(
            Raadsbesluit.objects.select_related("bestuur", "raad", "versie__jaarprogramma__regio"),
            pk=kwargs["pk"],
        )
        if not permissions.can_view_versie(request.user, self.besluit.versie):
            raise Http404
        self.regeling = regeling_voor(self.besluit.versie)
        return super().dispatch(request, *args, **kwargs)

    def correctie(self):
        return workflow.is_correctie(self.besluit.uitkomst)

    def vastleggen(self):
        """The policy's action for this decision's form: recording it, or correcting it once recorded."""
        return "correct" if self.correctie() else "record"

    def get_context_data(self, form=None, antwoord_form=None, deadline_form=None, **kwargs):
        user = self.request.user
        besluit = self.besluit
        allowed = RAADSBESLUIT.allowed(user, besluit)
        if deadline_form is None and allowed.get("set_deadline"):
            deadline_form = RaadDeadlineForm(initial={"deadline": besluit.deadline})
        mag_vastleggen = RAADSBESLUIT.permits(user, self.vastleggen(), besluit)
        open_voor_besluit = selectors.open_voor_raden(besluit.versie)
        if form is None and allowed.get(self.vastleggen()):
            form = RaadsbesluitForm(procedure=self.regeling.procedure, correctie=self.correctie())
        if antwoord_form is None and allowed.get("answer_zienswijze"):
            antwoord_form = ZienswijzeAntwoordForm(initial={"antwoord": besluit.antwoord})
        return super().get_context_data(
            besluit=besluit,
            versie=besluit.versie,
            regio=besluit.versie.jaarprogramma.regio,
            registraties=selectors.registraties_van(besluit),
            mag_vastleggen=mag_vastleggen,
            open_voor_besluit=open_voor_besluit,
            correctie=self.correctie(),
            form=form,
            antwoord_form=antwoord_form,
            deadline_form=deadline_form,
            te_laat=termijnen.is_te_laat(besluit.uitkomst, besluit.deadline, timezone.localdate()),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        refuse(RAADSBESLUIT.permits(request.user, self.vastleggen(), self.besluit))
        form = RaadsbesluitForm(
            request.POST, request.FILES, procedure=self.regeling.procedure, correctie=self.correctie()
        )
        gedaan = write_form(
            request,
            form,
            lambda data: services.record_raadsbesluit(
                self.besluit,
                door=request.user,
                uitkomst=data["uitkomst"],
                datum_raad=data["datum_raad"],
                stemmen_voor=data["stemmen_voor"],
                stemmen_tegen=data["stemmen_tegen"],
                onthoudingen=data["onthoudingen"],
                amendement=data.get("amendement", ""),
                zienswijze=data.get("zienswijze", ""),
                document=data["document"] or None,
                reden=data.get("reden", ""),
            ),
            _("Het besluit van %(bestuur)s is vastgelegd.") % {"bestuur": self.besluit.bestuur},
        )
        if gedaan is not None:
            return redirect(self.besluit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class RaadDeadlineView(LoginRequiredMixin, View):
    """The secretariat gives one council its own deadline (never shorter than the law allows)."""

    def post(self, request, pk):
        besluit = get_object_or_404(
            Raadsbesluit.objects.select_related("bestuur", "raad", "versie__jaarprogramma__regio"), pk=pk
        )
        if not permissions.can_view_versie(request.user, besluit.versie):
            raise Http404
        refuse(RAADSBESLUIT.permits(request.user, "set_deadline", besluit))
        form = RaadDeadlineForm(request.POST)
        gedaan = write_form(
            request,
            form,
            lambda data: services.set_raad_deadline(besluit, deadline=data["deadline"], door=request.user),
            lambda besluit: (
                _("De uiterste datum van %(bestuur)s is %(datum)s.")
                % {"bestuur": besluit.bestuur, "datum": date_format(besluit.deadline)}
            ),
        )
        if gedaan is not None:
            return redirect(besluit.get_absolute_url())
        view = RaadsbesluitView()
        view.setup(request, pk=pk)
        view.besluit = besluit
        view.regeling = regeling_voor(besluit.versie)
        return view.render_to_response(view.get_context_data(deadline_form=form))


class ZienswijzeAntwoordView(LoginRequiredMixin, View):
    def post(self, request, pk):
        besluit = get_object_or_404(
            Raadsbesluit.objects.select_related("versie__jaarprogramma__regio"), pk=pk
        )
        if not permissions.can_view_versie(request.user, besluit.versie):
            raise Http404
        refuse(RAADSBESLUIT.permits(request.user, "answer_zienswijze", besluit))
        form = ZienswijzeAntwoordForm(request.POST)
        if form.is_valid():
            try:
                services.answer_zienswijze(besluit, antwoord=form.cleaned_data["antwoord"], door=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(_messages_of(exc)))
            else:
                messages.success(request, _("De zienswijze is beantwoord."))
        else:
            messages.error(request, _("Schrijf een antwoord op de zienswijze."))
        return redirect(besluit.get_absolute_url())


class DocumentView(View):
    """Serve a decision document from MEDIA_ROOT, only to whoever may read the version (404 otherwise)."""

    def get(self, request, pk):
        registratie = get_object_or_404(
            Registratie.objects.select_related("besluit__versie__jaarprogramma__regio", "besluit__bestuur"),
            pk=pk,
        )
        if not registratie.document or not permissions.can_view_versie(
            request.user, registratie.besluit.versie
        ):
            raise Http404
        naam = f"besluit-{slugify(registratie.besluit.bestuur.naam)}-{registratie.datum_raad:%Y-%m-%d}.pdf"
        response = pdf_download(registratie.document, naam)
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- Public status of a programme --------------------------------------------------------------------------------


class StatusView(PageView):
    """Where an adopted programme stands with the councils: public once the version is public."""

    template_name = "programmas/status.html"

    def get_context_data(self, **kwargs):
        versie = _versie_or_404(self.request.user, kwargs["pk"])
        regeling = regeling_voor(versie)
        routed = versie.voorgelegd_op is not None
        rijen = selectors.statusbord_rijen(versie) if routed else []
        return super().get_context_data(
            versie=versie,
            regio=versie.jaarprogramma.regio,
            regeling=regeling,
            rijen=rijen,
            # Every decision of the version is a row: the count needs no query of its own.
            beslissing=weergave.beslissing_html(
                selectors.beslissing(versie, regeling, uitkomsten=[(r.uitkomst, r.inwoners) for r in rijen])
            )
            if routed
            else None,
            beslisregel=selectors.beslisregel_tekst(regeling),
            **_zienswijze_context(versie, regeling),
            **kwargs,
        )
