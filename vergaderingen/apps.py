from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VergaderingenConfig(AppConfig):
    name = "vergaderingen"
    verbose_name = _("Vergaderingen en planningsdagen")
