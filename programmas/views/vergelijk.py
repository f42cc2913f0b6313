"""Comparing two versions of one programme."""

from django.http import Http404

from regioportaal.views import PageView

from .. import selectors
from ._gedeeld import _versie_or_404

# --- Comparing two versions --------------------------------------------------------------------------------------


class VergelijkView(PageView):
    template_name = "programmas/vergelijk.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        versie = _versie_or_404(user, kwargs["pk"])
        try:
            met_pk = int(self.request.GET.get("met") or 0)
        except ValueError:
            raise Http404 from None
        if not met_pk:
            vorige = (
                versie.gebaseerd_op or versie.jaarprogramma.versies.filter(nummer__lt=versie.nummer).first()
            )
            if vorige is None:
                raise Http404
            met_pk = vorige.pk
        andere = _versie_or_404(user, met_pk)
        if andere.jaarprogramma_id != versie.jaarprogramma_id or andere.pk == versie.pk:
            raise Http404
        a, b = (andere, versie) if andere.nummer < versie.nummer else (versie, andere)
        verschil = selectors.diff_versies(a, b)
        selectors.met_titels(user, verschil.regels)
        return super().get_context_data(
            versie=versie, regio=versie.jaarprogramma.regio, verschil=verschil, **kwargs
        )
