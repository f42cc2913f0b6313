from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpgavenConfig(AppConfig):
    name = "opgaven"
    verbose_name = _("Opgaven")

    def ready(self):
        from regioportaal.navigatie import register_regio_link

        register_regio_link(_("Missie, visie en doelstellingen"), "opgaven:strategie", 10)
        register_regio_link(_("Opgaven"), "opgaven:opgaven", 20)
        register_regio_link(_("Synergie tussen opgaven"), "opgaven:synergie", 30)

        from regioportaal import privacy as privacy_registry

        from . import privacy

        privacy_registry.register(
            "opgaven", _("Opgaven"), export=privacy.export, erase=privacy.erase, volgorde=20
        )
