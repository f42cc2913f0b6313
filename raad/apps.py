from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaadConfig(AppConfig):
    """Grip for councils: a page per council and partnership, and the information protocol (issue 14)."""

    name = "raad"
    verbose_name = _("Grip voor raden")

    def ready(self):
        from regioportaal.navigatie import register_regio_link

        register_regio_link(_("Informatieprotocol voor de raden"), "raad:informatieprotocol", 60)

        from regioportaal import navigatie  # the grip pages (C1)

        navigatie.register(
            "bestuur", _("Samenwerkingen van deze gemeente (voor de raad)"), "raad:gemeente", 10
        )
        navigatie.register("bestuur_regio", _("Alles over deze samenwerking voor de raad"), "raad:grip", 10)
