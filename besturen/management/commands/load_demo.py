from django.core.management.base import BaseCommand

from besturen.demo import DEMO_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = "Laadt de demo: de vijf regio's uit de seeds met hun echte leden en organen (personen verzonnen)."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo geladen. Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        )
        for email, wat in demo_logins():
            self.stdout.write(f"  {email:<48} {wat}")
