from django.core.management import call_command
from django.core.management.base import BaseCommand

from besturen.demo import load_demo


class Command(BaseCommand):
    help = "Laadt de demo: de vijf regio's uit de seeds met hun echte leden en organen (personen verzonnen)."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo geladen."))
        call_command("demo_logins", stdout=self.stdout)
