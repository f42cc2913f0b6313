"""Who may do what with a region's information protocol.

- `manage` (a `Regio`): add, change, end or resume its agreements, and see the warnings about missing input: whoever
  manages the region (`besturen.policies.RegioPolicy`, its `manage` action: the secretariat, or the platform
  administrator);
- `view_log` (a `Raadsregio`: a member government in a region): read what its council received under the region's
  protocol: its council's members and secretary, and whoever manages the region.

The protocol itself (what the councils receive and when) is public, as the region page is.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy

from besturen import permissions as besturen_permissions
from besturen.models import RAADSORGANEN, Bestuur, Regio
from besturen.policies import BEHEER_REGIO, RegioPolicy
from regioportaal.permissions import NotAllowed
from regioportaal.policies import Policy, active


class Raadsregio(NamedTuple):
    """A member government's council within one region: whose log of received information a page shows."""

    bestuur: Bestuur
    regio: Regio


class InformatieafspraakPolicy(Policy):
    actions = ("manage", "view_log")
    messages = {"manage": BEHEER_REGIO, "view_log": gettext_lazy("U mag dit logboek niet inzien.")}

    def __init__(self):
        self._regio = RegioPolicy()

    def may_manage(self, user, regio):
        return self._regio.may(user, "manage", regio)

    def may_view_log(self, user, raadsregio):
        if not active(user):
            return False
        if self.may_manage(user, raadsregio.regio):
            return True
        return any(
            besturen_permissions.can_view_besloten_orgaan(user, orgaan)
            for orgaan in raadsregio.bestuur.organen.filter(soort__in=RAADSORGANEN)
        )

    def users_manage(self, regio):
        """The region's own managers, without the platform administrator (who is warned of nothing)."""
        return self._regio.users("manage", regio).filter(is_superuser=False)

    def require(self, user, action, obj):
        """The service's guard; the system (`door=None`) acts as it says."""
        if user is None:
            return
        if not self.may(user, action, obj):
            raise NotAllowed(str(self.messages[action]) % {"regio": getattr(obj, "regio", obj)})
