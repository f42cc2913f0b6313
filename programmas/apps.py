from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammasConfig(AppConfig):
    name = "programmas"
    verbose_name = _("Programma's")

    def ready(self):
        from regioportaal.navigatie import register_regio_link

        register_regio_link(_("Jaarprogramma's"), "programmas:overzicht", 25)

        from besturen.fusies import fusie_vastgelegd

        from .fusies import follow_fusie

        fusie_vastgelegd.connect(follow_fusie, dispatch_uid="programmas.follow_fusie")

        from regioportaal import privacy as privacy_registry

        from . import privacy

        privacy_registry.register(
            "programmas", _("Jaarprogramma's"), export=privacy.export, erase=privacy.erase, volgorde=30
        )

        from . import werklijst  # noqa: F401  (registers its part of the personal work list)
