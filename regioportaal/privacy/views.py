"""The privacy pages: the statements (privacy, accessibility), a person's own export, and the administrator's page.

- `privacyverklaring/` and `toegankelijkheidsverklaring/`: public, linked from every page's footer;
- `account/mijn-gegevens/`: a logged-in person downloads everything the portal holds about them (JSON or PDF);
- `beheer/privacy/`: the platform administrator finds a person by e-mail address, downloads their export, or erases
  them (after typing the address again).
"""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .. import privacy, security
from ..limieten import TEKST_MAX


class VerklaringView(TemplateView):
    """A statement page (privacy or accessibility): public, the same for everyone."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bewaartermijnen"] = settings.RETENTION_DAYS
        return context


# --- The export as a download ----------------------------------------------------------------------------------


def _rows(value):
    """A value of the export as the PDF shows it: ("tabel", columns, rows), ("velden", pairs) or ("tekst", value)."""
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        columns = list(dict.fromkeys(key for item in value for key in item))
        return ("tabel", columns, [[_plain(item.get(column)) for column in columns] for item in value])
    if isinstance(value, dict):
        return ("velden", [(key, _plain(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("tekst", ", ".join(_plain(item) for item in value) or "–")
    return ("tekst", _plain(value))


def _plain(value):
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return str(value)


def _sections(data):
    labels = {provider.naam: provider.label for provider in privacy.providers()}
    return [
        {"label": labels.get(naam, naam), "delen": [(key, _rows(value)) for key, value in onderdeel.items()]}
        for naam, onderdeel in data["onderdelen"].items()
    ]


def download(betrokkene, data, formaat):
    """The export `data` of `betrokkene` as a JSON or PDF attachment."""
    name = f"gegevens-{slugify(betrokkene.naam) or 'persoon'}-{timezone.localdate():%Y%m%d}"
    if formaat == "pdf":
        from ..pdf import render_pdf  # WeasyPrint loads its stylesheets on import

        html = render_to_string(
            "privacy/export_pdf.html", {"data": data, "betrokkene": betrokkene, "secties": _sections(data)}
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        body = json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    response["Cache-Control"] = "no-store"
    return response


class MijnGegevensView(LoginRequiredMixin, TemplateView):
    """A person's own data: what the portal holds, and the download of all of it."""

    template_name = "privacy/mijn_gegevens.html"

    def post(self, request):
        betrokkene = privacy.for_user(request.user)
        formaat = "pdf" if request.POST.get("formaat") == "pdf" else "json"
        data = privacy.export(betrokkene, door=request.user)
        security.log_event("privacy_export", request, user=request.user.pk, formaat=formaat)
        return download(betrokkene, data, formaat)


# --- The platform administrator's page --------------------------------------------------------------------------


class ZoekForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de persoon"))


class WisForm(forms.Form):
    bevestiging = forms.CharField(
        label=_("Typ het e-mailadres nogmaals om het wissen te bevestigen"),
        help_text=_("Wissen kan niet ongedaan worden gemaakt."),
        max_length=TEKST_MAX,
    )

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email.strip().lower()

    def clean_bevestiging(self):
        value = self.cleaned_data["bevestiging"]
        if value.strip().lower() != self.email:
            raise forms.ValidationError(gettext("Dit is niet hetzelfde e-mailadres."))
        return value


def _summary(data):
    """{section label: number of items} of an export, for the administrator's page (no contents)."""
    labels = {provider.naam: provider.label for provider in privacy.providers()}
    rows = []
    for naam, onderdeel in data["onderdelen"].items():
        for key, value in onderdeel.items():
            count = len(value) if isinstance(value, list) else (1 if value else 0)
            rows.append((labels.get(naam, naam), key, count))
    return rows


class BeheerView(LoginRequiredMixin, TemplateView):
    """Find a person by e-mail address; export (JSON, PDF) or erase them. Platform administrator only."""

    template_name = "privacy/beheer.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not privacy.may_erase(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("zoekform") or ZoekForm(self.request.GET or None)
        context["zoekform"] = form
        if form.is_bound and form.is_valid():
            email = form.cleaned_data["email"]
            betrokkene = privacy.find(email)
            context["gezocht"] = email
            context["betrokkene"] = betrokkene
            if betrokkene is not None:
                context["overzicht"] = _summary(_peek(betrokkene))
                context["wisform"] = kwargs.get("wisform") or WisForm(email=email)
        return context

    def post(self, request):
        email = request.POST.get("email", "")
        betrokkene = privacy.find(email)
        if betrokkene is None:
            messages.error(request, gettext("Geen persoon of account met dit e-mailadres."))
            return redirect("privacy_beheer")
        actie = request.POST.get("actie")
        if actie in {"json", "pdf"}:
            data = privacy.export(betrokkene, door=request.user)
            security.log_event("privacy_export", request, user=request.user.pk, formaat=actie)
            return download(betrokkene, data, actie)
        if actie == "wissen":
            form = WisForm(request.POST, email=email)
            if not form.is_valid():
                zoekform = ZoekForm({"email": email})
                context = self.get_context_data(zoekform=zoekform, wisform=form)
                return self.render_to_response(context, status=422)
            pseudoniem = betrokkene.pseudoniem
            privacy.erase(betrokkene, door=request.user)
            security.log_event("privacy_erase", request, user=request.user.pk, betrokkene=pseudoniem)
            messages.success(
                request,
                gettext("De gegevens zijn gewist; in het logboek heet deze persoon nu ‘%(pseudoniem)s’.")
                % {"pseudoniem": pseudoniem},
            )
            return redirect("privacy_beheer")
        return redirect("privacy_beheer")


def _peek(betrokkene):
    """The export's contents without logging an export (the page shows counts only)."""
    return {"onderdelen": {provider.naam: provider.export(betrokkene) for provider in privacy.providers()}}
