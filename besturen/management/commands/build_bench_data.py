"""Build the benchmark's large data set: every municipality, a hundred regions, bodies with many seats and items."""

import datetime
import itertools

from django.core.management.base import BaseCommand
from django.db import transaction

from besturen import services
from besturen.demo import import_gemeenten
from besturen.models import Bestuur, OrgaanSoort, Persoon, Regio, Rol, Zichtbaarheid


class Command(BaseCommand):
    help = "Bouwt de benchmarkdata (honderd regio's over alle gemeenten) bovenop de demo."

    def add_arguments(self, parser):
        parser.add_argument("--regios", type=int, default=100)

    @transaction.atomic
    def handle(self, *args, regios, **options):
        import_gemeenten()
        if Regio.objects.filter(slug__startswith="bench-").exists():
            self.stdout.write("Benchmarkdata bestaan al.")
            return
        gemeenten = list(Bestuur.objects.filter(soort="gemeente").order_by("code"))
        begin = datetime.date(2019, 1, 1)
        teller = itertools.count()
        for n in range(regios):
            regio = services.create_regio(
                door=None,
                naam=f"Benchmarkregio {n:03d}",
                slug=f"bench-{n:03d}",
                land="BE",
                rechtsvorm="anders",
            )
            leden = gemeenten[(n * 7) % len(gemeenten) :][:60] or gemeenten[:60]
            for bestuur in leden:
                services.add_deelname(regio, bestuur, begindatum=begin, door=None)
            orgaan = services.create_orgaan(
                door=None, soort=OrgaanSoort.BURGEMEESTERSOVERLEG, naam=f"DBO {n}", regio=regio
            )
            personen = Persoon.objects.bulk_create(
                [Persoon(voornaam="Bench", achternaam=f"Persoon {next(teller)}") for _ in leden]
            )
            for persoon, bestuur in zip(personen, leden, strict=True):
                services.add_lidmaatschap(
                    persoon=persoon, orgaan=orgaan, rol=Rol.LID, namens=bestuur, begindatum=begin, door=None
                )
            for i in range(30):
                zichtbaarheid = [Zichtbaarheid.OPENBAAR, Zichtbaarheid.REGIO, Zichtbaarheid.ORGAAN][i % 3]
                services.add_stuk(orgaan, titel=f"Stuk {i}", zichtbaarheid=zichtbaarheid, door=None)
        self.stdout.write(f"{regios} benchmarkregio's gebouwd.")
