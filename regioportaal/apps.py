from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegioportaalConfig(AppConfig):
    name = "regioportaal"
    verbose_name = _("Regioportaal")
