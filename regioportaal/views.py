"""Shared view pieces: the login form, account activation, and the page view that answers htmx with a partial."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic.base import ContextMixin, TemplateResponseMixin, View


def refuse(allowed):
    """403 unless `allowed`: for an action the user may not take on an object they can see."""
    if not allowed:
        raise PermissionDenied


def form_errors_from(exc, form):
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def paginate(request, queryset, prefix="pagina"):
    """One page of at most settings.PAGINATE_BY rows, from the `prefix` query parameter."""
    return Paginator(queryset, settings.PAGINATE_BY).get_page(request.GET.get(prefix))


def healthz(request):
    """A trivial view: the health check of the load balancer and the baseline of the benchmark."""
    return HttpResponse("ok", content_type="text/plain")


class LoginForm(AuthenticationForm):
    """Log in with an e-mail address."""

    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters in het wachtwoord."
        ),
        "inactive": _("Dit account is niet actief."),
    }


class AccountActiverenView(PasswordResetConfirmView):
    """Set the first password from an invitation's one-time link (the invitation mail is sent by besturen)."""

    template_name = "registration/activeren.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext("Uw wachtwoord is ingesteld. Log in met uw e-mailadres."))
        return response


class PageView(TemplateResponseMixin, ContextMixin, View):
    """A read-only page; an htmx request gets the template's `htmx_partial` instead of the whole page."""

    htmx_partial = None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_template_names(self):
        names = super().get_template_names()
        if self.htmx_partial and getattr(self.request, "htmx", False):
            return [f"{name}#{self.htmx_partial}" for name in names]
        return names

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response
