"""What every logged-in page pays around its content, made cheaper without weakening it: the second-factor device
is still read on every request (a deleted, unconfirmed or foreign device ends the verified state on the next one),
and the region switcher still shows a changed right on the next request."""

import random
import re

import pytest
from django.http import HttpRequest
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from besturen.permissions import regios_of
from besturen.regiokeuze import regios_voor
from regioportaal.otp import device_from_persistent_id
from regioportaal.paginacache import PLACEHOLDER, _is_token_of, _met_placeholder
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _productie(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REQUIRE_2FA = True


@pytest.fixture
def beheerder():
    return UserFactory(email="platform@example.org", is_staff=True, is_superuser=True)


def _verified(client, user):
    """A logged-in session of `user` that passed the second factor with a new authenticator app."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    code = f"{totp(device.bin_key, t0=device.t0, step=device.step, digits=device.digits):06d}"
    response = client.post(reverse("otp_verify"), {"code": code, "next": reverse("twofactor")})
    assert response.status_code == 302
    assert client.get(reverse("twofactor")).status_code == 200
    return device


def _asks_for_the_code(client):
    """The portal is closed again: the page sends the session to the code (or, without an app left, to set one
    up)."""
    response = client.get(reverse("twofactor"))
    return response.status_code == 302 and response["Location"].startswith(
        (reverse("otp_verify"), reverse("twofactor_setup"))
    )


def test_a_deleted_device_ends_the_verified_state_on_the_next_request(client, beheerder):
    device = _verified(client, beheerder)
    device.delete()
    assert _asks_for_the_code(client)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_device_no_longer_confirmed_ends_the_verified_state_on_the_next_request(client, beheerder):
    device = _verified(client, beheerder)
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    assert _asks_for_the_code(client)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_device_of_someone_else_or_a_broken_id_verifies_nobody(client, beheerder):
    _verified(client, beheerder)
    ander = TOTPDevice.objects.create(user=UserFactory(), name="ander", confirmed=True)
    for persistent_id in (ander.persistent_id, "otp_totp.totpdevice/x", "geen.model/1", "rommel"):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = persistent_id
        session.save()
        assert _asks_for_the_code(client), persistent_id
        assert DEVICE_ID_SESSION_KEY not in client.session


def test_the_device_is_read_as_django_otp_reads_it(beheerder):
    totp_device = TOTPDevice.objects.create(user=beheerder, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=beheerder, name="herstel", confirmed=False)
    for device in (totp_device, static):
        ours = device_from_persistent_id(device.persistent_id)
        theirs = Device.from_persistent_id(device.persistent_id)
        assert type(ours) is type(theirs)
        assert {k: v for k, v in vars(ours).items() if k != "_state"} == {
            k: v for k, v in vars(theirs).items() if k != "_state"
        }
        assert ours._state.db == theirs._state.db and not ours._state.adding
    totp_device.delete()
    assert device_from_persistent_id(f"otp_totp.totpdevice/{totp_device.pk}") is None


def test_the_switcher_lists_what_the_permission_check_lists(world):
    for user in (world.lid, world.secretariaat, world.buitenstaander):
        verwacht = [(r.pk, r.slug, r.naam) for r in regios_of(user).order_by("naam")]
        assert [(r.pk, r.slug, r.naam) for r in regios_voor(user)] == verwacht


def test_the_page_cache_finds_the_tokens_the_pattern_finds():
    """The page cache puts a placeholder where each of this request's masked CSRF tokens was: every run of exactly
    64 letters and digits that unmasks to the secret, as the pattern below finds them, and nothing else."""
    pattern = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
    secret = _get_new_csrf_string()
    request = HttpRequest()
    request.META["CSRF_COOKIE"] = secret
    rng = random.Random(16)
    stukken = [
        b" ",
        b'"',
        b"<p>",
        b"-",
        b"\x00",
        "é".encode(),
        b"abc",
        b"a" * 63,
        b"b" * 65,
        b"c" * 64,
        b"9" * 130,
    ]
    for _ in range(300):
        delen = []
        for _ in range(rng.randrange(0, 12)):
            keuze = rng.random()
            if keuze < 0.3:
                delen.append(_mask_cipher_secret(secret).encode())
            elif keuze < 0.4:
                delen.append(_mask_cipher_secret(_get_new_csrf_string()).encode())  # someone else's token
            else:
                delen.append(rng.choice(stukken))
        body = b"".join(delen)
        verwacht = pattern.sub(
            lambda m: PLACEHOLDER if _is_token_of(m.group(0), secret) else m.group(0), body
        )
        assert _met_placeholder(request, body) == verwacht, body
