from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegioportaalConfig(AppConfig):
    name = "regioportaal"
    verbose_name = _("Regioportaal")

    def ready(self):
        from . import permissions, security  # noqa: F401  the security log's signal receivers

        permissions.connect_signals()  # the per-request memo of object permissions
        from . import generaties

        generaties.connect_signals()  # the page cache's generations (regioportaal.paginacache)
        generaties.install()
        from . import keuzes

        keuzes.install()  # get_FOO_display without translating every choice on every call
