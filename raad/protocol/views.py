"""The pages of the information protocol: the region's protocol (public; the secretariat also adds, changes, ends
and resumes agreements and sees missing input), and per council what it received (its members and secretary, and the
region's secretariat)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from besturen.models import Bestuur, Regio
from regioportaal.views import PageView, paginate, refuse, write_form

from ..models import Informatieafspraak, Informatiezending
from . import selectors, services
from .forms import AfspraakForm
from .policies import InformatieafspraakPolicy, Raadsregio


def _regio(slug):
    return get_object_or_404(Regio, slug=slug)


class _BeheerMixin:
    """Anonymous visitors log in first; whoever may not manage the region gets 403."""

    def dispatch(self, request, *args, **kwargs):
        self.regio = _regio(kwargs["slug"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.policy = InformatieafspraakPolicy()
        refuse(self.policy.may(request.user, "manage", self.regio))
        return super().dispatch(request, *args, **kwargs)

    def terug(self):
        return redirect(reverse("raad:informatieprotocol", kwargs={"slug": self.regio.slug}))


class ProtocolView(PageView):
    """What the region's councils receive and when; for the secretariat also what is due, what is missing, and per
    council what it received."""

    template_name = "raad/protocol/protocol.html"

    def get_context_data(self, **kwargs):
        regio = _regio(kwargs.pop("slug"))
        beheer = InformatieafspraakPolicy().may(self.request.user, "manage", regio)
        acties = {"manage": beheer}
        vandaag = timezone.localdate()
        standen = selectors.stand_van(
            selectors.afspraken_van(regio), vandaag, ontbrekend_in=regio if beheer else None
        )
        raden = list(selectors.raden_met_zendingen(regio, vandaag)) if beheer else []
        return super().get_context_data(
            regio=regio,
            acties=acties,
            standen=standen,
            waarschuwingen=[(s.afspraak, m, titels) for s in standen for m, titels in s.gewaarschuwd],
            raden=raden,
            aantal_raden=len(raden),
            vandaag=vandaag,
            **kwargs,
        )


class AfspraakView(_BeheerMixin, PageView):
    """Add an agreement (no pk) or change one."""

    template_name = "raad/protocol/afspraak.html"

    def dispatch(self, request, *args, **kwargs):
        self.pk = kwargs.get("pk")
        return super().dispatch(request, *args, **kwargs)

    def afspraak(self):
        if self.pk is None:
            return None
        return get_object_or_404(
            Informatieafspraak.objects.select_related("orgaan"), regio=self.regio, pk=self.pk
        )

    def get_context_data(self, form=None, **kwargs):
        afspraak = self.afspraak()
        if form is None:
            initial = AfspraakForm.initial_van(afspraak) if afspraak else {"begindatum": timezone.localdate()}
            form = AfspraakForm(regio=self.regio, initial=initial)
        return super().get_context_data(regio=self.regio, afspraak=afspraak, form=form)

    def post(self, request, *args, **kwargs):
        afspraak = self.afspraak()
        form = AfspraakForm(request.POST, regio=self.regio)
        if afspraak is None:
            schrijf = lambda data: services.create_afspraak(self.regio, door=request.user, **data)  # noqa: E731
            bericht = _("De informatieafspraak is toegevoegd.")
        else:
            schrijf = lambda data: services.update_afspraak(afspraak, door=request.user, **data)  # noqa: E731
            bericht = _("De informatieafspraak is gewijzigd.")
        if write_form(request, form, schrijf, bericht) is not None:
            return self.terug()
        return self.render_to_response(self.get_context_data(form=form))


class AfspraakActiefView(_BeheerMixin, View):
    """End an agreement, or resume an ended one (POST)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        afspraak = get_object_or_404(Informatieafspraak, regio=self.regio, pk=kwargs["pk"])
        actief = kwargs["actie"] == "hervatten"
        services.set_afspraak_actief(afspraak, actief, door=request.user)
        messages.success(
            request,
            _("De informatieafspraak is hervat.") if actief else _("De informatieafspraak is beëindigd."),
        )
        return self.terug()


class _RaadMixin:
    """The council of a member government in a region: 404 for whoever may not read what it received."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        regio = _regio(kwargs["regio"])
        bestuur = Bestuur.objects.filter(code=kwargs["gemeente"], deelnames__regio=regio).distinct().first()
        if bestuur is None:
            raise Http404
        self.raadsregio = Raadsregio(bestuur, regio)
        if not InformatieafspraakPolicy().may(request.user, "view_log", self.raadsregio):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def context(self):
        return {"bestuur": self.raadsregio.bestuur, "regio": self.raadsregio.regio}


class InformatieView(_RaadMixin, PageView):
    """What the council received under the region's protocol, newest first."""

    template_name = "raad/protocol/informatie.html"

    def get_context_data(self, **kwargs):
        bestuur, regio = self.raadsregio
        pagina = paginate(self.request, selectors.zendingen_aan(bestuur, regio))
        return super().get_context_data(pagina=pagina, **self.context())


class ZendingView(_RaadMixin, PageView):
    """One item as the council received it, with its recipients."""

    template_name = "raad/protocol/zending.html"

    def get_context_data(self, **kwargs):
        bestuur, regio = self.raadsregio
        zending = get_object_or_404(
            Informatiezending.objects.select_related("afspraak"),
            pk=kwargs["pk"],
            bestuur=bestuur,
            afspraak__regio=regio,
        )
        meldingen = zending.meldingen.select_related("user").order_by("pk")
        return super().get_context_data(zending=zending, meldingen=meldingen, **self.context())
