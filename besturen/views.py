"""Pages of regions, governments and bodies."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import connections
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from regioportaal import werklijst
from regioportaal.models import ActionLog
from regioportaal.paginering import paginate_sql
from regioportaal.permissions import NotAllowed
from regioportaal.views import PageView, form_errors_from, paginate, refuse

from . import permissions, selectors, services, views_fusies_beheer, weergave
from .forms import (
    AanstellingForm,
    BeeindigForm,
    ExternePartijForm,
    LidmaatschapForm,
    OrgaanForm,
    ReactieForm,
    RolForm,
    StukForm,
)
from .models import Bestuur, Deelname, Lidmaatschap, Orgaan, Regio, Rol, Stuk
from .policies import LidmaatschapPolicy, OrgaanPolicy, RegioPolicy, StukPolicy

WERKLIJST_OP_START = 10  # the start page shows this many; /werklijst/ shows all


class HomeView(PageView):
    """The regions; after login first the person's work list (its first `WERKLIJST_OP_START` items)."""

    template_name = "besturen/home.html"

    def get_context_data(self, **kwargs):
        werk = werklijst.items_for(self.request.user)
        regios = paginate_sql(self.request, *selectors.regio_kaarten_query(), using=Regio.objects.db)
        return super().get_context_data(
            regios=regios,
            kaarten=weergave.regio_kaarten(regios),
            werk=werk[:WERKLIJST_OP_START],
            werk_totaal=len(werk),
            vandaag=timezone.localdate(),
            **kwargs,
        )


class RegioView(PageView):
    template_name = "besturen/regio.html"
    htmx_partial = "leden"

    def get_context_data(self, **kwargs):
        regio = selectors.regio_met_slug(kwargs["slug"])
        if regio is None:
            raise Http404
        leden = paginate_sql(self.request, *selectors.regio_leden_query(regio), using=Deelname.objects.db)
        if leden.has_other_pages():
            totaal = selectors.regio_inwoners(regio)
        else:  # the one page holds every member: its total without another query
            totaal = sum(rij[4] or 0 for rij in leden)
        return super().get_context_data(
            regio=regio,
            leden=leden,
            leden_rijen=weergave.leden_rijen(leden, totaal),
            totaal_inwoners=totaal,
            organen=weergave.organen_lijst(
                _rijen(*selectors.organen_van_regio_query(regio), Orgaan.objects.db)
            ),
            acties=RegioPolicy().allowed(self.request.user, regio),
            **kwargs,
        )


def _rijen(sql, params, using):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class OrgaanView(PageView):
    template_name = "besturen/orgaan.html"
    htmx_partial = "samenstelling"

    def get_context_data(self, **kwargs):
        orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
        user = self.request.user
        # The seats as plain rows of a written-out query, their tables' rows written by weergave.zetel_rijen.
        leden = paginate_sql(
            self.request, *selectors.samenstelling_query(orgaan), using=Lidmaatschap.objects.db
        )
        oud_leden = paginate_sql(
            self.request, *selectors.oud_leden_query(orgaan), prefix="oud", using=Lidmaatschap.objects.db
        )
        stukken = paginate(
            self.request, selectors.stukken_visible_to(user).filter(orgaan=orgaan), prefix="stukken"
        )
        leden_rijen, oud_leden_rijen = weergave.zetel_rijen(leden, oud_leden, stukken)
        return super().get_context_data(
            orgaan=orgaan,
            leden=leden,
            leden_rijen=leden_rijen,
            oud_leden=oud_leden,
            oud_leden_rijen=oud_leden_rijen,
            stukken=stukken,
            acties=OrgaanPolicy().allowed(user, orgaan),
            **kwargs,
        )


class BestuurView(PageView):
    template_name = "besturen/bestuur.html"

    def get_context_data(self, **kwargs):
        bestuur = get_object_or_404(Bestuur, pk=kwargs["pk"])
        return super().get_context_data(
            bestuur=bestuur,
            deelnames=bestuur.deelnames.current().select_related("regio").order_by("regio__naam"),
            organen=selectors.organen_van(bestuur=bestuur),
            zetels=paginate(self.request, selectors.zetels_namens(bestuur)),
            bevolking=list(selectors.bevolkingsgeschiedenis(bestuur)),
            **kwargs,
        )


# --- Secretariat screens, items and accounts -------------------------------------------------------------------


