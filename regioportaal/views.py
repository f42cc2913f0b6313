"""Shared view pieces: the throttled password-reset request, account activation, unsubscribing from optional mail,
and the page view that answers htmx with a partial."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import PasswordResetConfirmView
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.generic.base import ContextMixin, TemplateResponseMixin, View

from . import meldingen, paginering, security
from .dbrouter import primary_reads
from .forms import PasswordResetForm
from .models import MeldingSoort


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


def write_form(request, form, write, bericht):
    """Validate `form` and write through a service: `write(form.cleaned_data)` returns what it wrote.

    A ValidationError of the service lands next to the field it names (or above the form); then, as for an invalid
    form, this returns None and the page shows the form again. On success the message `bericht` (a text, or a
    function of what was written) is shown and the written object returned.
    """
    if not form.is_valid():
        return None
    try:
        gedaan = write(form.cleaned_data)
    except ValidationError as exc:
        form_errors_from(exc, form)
        return None
    messages.success(request, bericht(gedaan) if callable(bericht) else bericht)
    return gedaan


paginate = paginering.paginate  # one page of a list, its rows and total from one query


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link, limited per address and per client; the form only queues the mail task."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not security.reset_request_allowed(self.request, email):
            security.log_event("reset_throttled", self.request, email=email)
            form.add_error(None, gettext("Te veel aanvragen. Probeer het over een uur opnieuw."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        security.log_event("reset_requested", self.request, email=email)
        return super().form_valid(form)


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
    # A page that keeps fragments in the cache under generation numbers reads from the primary database, context
    # and template rendering both: a fragment rendered from a lagging read replica would stay stale until the next
    # write (regioportaal.dbrouter.primary_reads; without a replica this changes nothing).
    reads_primary = False

    def get(self, request, *args, **kwargs):
        if not self.reads_primary:
            return self.render_to_response(self.get_context_data(**kwargs))
        with primary_reads():
            return self.render_to_response(self.get_context_data(**kwargs)).render()

    def get_template_names(self):
        names = super().get_template_names()
        if self.htmx_partial and getattr(self.request, "htmx", False):
            return [f"{name}#{self.htmx_partial}" for name in names]
        return names

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class AfmeldenView(TemplateResponseMixin, View):
    """Unsubscribe an address from one kind of optional mail through the signed link in such a mail (no login).

    GET asks to confirm (a mail scanner that follows links unsubscribes nobody); POST records it, or undoes it. A
    tampered or foreign link gets a page that says so (400)."""

    template_name = "regioportaal/afmelden.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.email, self.soort = meldingen.read_unsubscribe_token(kwargs["token"])
        except signing.BadSignature:
            return TemplateResponse(request, "regioportaal/afmelden_ongeldig.html", status=400)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            {
                "email": self.email,
                "soort": MeldingSoort(self.soort).label,
                "afgemeld": meldingen.is_afgemeld(self.email, self.soort),
            }
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("actie") == "aanmelden":
            meldingen.resubscribe(self.email, self.soort, door=request.user)
            messages.success(request, gettext("U ontvangt deze e-mails weer."))
        else:
            meldingen.unsubscribe(self.email, self.soort, door=request.user)
            messages.success(request, gettext("U bent afgemeld. U ontvangt deze e-mails niet meer."))
        return redirect(request.path)
