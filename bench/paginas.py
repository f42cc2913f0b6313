"""The pages the benchmark measures, with their SQL queries per request: `python -m bench.paginas` prints JSON.

Runs in a process of its own against the benchmark database (the same settings as the served portal). For each
page, after one request that warms the process (content types, translations: once per worker in production), it
counts the queries of one request with an empty cache (cold) and of the next one (warm), with Django's test client, and hands out the session cookies of the two benchmark accounts. The secretariat's session carries its
authenticator app as verified (django-otp's session key), as a production secretariat's session does after the
second factor.
"""

import json
import os


def _session(client, user):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client.cookies["sessionid"].value


def pages():
    """[(name, path, who, trivial)] — who is '', 'secretariaat' or 'raadslid'; bench-000 is the logged-in region."""
    from besturen.models import Orgaan, Regio
    from opgaven.models import Opgave
    from programmas.models import Versie, VersieStatus
    from vergaderingen.models import Vergadering

    from .data import RAADSLID

    regios = Regio.objects.filter(slug__startswith="bench-").order_by("slug")
    openbaar = regios[regios.count() // 2]
    eigen = regios.first()

    def hoofdorgaan(regio):
        return Orgaan.objects.filter(regio=regio).order_by("pk").first()

    def huidige_versie(regio):
        return Versie.objects.filter(jaarprogramma__regio=regio, status=VersieStatus.VOORGELEGD).get()

    from django.utils import timezone

    nu = timezone.now()
    vergadering = (
        Vergadering.objects.filter(orgaan=hoofdorgaan(openbaar), begin__lt=nu).order_by("-begin").first()
    )
    volgende = Vergadering.objects.filter(orgaan=hoofdorgaan(eigen), begin__gt=nu).order_by("begin").first()
    opgave = Opgave.objects.filter(regio=openbaar).order_by("pk").first()
    versie = huidige_versie(eigen)
    from besturen.models import Persoon

    gemeente = Persoon.objects.get(email=RAADSLID).lidmaatschappen.get().namens
    return [
        ("trivial view /healthz (ratio base)", "/healthz", "", True),
        ("trivial view /livez (no database)", "/livez", "", True),
        ("home", "/", "", False),
        ("region page", f"/regio/{openbaar.slug}/", "", False),
        ("body page", f"/orgaan/{hoofdorgaan(openbaar).pk}/", "", False),
        ("meeting page", f"/vergadering/{vergadering.pk}/", "", False),
        ("opgaven list", f"/regio/{openbaar.slug}/opgaven/", "", False),
        ("opgave page", f"/opgave/{opgave.pk}/", "", False),
        ("programme version", f"/versie/{huidige_versie(openbaar).pk}/", "", False),
        ("programme version (secretariat)", f"/versie/{versie.pk}/", "secretariaat", False),
        ("status board (secretariat)", f"/versie/{versie.pk}/statusbord/", "secretariaat", False),
        ("agenda builder (secretariat)", f"/vergadering/{volgende.pk}/agenda/", "secretariaat", False),
        ("work list (secretariat)", "/werklijst/", "secretariaat", False),
        ("Mijn gemeente (council member)", f"/versie/{versie.pk}/mijn-gemeente/", "raadslid", False),
        ("work list (council member)", "/werklijst/", "raadslid", False),
        ("grip page (council member)", f"/raad/{gemeente.code}/{eigen.slug}/", "raadslid", False),
    ]


def measure():
    """Every page with its status and query counts, and the session cookie per account."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .data import RAADSLID, SECRETARIAAT

    User = get_user_model()
    clients = {"": Client()}
    cookies = {}
    for who, email in (("secretariaat", SECRETARIAAT), ("raadslid", RAADSLID)):
        clients[who] = Client()
        cookies[who] = _session(clients[who], User.objects.get(email=email))
    rows = []
    for name, path, who, trivial in pages():
        # The process's own first-use lookups (content types, translations), which a served worker pays once: not
        # what a cold page costs.
        clients[who].get(path)
        counts = []
        for clear in (True, False):
            if clear:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = clients[who].get(path)
            counts.append(len(queries))
        rows.append(
            {
                "name": name,
                "path": path,
                "who": who,
                "trivial": trivial,
                "status": response.status_code,
                "queries_cold": counts[0],
                "queries_warm": counts[1],
            }
        )
    return {"pages": rows, "cookies": cookies}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioportaal.settings")
    import django

    django.setup()
    print(json.dumps(measure()))


if __name__ == "__main__":
    main()
