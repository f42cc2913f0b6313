from django.core.management.base import BaseCommand, CommandError

from vergaderingen.demo import DemoOntbreekt, load_vergaderingen_demo


class Command(BaseCommand):
    help = (
        "Laadt de demo van de vergaderingen (DBO van de Denderregio, Drechtraad 5 maart 2013) en de planningsdag "
        "STRATEGIO van Rivierenland, bovenop `load_demo`. Een tweede keer verandert niets."
    )

    def handle(self, *args, **options):
        try:
            load_vergaderingen_demo(stdout=self.stdout)
        except DemoOntbreekt as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Demo van de vergaderingen geladen."))
