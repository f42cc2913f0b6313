import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from regioportaal import privacy


class Command(BaseCommand):
    help = "Exporteert alles wat het portaal over een persoon bewaart (AVG-inzage), als JSON; met --pdf ook leesbaar."

    def add_arguments(self, parser):
        parser.add_argument("email", help="Het e-mailadres van de persoon of het account.")
        parser.add_argument("--output", "-o", help="Schrijf de JSON naar dit bestand (anders naar stdout).")
        parser.add_argument("--pdf", help="Schrijf ook een leesbare PDF naar dit bestand.")

    def handle(self, *args, email, output=None, pdf=None, **options):
        betrokkene = privacy.find(email)
        if betrokkene is None:
            raise CommandError(f"Geen persoon of account met het e-mailadres {email}.")
        data = privacy.export(betrokkene, door=None)
        body = json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
        if output:
            Path(output).write_text(body + "\n", encoding="utf-8")
            self.stderr.write(f"JSON geschreven naar {output}.")
        else:
            self.stdout.write(body)
        if pdf:
            from regioportaal.privacy.views import download

            Path(pdf).write_bytes(download(betrokkene, data, "pdf").content)
            self.stderr.write(f"PDF geschreven naar {pdf}.")
