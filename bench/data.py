"""Build the benchmark's data set: `python -m bench.data [--scale 1]` (on the database of DATABASE_URL).

At scale 1: every municipality of both countries (the data/ files, through the import service), 100 regions of 20
members, about 2,000 bodies (13 per region and a council per member) with 15 seats each, ten years of programmes
per region with versions, lines, frozen figures and council decisions, 20,000 meetings with 300,000 agenda items and
5,000 opgaven with progress. Rows are written in bulk (COPY on PostgreSQL); the two accounts the benchmark logs in
with are made through the real services, so their groups and object permissions are the ones the portal makes.
Prints the time per table. A smaller scale makes fewer regions (at least one) of the same shape.
"""

import argparse
import os
import time
from dataclasses import dataclass

BENCH_DOMAIN = "regioportaal.example"
BENCH_PASSWORD = "regioportaal-bench"
SECRETARIAAT = f"secretariaat.bench-000@{BENCH_DOMAIN}"
RAADSLID = f"raadslid.bench-000@{BENCH_DOMAIN}"


@dataclass(frozen=True)
class Omvang:
    regios: int
    leden: int = 20  # member municipalities per region
    organen: int = 13  # regional bodies per region
    jaren: int = 10  # programme years per region
    opgaven: int = 50  # per region
    vergaderingen: int = 200  # per region

    @classmethod
    def for_scale(cls, scale):
        return cls(regios=max(1, round(100 * scale)))


def build(scale=1.0, *, stdout=print):
    """Build the data set unless it exists; returns the Lader with rows and seconds per table (None if it exists)."""
    from django.db import transaction

    from besturen.demo import import_gemeenten
    from besturen.models import Bestuur, BestuurSoort, Regio

    from .inhoud import build_opgaven, build_programmas, build_vergaderingen
    from .opslag import Lader
    from .structuur import build_structuur

    lader = Lader()
    start = time.perf_counter()
    import_gemeenten()
    lader.seconden["besturen_bestuur (import service)"] = time.perf_counter() - start
    lader.rijen["besturen_bestuur (import service)"] = Bestuur.objects.count()
    if Regio.objects.filter(slug__startswith="bench-").exists():
        stdout("Benchmarkdata bestaan al.")
        return None
    omvang = Omvang.for_scale(scale)
    with transaction.atomic():
        gemeenten = list(Bestuur.objects.filter(soort=BestuurSoort.GEMEENTE).order_by("code"))
        structuur = build_structuur(lader, omvang, gemeenten)
        opgaven = build_opgaven(lader, omvang, structuur)
        versies = build_programmas(lader, omvang, structuur, opgaven)
        build_vergaderingen(lader, omvang, structuur, versies)
        lader.finish()
        _timed(lader, "guardian (sync_regio_rechten)", lambda: _sync_rechten(structuur))
        _timed(lader, "accounts (services)", lambda: build_accounts(structuur))
    return lader


def _timed(lader, naam, functie):
    start = time.perf_counter()
    functie()
    lader.seconden[naam] += time.perf_counter() - start
    lader.rijen[naam] += 0


def _sync_rechten(structuur):
    from besturen.services.regios import sync_regio_rechten

    sync_regio_rechten(regios=[r.regio for r in structuur.regios], door=None, reden="benchmark")


def build_accounts(structuur):
    """The secretariat of bench-000 (secretary of its main body) and a council member of its first member."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from besturen import services
    from besturen.models import Rol

    from .structuur import BEGIN

    eerste = structuur.regios[0]
    lid = eerste.leden[0]
    for email, orgaan, rol, namens in (
        (SECRETARIAAT, eerste.organen[0], Rol.SECRETARIS, None),
        (RAADSLID, structuur.raden[lid.pk], Rol.LID, lid),
    ):
        persoon = services.create_persoon(
            door=None, voornaam="Bench", achternaam=email.split("@")[0], email=email
        )
        services.create_account(persoon, password=BENCH_PASSWORD, door=None)
        services.add_lidmaatschap(
            persoon=persoon, orgaan=orgaan, rol=rol, namens=namens, begindatum=BEGIN, door=None
        )
        if rol == Rol.SECRETARIS:  # a secretariat has its authenticator app set up (two-factor in production)
            TOTPDevice.objects.create(
                user=get_user_model().objects.get(email=email), name="Benchmark", confirmed=True
            )


def analyseer(stdout=print):
    """Give PostgreSQL's planner its statistics (ANALYZE), as autovacuum would in production soon after a bulk load:
    without them it plans for empty tables (a server with autovacuum off never gathers them). Every run, so a data
    set built earlier is measured with statistics too."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stdout(f"ANALYZE in {time.perf_counter() - start:.1f} s.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the full data set; 0.1 = ten regions")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioportaal.settings")
    import django

    django.setup()
    start = time.perf_counter()
    lader = build(args.scale)
    analyseer()
    if lader is None:
        return
    print(f"{'tabel':45} {'rijen':>9} {'tijd':>10}")
    for regel in lader.report():
        print(regel)
    totaal = time.perf_counter() - start
    print(
        f"{'(objecten opbouwen, verdeling berekenen, Django)':45} {'':>9} {totaal - sum(lader.seconden.values()):8.2f} s"
    )
    print(f"Benchmarkdata gebouwd (schaal {args.scale:g}) in {totaal:.1f} s.")


if __name__ == "__main__":
    main()
