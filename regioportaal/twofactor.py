"""Two-factor authentication with django-otp: an authenticator app (TOTP) and ten recovery codes.

Required for privileged users when settings.REQUIRE_2FA is on (production), optional for everyone else. A login
whose session must pass the second factor (`security.NEEDS_OTP`) is held by `middleware.SessionSecurityMiddleware`
on these pages until it has: the code page when the user has an app, the setup page when they have none yet.
"""

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import View
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from . import security
from .forms import CodeForm, SetupForm

RECOVERY_CODE_COUNT = 10
SETUP_KEY = "rp_totp_sleutel"  # the secret of an app being set up, until its first code confirms it
SHOW_CODES = "rp_herstelcodes"  # recovery codes to show once


def _next_url(request, default="besturen:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


def _is_required(user):
    return settings.REQUIRE_2FA and security.is_privileged(user)


def _new_recovery_codes(user):
    """Replace the user's recovery codes by ten new ones; returns them (shown once, stored as django-otp keeps them)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=gettext("Herstelcodes"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class VerifyView(LoginRequiredMixin, View):
    """The second step of a login: a code from the app or a recovery code."""

    template_name = "twofactor/code.html"

    def get(self, request):
        if request.user.is_verified():
            return redirect(_next_url(request))
        return self._render(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = self._verify(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                request.session.cycle_key()
                soort = "herstelcode" if isinstance(device, StaticDevice) else "app"
                security.log_event("otp_verified", request, user=request.user.pk, soort=soort)
                if soort == "herstelcode":
                    over = StaticToken.objects.filter(device=device).count()
                    messages.warning(
                        request,
                        gettext("U logde in met een herstelcode. U heeft er nog %(aantal)s.")
                        % {"aantal": over},
                    )
                return HttpResponseRedirect(_next_url(request))
            security.log_event("otp_failed", request, user=request.user.pk)
            form.add_error("code", gettext("Deze code klopt niet of is al gebruikt. Probeer het opnieuw."))
        return self._render(request, form, status=422)

    @staticmethod
    def _verify(user, code):
        with transaction.atomic():
            for device in devices_for_user(user, for_verify=True):
                if device.verify_token(code):
                    return device
        return None

    def _render(self, request, form, status=200):
        context = {"form": form, "next": _next_url(request)}
        return render(request, self.template_name, context, status=status)


class SetupView(LoginRequiredMixin, View):
    """Link an authenticator app: scan the QR code, confirm with the app's first code; recovery codes follow."""

    template_name = "twofactor/instellen.html"

    def get(self, request):
        if user_has_device(request.user) and not request.user.is_verified():
            return redirect(reverse("otp_verify") + "?next=" + reverse("twofactor_setup"))
        key = request.session.get(SETUP_KEY) or default_key()
        request.session[SETUP_KEY] = key
        return self._render(request, SetupForm(), key)

    def post(self, request):
        if user_has_device(request.user) and not request.user.is_verified():
            return redirect("otp_verify")
        key = request.session.get(SETUP_KEY)
        form = SetupForm(request.POST)
        if key is None:
            return redirect("twofactor_setup")
        if form.is_valid():
            totp = TOTP(unhexlify(key.encode()))
            totp.time = time.time()
            if totp.verify(int(form.cleaned_data["code"]), tolerance=1):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=request.user).delete()
                    device = TOTPDevice.objects.create(
                        user=request.user, name=gettext("Authenticator-app"), key=key, last_t=totp.t()
                    )
                    codes = _new_recovery_codes(request.user)
                otp_login(request, device)
                del request.session[SETUP_KEY]
                request.session[security.NEEDS_OTP] = True
                request.session[SHOW_CODES] = codes
                security.log_event("otp_setup", request, user=request.user.pk)
                return redirect("twofactor_codes")
            form.add_error(
                "code",
                gettext("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw."),
            )
        return self._render(request, form, key, status=422)

    def _render(self, request, form, key, status=200):
        device = TOTPDevice(user=request.user, key=key)
        qr = segno.make(device.config_url, error="m")
        secret = b32encode(unhexlify(key.encode())).decode()
        context = {
            "form": form,
            "qr": qr.svg_inline(scale=4, title=gettext("QR-code voor uw authenticator-app"), svgclass="qr"),
            "sleutel": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "verplicht": _is_required(request.user),
        }
        return render(request, self.template_name, context, status=status)


class RecoveryCodesView(LoginRequiredMixin, View):
    """Shows new recovery codes once (GET); a verified user may make a new set (POST), which voids the old one."""

    template_name = "twofactor/herstelcodes.html"

    def get(self, request):
        codes = request.session.pop(SHOW_CODES, None)
        if not codes:
            return redirect("twofactor")
        return render(request, self.template_name, {"codes": codes, "next": reverse("besturen:home")})

    def post(self, request):
        if not request.user.is_verified():
            return redirect("twofactor")
        request.session[SHOW_CODES] = _new_recovery_codes(request.user)
        security.log_event("otp_recovery_codes", request, user=request.user.pk)
        return redirect("twofactor_codes")


class OverviewView(LoginRequiredMixin, View):
    """The account menu's page: is two-factor authentication on, and what can be done about it."""

    def get(self, request):
        context = {
            "aan": user_has_device(request.user),
            "verplicht": _is_required(request.user),
            "herstelcodes": StaticToken.objects.filter(device__user=request.user).count(),
        }
        return render(request, "twofactor/overzicht.html", context)


class DisableView(LoginRequiredMixin, View):
    """Switch two-factor authentication off: only a verified session, and not where it is required."""

    def post(self, request):
        if _is_required(request.user):
            messages.error(request, gettext("Tweestapsverificatie is voor uw account verplicht."))
            return redirect("twofactor")
        if not request.user.is_verified():
            return redirect("otp_verify")
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).delete()
            StaticDevice.objects.filter(user=request.user).delete()
        request.session[security.NEEDS_OTP] = False
        security.log_event("otp_disabled", request, user=request.user.pk)
        messages.success(request, gettext("Tweestapsverificatie staat uit."))
        return redirect("twofactor")
