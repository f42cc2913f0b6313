from django.core.management.base import BaseCommand
from django.db import transaction

from raad.protocol.demo import load_raad_demo


class Command(BaseCommand):
    help = (
        "Laadt het informatieprotocol van de Groene Metropoolregio (na load_demo en load_opgaven_demo): voortgang "
        "per opgave elk kwartaal, één stuk verzonden en één te versturen. Twee keer laden verandert niets."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            load_raad_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Raad-demo geladen."))
