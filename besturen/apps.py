from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BesturenConfig(AppConfig):
    name = "besturen"
    verbose_name = _("Besturen")

    def ready(self):
        from regioportaal import privacy as privacy_registry

        from . import privacy
        from .regiokeuze import connect_signals

        connect_signals()
        privacy_registry.register(
            "besturen",
            _("Persoon, lidmaatschappen en stukken"),
            export=privacy.export,
            erase=privacy.erase,
            volgorde=10,
            find=privacy.find_persoon,
        )
