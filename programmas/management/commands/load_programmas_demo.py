from django.core.management.base import BaseCommand

from programmas.demo import load_programmas_demo


class Command(BaseCommand):
    help = (
        "Laadt de programma-demo (na load_demo en load_opgaven_demo): Groene Metropoolregio, Denderregio en "
        "Drechtsteden elk in een andere stap van de jaarcyclus, met data die kloppen vanaf vandaag (ook de "
        "begrotingen langs de Wgr-route). Een tweede keer draaien wijzigt niets."
    )

    def handle(self, *args, **options):
        load_programmas_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Programma-demo geladen."))
