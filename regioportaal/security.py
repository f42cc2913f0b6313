"""Login security: the client's address, login throttling (django-axes), the reset rate limit and the security log.

Every login, failed login, lockout, password-reset request, second-factor check and logout is written to the logger
`regioportaal.security` as one line of `event key=value` pairs with the client's address; never a password or code.
Who counts as privileged (two-factor authentication required, shorter idle timeout) is decided by the function that
`settings.PRIVILEGED_USER` names by dotted path: the composition root may name an app's function without an import.
"""

import hashlib
import logging
import time

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import ngettext
from django_otp import user_has_device

logger = logging.getLogger("regioportaal.security")

# Session keys of the login bookkeeping (read by regioportaal.middleware.SessionSecurityMiddleware).
SINCE = "rp_sinds"  # when the session logged in (absolute lifetime)
ACTIVE = "rp_actief"  # last activity (idle timeout), refreshed at most once a minute
IDLE = "rp_idle"  # this session's idle timeout in seconds
NEEDS_OTP = "rp_2fa"  # this session must pass the second factor before anything else


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind a proxy named in TRUSTED_PROXIES the last address it added."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = set(getattr(settings, "TRUSTED_PROXIES", ()) or ())
    if remote in proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        for address in reversed(forwarded):
            if address not in proxies:
                return address
    return remote


def log_event(event, request=None, **fields):
    """One line in the security log: the event, the client's address and `fields` (never a secret)."""
    if request is not None:
        fields = {"ip": client_ip(request), "pad": request.path, **fields}
    logger.info("%s %s", event, " ".join(f"{key}={value}" for key, value in fields.items()))


# --- Who is privileged --------------------------------------------------------------------------------------


def is_superuser(user):
    """The default of settings.PRIVILEGED_USER: the platform administrator only."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_privileged(user):
    """Ask the predicate settings.PRIVILEGED_USER names (dotted path) whether `user` is privileged."""
    return bool(import_string(settings.PRIVILEGED_USER)(user))


def needs_second_factor(user):
    """A login of `user` must pass the second factor: they set it up themselves, or it is required of them."""
    return user_has_device(user) or (settings.REQUIRE_2FA and is_privileged(user))


def stamp_session(request, user):
    """The login bookkeeping of a fresh session: login time, activity, idle timeout and the second-factor duty."""
    privileged = is_privileged(user)
    now = int(time.time())
    request.session[SINCE] = now
    request.session[ACTIVE] = now
    request.session[IDLE] = (
        settings.SESSION_IDLE_TIMEOUT_PRIVILEGED if privileged else settings.SESSION_IDLE_TIMEOUT
    )
    request.session[NEEDS_OTP] = needs_second_factor(user)


# --- Passwords ----------------------------------------------------------------------------------------------


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length (12 in the settings), with an error message of the portal's own in Dutch."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


# --- Throttling ---------------------------------------------------------------------------------------------


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (portal and admin login forms).

    A login without a request (the test client's `login`, a management command) is no web login and is not
    throttled; axes' own backend would refuse it outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_username(request, credentials=None):
    """The address a login attempt names (AXES_USERNAME_CALLABLE), lower-cased so that case does not dodge the count."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        value = request.POST.get("username") or request.POST.get("email")
    return (value or "").strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE): in the portal's layout and language, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/geblokkeerd.html", {"minuten": minutes}, status=429)


def _hit(key, window):
    """Count one hit on `key` in a fixed window of `window` seconds; returns the count so far."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def reset_request_allowed(request, email):
    """Count a password-reset request; False once the address or the client passed its limit in the window."""
    window = settings.PASSWORD_RESET_RATE_WINDOW
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    per_address = _hit(f"wachtwoord-reset:adres:{address}", window)
    per_ip = _hit(f"wachtwoord-reset:ip:{client_ip(request)}", window)
    return (
        per_address <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and per_ip <= settings.PASSWORD_RESET_LIMIT_PER_IP
    )


# --- The security log ---------------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="regioportaal.security.logged_in")
def _logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    stamp_session(request, user)
    log_event("login", request, user=user.pk, tweede_factor="nodig" if request.session[NEEDS_OTP] else "nee")


@receiver(user_login_failed, dispatch_uid="regioportaal.security.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    log_event("login_failed", request, email=credentials.get("username") or credentials.get("email") or "")


@receiver(user_locked_out, dispatch_uid="regioportaal.security.locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    log_event("lockout", request, email=username or "")


@receiver(user_logged_out, dispatch_uid="regioportaal.security.logged_out")
def _logged_out(sender, request, user, **kwargs):
    if request is None:
        return
    log_event("logout", request, user=user.pk if user is not None else "")
