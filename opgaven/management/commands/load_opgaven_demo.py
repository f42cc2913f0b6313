from django.core.management.base import BaseCommand

from opgaven.demo import load_opgaven_demo


class Command(BaseCommand):
    help = (
        "Laadt de opgaven-demo bovenop de besturen-demo (eerst manage.py load_demo): de strategie van de "
        "Denderregio, Stadsregio Turnhout en Rivierenland en de vijf opgaven van de Groene Metropoolregio."
    )

    def handle(self, *args, **options):
        load_opgaven_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Opgaven-demo geladen."))
