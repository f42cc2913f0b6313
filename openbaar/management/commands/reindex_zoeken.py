from django.core.management.base import BaseCommand

from openbaar.zoeken.indexeren import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search table from every region, body, person, meeting, decision, opgave and version."

    def handle(self, *args, **options):
        aantallen = reindex_all()
        totaal = sum(aantallen.values())
        per_soort = ", ".join(f"{soort}: {aantal}" for soort, aantal in aantallen.items())
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {totaal} items ({per_soort}).")
