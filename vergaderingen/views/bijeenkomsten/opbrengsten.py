"""After the day: a session's output, recorded by its facilitator or the organiser, and every output of the day on
one page and in one PDF (the input for the region's inspiration note)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from regioportaal.views import PageView, form_errors_from, refuse

from ... import selectors, services
from ...forms_bijeenkomsten import OpbrengstForm
from ...models import Bijeenkomst, Werksessie
from ...policies import BijeenkomstPolicy, WerksessiePolicy, is_facilitator


class OpbrengstView(PageView):
    """Record a session's output: its facilitator or the organiser (login first; 403 for anyone else)."""

    template_name = "vergaderingen/bijeenkomst_opbrengst.html"

    def dispatch(self, request, *args, **kwargs):
        self.sessie = get_object_or_404(
            Werksessie.objects.select_related("blok__bijeenkomst__regio"), pk=kwargs["pk"]
        )
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.policy = WerksessiePolicy()
        refuse(self.policy.holds(request.user, "record_opbrengst", self.sessie))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        refusal = self.policy.refusal(self.request.user, "record_opbrengst", self.sessie)
        return super().get_context_data(
            sessie=self.sessie,
            bijeenkomst=self.sessie.blok.bijeenkomst,
            reden=" ".join(refusal.messages) if refusal is not None else "",
            form=form or OpbrengstForm(initial={"opbrengst": self.sessie.opbrengst}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = OpbrengstForm(request.POST)
        if form.is_valid():
            try:
                services.record_opbrengst(
                    self.sessie, opbrengst=form.cleaned_data["opbrengst"], door=request.user
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("De opbrengst is vastgelegd."))
                return redirect("vergaderingen:opbrengsten", pk=self.sessie.blok.bijeenkomst_id)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class _OpbrengstenMixin:
    """Who reads the outputs: the organiser, the region's officials and the day's facilitators; 404 for others."""

    def dispatch(self, request, *args, **kwargs):
        self.bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("regio"), pk=kwargs["pk"])
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.blokken = selectors.opbrengsten(self.bijeenkomst)
        policy = BijeenkomstPolicy()
        self.sessies = [sessie for blok in self.blokken for sessie in blok.sessies.all()]
        user = request.user
        if not (
            policy.holds(user, "organise", self.bijeenkomst)
            or policy.holds(user, "register", self.bijeenkomst)
            or any(is_facilitator(user, sessie) for sessie in self.sessies)
        ):
            raise Http404
        self.mag_vastleggen = {
            sessie.pk
            for blok in self.blokken
            for sessie in blok.sessies.all()
            if is_facilitator(user, sessie) or policy.holds(user, "organise", self.bijeenkomst)
        }
        response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie"])
        return response


class OpbrengstenView(_OpbrengstenMixin, PageView):
    template_name = "vergaderingen/bijeenkomst_opbrengsten.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.bijeenkomst,
            blokken=self.blokken,
            mag_vastleggen=self.mag_vastleggen,
            aantal=sum(1 for sessie in self.sessies if sessie.opbrengst),
            **kwargs,
        )


class OpbrengstenPdfView(_OpbrengstenMixin, View):
    def get(self, request, *args, **kwargs):
        from ...pdf import render_template_pdf  # WeasyPrint loads its stylesheets on import: only when needed

        pdf = render_template_pdf(
            "vergaderingen/bijeenkomst_opbrengsten_pdf.html",
            {"bijeenkomst": self.bijeenkomst, "blokken": self.blokken},
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="opbrengsten-{self.bijeenkomst.pk}.pdf"'
        return response
