"""Signal handlers: a programme version for the board lands on that body's next (suitable) agenda."""

from django.dispatch import receiver

from programmas.signals import versie_naar_bestuur

from . import services


@receiver(versie_naar_bestuur)
def put_versie_on_agenda(sender, versie, orgaan, na=None, **kwargs):
    services.put_programmaversie_on_agenda(versie, orgaan, na=na)