class RegioBeheerView(LoginRequiredMixin, PageView):
    """The secretariat's overview of a region: its bodies (add one) and who holds which role since when."""

    template_name = "besturen/regio_beheer.html"
    htmx_partial = "organen"

    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        self.policy = RegioPolicy()
        if request.user.is_authenticated:
            refuse(self.policy.may(request.user, "manage", self.regio))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            regio=self.regio,
            organen=selectors.organen_van(regio=self.regio),
            rollen=paginate(self.request, selectors.rollen_in_regio(self.regio)),
            acties=self.policy.allowed(self.request.user, self.regio),
            zetels_te_herzien=views_fusies_beheer.zetels_te_herzien(self.regio),
            form=form or OrgaanForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = OrgaanForm(request.POST)
        if form.is_valid():
            try:
                orgaan = services.create_orgaan(door=request.user, regio=self.regio, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Orgaan %(naam)s toegevoegd.") % {"naam": orgaan.naam})
                if request.htmx:
                    return self.render_to_response(self.get_context_data())
                return redirect("besturen:regio_beheer", slug=self.regio.slug)
        return self.render_to_response(self.get_context_data(form=form), status=422 if request.htmx else 200)


class LogboekView(LoginRequiredMixin, PageView):
    template_name = "besturen/logboek.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        refuse(RegioPolicy().may(self.request.user, "view_logboek", regio))
        entries = ActionLog.objects.filter(scope=f"regio:{regio.pk}").select_related("actor")
        return super().get_context_data(regio=regio, entries=paginate(self.request, entries), **kwargs)


class LedenBeheerView(LoginRequiredMixin, PageView):
    """Add members to a body, change their role, end their seat, invite them (htmx forms)."""

    template_name = "besturen/leden_beheer.html"
    htmx_partial = "leden"

    def dispatch(self, request, *args, **kwargs):
        self.orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
        self.policy = OrgaanPolicy()
        if request.user.is_authenticated:
            refuse(self.policy.may(request.user, "manage_leden", self.orgaan))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, partij_form=None, **kwargs):
        user = self.request.user
        acties = self.policy.allowed(user, self.orgaan)
        leden = paginate(self.request, selectors.samenstelling(self.orgaan, met_toekomst=True))
        LidmaatschapPolicy(shares=self.policy).rows(user, self.orgaan, leden)
        return super().get_context_data(
            orgaan=self.orgaan,
            acties=acties,
            leden=leden,
            form=form or LidmaatschapForm(orgaan=self.orgaan),
            partij_form=partij_form or (ExternePartijForm() if acties.get("add_externe_partij") else None),
            rollen=Rol.choices,
            vandaag=timezone.localdate(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = LidmaatschapForm(request.POST, orgaan=self.orgaan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lid = services.add_member(
                    self.orgaan,
                    voornaam=data["voornaam"],
                    achternaam=data["achternaam"],
                    email=data["email"],
                    rol=data["rol"],
                    namens=data["namens"],
                    externe_partij=data.get("externe_partij"),
                    begindatum=data["begindatum"],
                    aanstellingsbesluit=data["aanstellingsbesluit"],
                    geplande_einddatum=data["geplande_einddatum"],
                    door=request.user,
                    reuse_confirmed=data["bestaande_persoon"],
                )
            except ValidationError as exc:
                if isinstance(exc, services.ConfirmationRequired):
                    form.ask_confirmation()
                form_errors_from(exc, form)
            else:
                if getattr(lid, "already_existed", False):
                    bericht = _("%(persoon)s had deze zetel al; er is niets veranderd.")
                else:
                    bericht = _("%(persoon)s is toegevoegd.")
                messages.success(request, bericht % {"persoon": lid.houder})
                if request.htmx:
                    return self.render_to_response(self.get_context_data())
                return redirect("besturen:leden_beheer", pk=self.orgaan.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422 if request.htmx else 200)


class ExternePartijView(LedenBeheerView):
    """Register an external party from a region's body's member screen (htmx: the member screen's section back)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        refuse(self.policy.may(request.user, "add_externe_partij", self.orgaan))
        form = ExternePartijForm(request.POST)
        if form.is_valid():
            try:
                partij = services.create_externe_partij(self.orgaan, door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request,
                    _("%(partij)s is toegevoegd; kies de partij nu bij Lid toevoegen.") % {"partij": partij},
                )
                if request.htmx:
                    return self.render_to_response(self.get_context_data())
                return redirect("besturen:leden_beheer", pk=self.orgaan.pk)
        context = self.get_context_data(partij_form=form)
        return self.render_to_response(context, status=422 if request.htmx else 200)


class LidmaatschapActionView(LoginRequiredMixin, View):
    """Change the role of one seat, end it, or invite its person; htmx gets the members table back."""

    forms = {"rol": RolForm, "aanstelling": AanstellingForm, "beeindigen": BeeindigForm, "uitnodigen": None}
    # the policy's names (the appointment act is recorded under the right to change the seat's role)
    actions = {"rol": "change_rol", "aanstelling": "change_rol", "beeindigen": "end", "uitnodigen": "invite"}

    def post(self, request, pk, actie):
        if actie not in self.forms:
            raise Http404
        lid = get_object_or_404(
            Lidmaatschap.objects.select_related("orgaan__regio", "persoon__user", "externe_partij"), pk=pk
        )
        refuse(LidmaatschapPolicy().holds(request.user, self.actions[actie], lid))
        form = self.forms[actie](request.POST) if self.forms[actie] else None
        if form is not None and not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            try:
                self.perform(actie, lid, form, request.user)
            except (ValidationError, NotAllowed) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        if request.htmx:
            view = LedenBeheerView(
                request=request, orgaan=lid.orgaan, policy=OrgaanPolicy(), kwargs={"pk": lid.orgaan_id}
            )
            return view.render_to_response(view.get_context_data())
        return redirect("besturen:leden_beheer", pk=lid.orgaan_id)

    def perform(self, actie, lid, form, user):
        persoon = {"persoon": lid.houder}
        if actie == "rol":
            services.change_rol(lid, rol=form.cleaned_data["rol"], door=user)
            messages.success(self.request, _("De rol van %(persoon)s is gewijzigd.") % persoon)
        elif actie == "aanstelling":
            services.record_aanstelling(lid, door=user, **form.cleaned_data)
            messages.success(self.request, _("De aanstelling van %(persoon)s is vastgelegd.") % persoon)
        elif actie == "beeindigen":
            data = form.cleaned_data
            services.end_lidmaatschap(lid, einddatum=data["einddatum"], reden=data["reden"], door=user)
            messages.success(self.request, _("Het lidmaatschap van %(persoon)s is beëindigd.") % persoon)
        else:
            LidmaatschapPolicy().require(user, "invite", lid)  # a party's own seat invites nobody
            account = services.invite_persoon(lid.persoon, door=user)
            if account.has_usable_password():
                bericht = _("%(persoon)s had al een account; het is nu aan deze persoon gekoppeld.")
            else:
                bericht = _("%(persoon)s krijgt een uitnodiging per e-mail.")
            messages.success(self.request, bericht % persoon)


class StukView(PageView):
    """One item of a body with its comments; 404 for who may not read it."""

    template_name = "besturen/stuk.html"

    def dispatch(self, request, *args, **kwargs):
        self.stuk = get_object_or_404(Stuk.objects.select_related("orgaan__regio", "auteur"), pk=kwargs["pk"])
        if not StukPolicy().may(request.user, "view", self.stuk):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        mag_reageren = StukPolicy().may(self.request.user, "comment", self.stuk)
        return super().get_context_data(
            stuk=self.stuk,
            reacties=self.stuk.reacties.select_related("auteur"),
            mag_reageren=mag_reageren,
            form=form or (ReactieForm() if mag_reageren else None),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        refuse(StukPolicy().may(request.user, "comment", self.stuk))
        form = ReactieForm(request.POST)
        if form.is_valid():
            services.add_reactie(self.stuk, tekst=form.cleaned_data["tekst"], door=request.user)
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect(self.stuk.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class StukNieuwView(LoginRequiredMixin, PageView):
    template_name = "besturen/stuk_nieuw.html"

    def dispatch(self, request, *args, **kwargs):
        self.orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=kwargs["pk"])
        if request.user.is_authenticated:
            refuse(OrgaanPolicy().may(request.user, "add_stuk", self.orgaan))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(orgaan=self.orgaan, form=form or StukForm(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = StukForm(request.POST)
        if form.is_valid():
            stuk = services.add_stuk(self.orgaan, door=request.user, **form.cleaned_data)
            messages.success(request, _("Het stuk is gedeeld."))
            return redirect(stuk.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class RegioKiezenView(LoginRequiredMixin, View):
    """Switch to another of the user's regions without logging in again."""

    def get(self, request):
        regio = get_object_or_404(permissions.regios_of(request.user), slug=request.GET.get("regio", ""))
        request.session["actieve_regio"] = regio.slug
        return redirect(regio.get_absolute_url())
