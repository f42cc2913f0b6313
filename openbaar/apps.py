from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenbaarConfig(AppConfig):
    """Open by default (issue 15): search, feeds, linked data after OSLO, Popolo, the read-only API and bulk open
    data. It reads every other app and no app imports it."""

    name = "openbaar"
    verbose_name = _("Open data en zoeken")

    def ready(self):
        from .zoeken import signalen

        signalen.connect()

        from .feeds import links

        links.register()

        from regioportaal.navigatie import register_regio_link

        register_regio_link(_("Open data"), "openbaar:data_regio", 90)
