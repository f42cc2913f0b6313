from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegioportaalConfig(AppConfig):
    name = "regioportaal"
    verbose_name = _("Regioportaal")

    def ready(self):
        from . import security  # noqa: F401  the security log's signal receivers
