from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotitiesConfig(AppConfig):
    """Annotations on documents: private notes and notes shared with a council or body (issue 14)."""

    name = "notities"
    verbose_name = _("Notities")

    def ready(self):
        from regioportaal import documentlinks, navigatie
        from regioportaal import privacy as privacy_registry

        from . import privacy
        from .documenten import notities_link

        navigatie.register("menu", _("Mijn notities"), "notities:mijn", 40, login=True)
        documentlinks.register("notities", notities_link, volgorde=10)
        privacy_registry.register(
            "notities", _("Notities bij documenten"), export=privacy.export, erase=privacy.erase, volgorde=50
        )
