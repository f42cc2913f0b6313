from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BesturenConfig(AppConfig):
    name = "besturen"
    verbose_name = _("Besturen")
