"""The P&C calendar of a region: a page per calendar year (the secretariat records steps here) and an iCalendar feed."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from besturen import permissions as besturen_permissions
from besturen.models import Regio
from regioportaal.views import PageView, refuse, write_form

from .. import kalender, services
from ..forms import ProgrammaInstellingForm, StapForm
from ..models import Jaarprogramma
from ..policies import PC_KALENDER
from ..regeling import regeling_van

JAAR_MIN, JAAR_MAX = 2000, 2100


def _stap_prefix(programma_pk, stap):
    return f"stap-{programma_pk}-{stap}"


def _programma_prefix(programma_pk):
    return f"programma-{programma_pk}"


class PcKalenderNuView(View):
    """The calendar of the current year."""

    def get(self, request, slug):
        regio = get_object_or_404(Regio, slug=slug)
        return redirect("programmas:pc_kalender", slug=regio.slug, jaar=timezone.localdate().year)


class PcKalenderView(PageView):
    """Every date of the region's P&C cycle in one calendar year, with its state; the secretariat records steps.

    Whoever reads the region page reads it: the region's bodies, councils and secretariat see every programme, anyone
    else the programmes with a public version (as on the programme overview).
    """

    template_name = "programmas/pc_kalender.html"

    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio.objects.select_related("programmaregeling"), slug=kwargs["slug"])
        self.jaar = kwargs["jaar"]
        if not JAAR_MIN <= self.jaar <= JAAR_MAX:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def vandaag(self):
        return timezone.localdate()

    def get_context_data(self, gebonden=None, **kwargs):
        user = self.request.user
        besloten = besturen_permissions.can_view_besloten_regio(user, self.regio)
        acties = PC_KALENDER.allowed(user, self.regio)
        gegevens = kalender.programmas(Jaarprogramma.objects.filter(regio=self.regio), besloten=besloten)
        momenten = kalender.momenten(gegevens, jaar=self.jaar, vandaag=self.vandaag())
        context = {
            "regio": self.regio,
            "jaar": self.jaar,
            "vorig_jaar": self.jaar - 1 if self.jaar > JAAR_MIN else None,
            "volgend_jaar": self.jaar + 1 if self.jaar < JAAR_MAX else None,
            "momenten": momenten,
            "acties": acties,
            "stappen": [],
            "instellingen": [],
        }
        if acties:
            context.update(self.formulieren(gegevens, momenten, gebonden or {}, acties))
        kwargs.pop("slug", None)
        kwargs.pop("jaar", None)
        return super().get_context_data(**context, **kwargs)

    def formulieren(self, gegevens, momenten, gebonden, acties):
        """A form per open step of this year, and a form per programme of this year or the next (or with a date here),
        each for the actions the policy offers."""
        stappen = []
        for moment in momenten if acties.get("record_stap") else ():
            for stap in moment.stappen:
                prefix = _stap_prefix(moment.programma.pk, stap)
                stappen.append(
                    {
                        "moment": moment,
                        "stap": stap,
                        "label": kalender.STAP_LABELS[stap],
                        "form": gebonden.get(prefix) or StapForm(prefix=prefix),
                    }
                )
        regio_procedure = regeling_van(self.regio).procedure
        in_beeld = {m.programma.pk for m in momenten}
        instellingen = []
        te_regelen = gegevens if acties.get("update_programma") else ()
        for g in sorted(te_regelen, key=lambda g: (g.programma.jaar, g.programma.soort)):
            programma = g.programma
            if programma.jaar not in (self.jaar, self.jaar + 1) and programma.pk not in in_beeld:
                continue
            prefix = _programma_prefix(programma.pk)
            form = gebonden.get(prefix) or ProgrammaInstellingForm(
                prefix=prefix,
                regio_procedure=regio_procedure,
                initial={"procedure": programma.procedure, "behandeldatum": programma.behandeldatum},
            )
            instellingen.append({"gegevens": g, "programma": programma, "form": form})
        return {"stappen": stappen, "instellingen": instellingen}

    #: The policy's action behind each form of the page.
    ACTIES = {"stap": "record_stap", "programma": "update_programma"}

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        actie = request.POST.get("actie")
        refuse(PC_KALENDER.permits(request.user, self.ACTIES.get(actie, "update_programma"), self.regio))
        try:
            pk = int(request.POST.get("programma", ""))
        except ValueError:
            raise Http404 from None
        programma = get_object_or_404(Jaarprogramma, pk=pk, regio=self.regio)
        if actie == "stap":
            prefix, form = self.stap(request, programma)
        elif actie == "programma":
            prefix, form = self.instelling(request, programma)
        else:
            raise Http404
        if form is None:
            return redirect(reverse("programmas:pc_kalender", args=[self.regio.slug, self.jaar]))
        return self.render_to_response(self.get_context_data(gebonden={prefix: form}))

    def stap(self, request, programma):
        stap = request.POST.get("stap", "")
        if stap not in kalender.STAP_LABELS:
            raise Http404
        prefix = _stap_prefix(programma.pk, stap)
        form = StapForm(request.POST, prefix=prefix)
        gedaan = write_form(
            request,
            form,
            lambda data: services.record_pc_stap(
                programma, stap=stap, datum=data["datum"], door=request.user
            ),
            _("Vastgelegd: %(stap)s (%(programma)s).")
            % {"stap": kalender.STAP_LABELS[stap], "programma": programma},
        )
        return prefix, None if gedaan is not None else form

    def instelling(self, request, programma):
        prefix = _programma_prefix(programma.pk)
        form = ProgrammaInstellingForm(
            request.POST, prefix=prefix, regio_procedure=regeling_van(self.regio).procedure
        )
        gedaan = write_form(
            request,
            form,
            lambda data: services.update_jaarprogramma(
                programma, door=request.user, procedure=data["procedure"], behandeldatum=data["behandeldatum"]
            ),
            lambda programma: _("%(programma)s is bijgewerkt.") % {"programma": programma},
        )
        return prefix, None if gedaan is not None else form


class PcKalenderFeedView(View):
    """The region's P&C calendar as iCalendar: every year, public programmes only, one all-day event per date."""

    def get(self, request, slug):
        regio = get_object_or_404(Regio.objects.select_related("programmaregeling"), slug=slug)
        momenten = kalender.kalender(regio, besloten=False)
        tekst = kalender.ical(momenten, naam=_("P&C-kalender %(regio)s") % {"regio": regio.naam})
        response = HttpResponse(tekst.encode("utf-8"), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="pc-kalender-{regio.slug}.ics"'
        response["Cache-Control"] = "private, max-age=900"
        return response
