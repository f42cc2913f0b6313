"""The council member's page for their municipality and the questions on a version."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.views import PageView, refuse, write_form

from .. import permissions, selectors, services
from ..forms import (
    AntwoordForm,
    VraagForm,
)
from ..models import (
    Procedure,
    Vraag,
)
from ..policies import VRAAG
from ..regeling import regeling_voor
from ..templatetags.programma import maak_op
from ._gedeeld import LoginFirstMixin, _versie_or_404

# --- The council member's view -----------------------------------------------------------------------------------


class MijnGemeenteView(LoginFirstMixin, PageView):
    """A council member's page: their municipality's share per line and in total against last year, Q&A."""

    template_name = "programmas/mijn_gemeente.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.versie = _versie_or_404(request.user, kwargs["pk"])
            self.besturen = permissions.mijn_besturen(request.user, self.versie)
            refuse(bool(self.besturen))
            gekozen = request.GET.get("bestuur") or request.POST.get("bestuur")
            self.bestuur = next((b for b in self.besturen if str(b.pk) == str(gekozen)), self.besturen[0])
        return super().dispatch(request, *args, **kwargs)

    def vraagstellers(self):
        """The members the user asks on behalf of: `mijn_besturen`, read once per request in `dispatch`."""
        return self.besturen

    def get_context_data(self, form=None, **kwargs):
        regio = self.versie.jaarprogramma.regio
        regeling = regeling_voor(self.versie)
        tabel = selectors.verdelingstabel(self.versie, regeling, deelnemers=False)
        vragen = list(selectors.vragen_van(self.versie))
        selectors.met_titels(self.request.user, [*tabel.regels, *(v.regel for v in vragen if v.regel)])
        rij = tabel.rij_van(self.bestuur.pk)
        maak_op(tabel, rijen=[rij] if rij else [])
        vraagstellers = self.vraagstellers()
        if form is None and vraagstellers:
            form = VraagForm(
                regels=tabel.regels, besturen=vraagstellers, initial={"bestuur": self.bestuur.pk}
            )
        return super().get_context_data(
            versie=self.versie,
            regio=regio,
            regeling=regeling,
            bestuur=self.bestuur,
            besturen=self.besturen,
            tabel=tabel,
            rij=rij,
            aandeel=list(zip(tabel.regels, rij.bedragen_tekst, strict=True)) if rij else [],
            aandeel_procent=(rij.totaal / tabel.totaal * 100) if rij and tabel.totaal else None,
            vragen=vragen,
            form=form,
            besluit=selectors.besluit_van(self.versie, self.bestuur),
            beslisregel=selectors.beslisregel_tekst(regeling),
            zienswijzen=selectors.zienswijzen_van(self.versie)
            if regeling.procedure == Procedure.ZIENSWIJZE
            else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        vraagstellers = self.vraagstellers()
        refuse(VRAAG.permits(request.user, "ask", self.versie))
        regels = selectors.met_titels(request.user, selectors.regels_van(self.versie))
        form = VraagForm(request.POST, regels=regels, besturen=vraagstellers)
        vraag = write_form(
            request,
            form,
            lambda data: services.ask_question(
                self.versie,
                tekst=data["tekst"],
                door=request.user,
                regel=next((r for r in regels if r.pk == data["regel"]), None),
                bestuur=next(b for b in vraagstellers if b.pk == data["bestuur"]),
            ),
            _("Uw vraag is gesteld. Het secretariaat beantwoordt haar voor alle raden."),
        )
        if vraag is not None:
            return redirect(
                reverse("programmas:mijn_gemeente", args=[self.versie.pk]) + f"?bestuur={vraag.bestuur_id}"
            )
        return self.render_to_response(self.get_context_data(form=form))


class VragenView(PageView):
    """All questions on a version with their answers; the secretariat answers here."""

    template_name = "programmas/vragen.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        regio = versie.jaarprogramma.regio
        mag_antwoorden = permissions.can_manage_programma(user, regio)
        vragen = list(selectors.vragen_van(versie))
        selectors.met_titels(user, [v.regel for v in vragen if v.regel])
        return super().get_context_data(
            versie=versie,
            regio=regio,
            vragen=vragen,
            mag_antwoorden=mag_antwoorden,
            **kwargs,
        )


class VraagAntwoordView(LoginRequiredMixin, View):
    def post(self, request, pk):
        vraag = get_object_or_404(Vraag.objects.select_related("versie__jaarprogramma__regio"), pk=pk)
        if not permissions.can_view_versie(request.user, vraag.versie):
            raise Http404
        refuse(VRAAG.permits(request.user, "answer", vraag))
        form = AntwoordForm(request.POST)
        if form.is_valid():
            services.answer_question(vraag, antwoord=form.cleaned_data["antwoord"], door=request.user)
            messages.success(request, _("Het antwoord is gedeeld met de raden."))
        else:
            messages.error(request, _("Schrijf een antwoord."))
        return redirect(reverse("programmas:vragen", args=[vraag.versie_id]) + f"#vraag-{vraag.pk}")
