"""The region's programme settings, owned by its secretariat: procedure, decision rule, key, rates and terms."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from besturen.models import Regio
from regioportaal.views import PageView, refuse, write_form

from .. import selectors, services
from ..forms import RegelingForm
from ..models import Jaarprogramma, Versie
from ..policies import REGELING
from ..regeling import regeling_van


class RegelingView(PageView):
    """Edit the region's settings (the secretariat only; anyone else 403, anonymous to the login page).

    A change applies to the versions not yet routed or adopted; the page lists the versions that keep what they
    stored when they were frozen.
    """

    template_name = "programmas/programmaregeling.html"

    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(
            Regio.objects.select_related("programmaregeling__bestuursorgaan"), slug=kwargs["slug"]
        )
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refuse(REGELING.permits(request.user, "update_regeling", self.regio))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        kwargs.pop("slug", None)
        regeling = regeling_van(self.regio)
        if form is None:
            form = RegelingForm(regio=self.regio, initial=RegelingForm.initial_van(regeling))
        versies = list(
            Versie.objects.filter(jaarprogramma__regio=self.regio)
            .select_related("jaarprogramma__regio")
            .order_by("-jaarprogramma__jaar", "jaarprogramma__soort", "-nummer")
        )
        return super().get_context_data(
            regio=self.regio,
            regeling=regeling,
            form=form,
            beslisregel=selectors.beslisregel_tekst(regeling),
            vastgelegd=[v for v in versies if v.bevroren_op is not None],
            volgen=[v for v in versies if v.bevroren_op is None],
            eigen_procedure=Jaarprogramma.objects.filter(regio=self.regio)
            .exclude(procedure="")
            .select_related("regio"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = RegelingForm(request.POST, regio=self.regio)
        gedaan = write_form(
            request,
            form,
            lambda data: services.update_regeling(self.regio, door=request.user, **form.waarden()),
            _(
                "De programmaregeling is opgeslagen. Ze geldt voor de versies die nog niet zijn voorgelegd of vastgesteld."
            ),
        )
        if gedaan is not None:
            return redirect(reverse("programmas:regeling", args=[self.regio.slug]))
        return self.render_to_response(self.get_context_data(form=form))
