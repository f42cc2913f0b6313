from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaadConfig(AppConfig):
    """Grip for councils: a page per council and partnership, and the information protocol (issue 14)."""

    name = "raad"
    verbose_name = _("Grip voor raden")
