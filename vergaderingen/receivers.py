"""Signal handlers: a programme version submitted to the board lands on that body's next agenda."""

from django.dispatch import receiver

from programmas.signals import versie_ingediend

from . import services


@receiver(versie_ingediend)
def agendeer_ingediende_versie(sender, versie, orgaan, **kwargs):
    services.agendeer_programmaversie(versie, orgaan)
