from django.core.management.base import BaseCommand

from besturen.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Toont de demo-logins en hun rollen."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):"))
        for email, wat in demo_logins():
            self.stdout.write(f"  {email:<56} {wat}")
