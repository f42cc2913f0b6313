from django.core.management.base import BaseCommand, CommandError

from notities.demo import DemoOntbreekt, load_notities_demo


class Command(BaseCommand):
    help = (
        "Laadt de notities van de demo (raadslid Nijmegen bij het reviewpakket van de Groene Metropoolregio), "
        "bovenop `load_demo` en `load_programmas_demo`. Een tweede keer verandert niets."
    )

    def handle(self, *args, **options):
        try:
            load_notities_demo(stdout=self.stdout)
        except DemoOntbreekt as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Demo van de notities geladen."))
