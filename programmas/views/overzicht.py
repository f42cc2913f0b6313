"""Overview of a region's programmes and one year's programme."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from besturen import permissions as besturen_permissions
from besturen.models import Regio
from regioportaal.views import PageView, refuse, write_form

from .. import permissions, selectors, services
from ..forms import (
    DraftForm,
)
from ..models import (
    Jaarprogramma,
    Procedure,
)
from ..regeling import regeling_van

# --- Overview of a region's programmes ---------------------------------------------------------------------------


class OverzichtView(PageView):
    """A region's programmes by year with their versions; the secretariat drafts a new one here."""

    template_name = "programmas/overzicht.html"

    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        mag_beheren = permissions.can_manage_programma(user, self.regio)
        besloten = besturen_permissions.can_view_besloten_regio(user, self.regio)
        return super().get_context_data(
            regio=self.regio,
            programmas=selectors.programmas_van(self.regio, besloten=besloten),
            mag_beheren=mag_beheren,
            form=form or (DraftForm(regio=self.regio) if mag_beheren else None),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(permissions.can_manage_programma(request.user, self.regio))
        form = DraftForm(request.POST, regio=self.regio)
        versie = write_form(
            request,
            form,
            lambda data: services.draft_jaarprogramma(
                self.regio,
                data["jaar"],
                door=request.user,
                opgaven=data["opgaven"],
                titel=data["titel"],
                soort=data["soort"],
                procedure=data["procedure"],
            ),
            lambda versie: (
                _("Het jaarprogramma %(jaar)s is opgesteld.") % {"jaar": versie.jaarprogramma.jaar}
            ),
        )
        if versie is not None:
            return redirect(versie.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class JaarprogrammaView(PageView):
    """One year's programme: its versions, with a way to compare two of them."""

    template_name = "programmas/jaarprogramma.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        programma = get_object_or_404(Jaarprogramma.objects.select_related("regio"), pk=kwargs["pk"])
        besloten = besturen_permissions.can_view_besloten_regio(user, programma.regio)
        versies = list(programma.versies.all() if besloten else programma.versies.filter(openbaar=True))
        if not versies:
            raise Http404
        procedure = programma.procedure or regeling_van(programma.regio).procedure
        return super().get_context_data(
            programma=programma,
            regio=programma.regio,
            versies=versies,
            procedure_label=Procedure(procedure).label,
            **kwargs,
        )
