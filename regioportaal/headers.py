"""Security headers on every response: the Content-Security-Policy, the Permissions-Policy and `no-store` for
whatever a logged-in user sees.

The policy itself is `settings.CONTENT_SECURITY_POLICY` (django-csp 4): no inline script or style anywhere in the
portal. Two deliberate exceptions, both decided here and nowhere else:

- the Django admin (`/admin/`) renders a few inline styles of its own (the change list's `<style>`), so under the
  admin's path prefix `style-src` also allows `'unsafe-inline'` (scripts stay strict);
- PDF responses carry no CSP: Chromium shows a PDF in a synthetic page that inherits the response's policy, and a
  strict policy leaves that viewer blank. Our PDFs are made by WeasyPrint from our own templates and run no script.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import empty

_PREFIXES = {}


def admin_path_prefix():
    """The path prefix of the Django admin (`/admin/`), from the URLconf (reversed once per URLconf and script
    prefix, and again after a setting changed)."""
    key = (get_urlconf(), get_script_prefix())
    prefix = _PREFIXES.get(key)
    if prefix is None:
        prefix = _PREFIXES[key] = reverse("admin:index")
    return prefix


def _forget_prefixes(**kwargs):
    _PREFIXES.clear()


setting_changed.connect(_forget_prefixes)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the portal's two exceptions (admin inline styles, PDFs without a policy)."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").split(";")[0].strip() == "application/pdf":
            response._csp_exempt = True
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(admin_path_prefix()):
            parts.update = {**(parts.update or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` from `settings.PERMISSIONS_POLICY` ({feature: [] for denied, or allowed origins})."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def is_logged_in(request):
    """Whether the request belongs to a logged-in user, without loading the user when nothing has asked yet.

    A view that never looked at `request.user` (an export, a file) still has a session with the user's id; reading
    the session is one query at most, and none for a visitor without a session cookie.
    """
    user = getattr(request, "user", None)
    if user is None:
        return False
    if getattr(user, "_wrapped", None) is not empty:
        return user.is_authenticated
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


class NoStoreForLoggedInMiddleware:
    """`Cache-Control: no-store` on every response to a logged-in user, unless the view chose its own caching.

    What a logged-in user sees (private pages, non-public exports, documents) must not stay in a shared or browser
    cache. Public pages for anonymous visitors keep their default (no header).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response and is_logged_in(request):
            response["Cache-Control"] = "private, no-store"
        return response
