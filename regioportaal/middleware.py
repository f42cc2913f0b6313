"""Session security: idle timeout, absolute lifetime and the second-factor gate.

Installed after django-otp's OTPMiddleware and Django's MessageMiddleware. A session that has been idle longer than
its timeout (shorter for privileged users, see `security.stamp_session`) or older than SESSION_COOKIE_AGE is logged
out and the request goes on as an anonymous one (a private page then asks for the login as usual). A session that
must pass the second factor sees only the pages of that step (and logout, language, static files) until it has.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django_otp import user_has_device

from . import security
from .headers import admin_path_prefix

# The activity stamp is refreshed at most this often, so that an active session is not saved on every request.
ACTIVITY_RESOLUTION = 60


class SessionSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id") is not None:
            response = self._check(request, session)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, session):
        if security.IDLE not in session:  # a session from before this bookkeeping
            if not request.user.is_authenticated:
                return None
            security.stamp_session(request, request.user)
        now = int(time.time())
        idle = now - session.get(security.ACTIVE, 0)
        age = now - session.get(security.SINCE, 0)
        if idle > session[security.IDLE] or age > settings.SESSION_COOKIE_AGE:
            security.log_event(
                "session_expired", request, user=session.get("_auth_user_id"), idle=idle, age=age
            )
            logout(request)
            messages.info(
                request, gettext("U bent uitgelogd omdat u een tijd niet actief was. Log opnieuw in.")
            )
            return None
        if idle >= ACTIVITY_RESOLUTION:
            session[security.ACTIVE] = now
        return self._second_factor_gate(request, session)

    def _second_factor_gate(self, request, session):
        must = session.get(security.NEEDS_OTP) or (
            settings.REQUIRE_2FA and request.path.startswith(admin_path_prefix())
        )
        if not must or request.user.is_verified() or _open_during_second_factor(request.path):
            return None
        if request.headers.get("HX-Request"):
            # A fragment a page loads by itself (the header's work count) gets nothing before the second factor:
            # following the redirect would put the whole code page into the header.
            return HttpResponse(status=204)
        target = "otp_verify" if user_has_device(request.user) else "twofactor_setup"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))


def _open_during_second_factor(path):
    """Pages a session may open before it has passed the second factor."""
    open_paths = [
        reverse("otp_verify"),
        reverse("twofactor_setup"),
        reverse("twofactor_codes"),
        reverse("logout"),
        reverse("set_language"),
        reverse("healthz"),
        "/" + settings.STATIC_URL.lstrip("/"),
    ]
    return any(path.startswith(p) for p in open_paths)
