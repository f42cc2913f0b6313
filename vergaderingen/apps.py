from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VergaderingenConfig(AppConfig):
    name = "vergaderingen"
    verbose_name = _("Vergaderingen en planningsdagen")

    def ready(self):
        from regioportaal import navigatie

        from . import receivers  # noqa: F401  (connects the signal handlers)

        navigatie.register_regio_link(_("Vergaderingen en bijeenkomsten"), "vergaderingen:regio_agenda", 40)
        navigatie.register("orgaan", _("Vergaderingen"), "vergaderingen:kalender", 10)
        navigatie.register("menu", _("Mijn agenda"), "vergaderingen:mijn_agenda", 20, login=True)

        from regioportaal import privacy as privacy_registry

        from . import privacy

        privacy_registry.register(
            "vergaderingen",
            _("Vergaderingen en planningsdagen"),
            export=privacy.export,
            erase=privacy.erase,
            volgorde=40,
        )

        from . import werklijst  # noqa: F401  (registers its part of the personal work list)
