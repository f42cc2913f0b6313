from django.core.management.base import BaseCommand, CommandError

from regioportaal import privacy


class Command(BaseCommand):
    help = (
        "Wist een persoon (AVG): verwijdert of pseudonimiseert alle gegevens, behalve de naam en lidmaatschappen "
        "van wie een zetel in een openbaar orgaan had; het logboek krijgt een pseudoniem."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Het e-mailadres van de persoon of het account.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Niet om bevestiging vragen.",
        )

    def handle(self, *args, email, interactive=True, **options):
        betrokkene = privacy.find(email)
        if betrokkene is None:
            raise CommandError(f"Geen persoon of account met het e-mailadres {email}.")
        if interactive:
            answer = input(
                f"Alle gegevens van {betrokkene.naam} <{email}> wissen? Typ 'ja' om te bevestigen: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Niets gewist.")
        pseudoniem = betrokkene.pseudoniem
        telling = privacy.erase(betrokkene, door=None)
        for onderdeel, counts in telling.items():
            for what, number in counts.items():
                self.stdout.write(f"{onderdeel}: {what} {number}")
        self.stdout.write(f"Gewist; in het logboek heet deze persoon nu ‘{pseudoniem}’.")
