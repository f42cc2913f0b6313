from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotitiesConfig(AppConfig):
    """Annotations on documents: private notes and notes shared with a council or body (issue 14)."""

    name = "notities"
    verbose_name = _("Notities")
