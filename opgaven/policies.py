"""The policies of opgaven: per model, which actions a user may take now, and who may take them.

The rules stay in `opgaven.permissions` (who holds which role) and `opgaven.workflow` (where a status may go); a
policy combines the two per action, so the buttons of a page (`allowed`) and the guard of the service that acts
(`require`) give the same answer. The platform administrator passes exactly where `permissions` lets them: the
secretariat's actions, not the mandate holder's.

- `StrategiePolicy` (a `Regio`): the region's strategy, its new parts and opgaven, its portfolio holders, for its
  secretariat;
- `OnderdeelPolicy` (a `Waarde`, `Doelstelling` or `Thema`): change, reorder, archive, restore, link opgaven (the
  secretariat; what an archived part still allows);
- `OpgavePolicy` (an `Opgave`): formulate, change status, link, grant a mandate (secretariat), report progress
  (secretariat or opdrachtgever);
- `MandaatPolicy` (a `Mandaat`): record a commitment (only its holder).

A policy remembers, per instance, whether a user manages a region (one permission lookup for a page's buttons):
make one per request or per service call, never one for the process.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import get_users_with_perms

from regioportaal.permissions import NotAllowed, is_system
from regioportaal.policies import Policy

from . import permissions, workflow
from .models import Doelstelling, Status, Thema


def _secretariaat_message(regio):
    return _("Alleen het secretariaat van %(regio)s mag dit.") % {"regio": regio}


def _managers(regio):
    """The holders of `can_manage_opgaven` on `regio`: its secretariat (through their role groups) and, as
    `permissions` grants it, the platform administrator."""
    return get_users_with_perms(
        regio, with_superusers=True, with_group_users=True, only_with_perms_in=["manage_regio"]
    )


def _holder(lidmaatschap):
    """The account holding the seat `lidmaatschap`, while it is current (none otherwise)."""
    users = get_user_model().objects
    if lidmaatschap is None or not lidmaatschap.is_current():
        return users.none()
    return users.filter(persoon__lidmaatschappen=lidmaatschap)


class _RegioPolicy(Policy):
    """Shared by the policies whose actions belong to a region's secretariat."""

    #: Actions refused with "Alleen het secretariaat van <regio> mag dit."
    secretariaat_actions = ()

    def __init__(self):
        self._manages = {}

    def manages(self, user, regio):
        """`permissions.can_manage_opgaven`, asked once per user and region for this policy's lifetime."""
        key = (getattr(user, "pk", None), regio.pk)
        if key not in self._manages:
            self._manages[key] = permissions.can_manage_opgaven(user, regio)
        return self._manages[key]

    def share_lookups(self, other):
        """Use `other`'s answers too (two policies on one page ask the permission once)."""
        self._manages = other._manages

    def regio_of(self, obj):
        return obj

    def require(self, user, action, obj):
        """The guard of the services: refuse with the message users saw before there were policies."""
        if action in self.secretariaat_actions and not self.may(user, action, obj):
            raise NotAllowed(_secretariaat_message(self.regio_of(obj)))
        super().require(user, action, obj)


class StrategiePolicy(_RegioPolicy):
    """The actions on a region's strategy (`obj` is the `Regio`)."""

    actions = (
        "create_opgave",
        "save_strategie",
        "add_waarde",
        "add_doelstelling",
        "add_thema",
        "add_portefeuillehouder",
        "end_portefeuillehouder",
    )
    secretariaat_actions = actions

    def _manage(self, user, regio):
        return self.manages(user, regio)

    may_create_opgave = may_save_strategie = may_add_waarde = may_add_doelstelling = may_add_thema = _manage
    may_add_portefeuillehouder = may_end_portefeuillehouder = _manage

    def _users(self, regio):
        return _managers(regio)

    users_create_opgave = users_save_strategie = users_add_waarde = users_add_doelstelling = (
        users_add_thema
    ) = users_add_portefeuillehouder = users_end_portefeuillehouder = _users


class OnderdeelPolicy(_RegioPolicy):
    """The actions on one part of a strategy: a shared value, a numbered goal or a theme.

    The secretariat changes every part; only an active one moves, is archived or takes opgaven, only an archived
    one is restored, and only goals and themes serve opgaven. The role is refused with `NotAllowed`, the state with a
    `ValidationError` (as `OpgavePolicy.require_transition` does).
    """

    actions = ("update_onderdeel", "move_onderdeel", "archive_onderdeel", "restore_onderdeel", "link_opgaven")
    secretariaat_actions = actions

    def regio_of(self, onderdeel):
        return onderdeel.regio

    def _state(self, action, onderdeel):
        """Whether the part's state allows `action`, for whoever may act on it."""
        if action == "restore_onderdeel":
            return onderdeel.gearchiveerd
        if action == "link_opgaven":
            return isinstance(onderdeel, Doelstelling | Thema) and not onderdeel.gearchiveerd
        return action == "update_onderdeel" or not onderdeel.gearchiveerd

    def may(self, user, action, onderdeel):
        self._check_action(action)
        return self.manages(user, onderdeel.regio) and self._state(action, onderdeel)

    def users(self, action, onderdeel):
        self._check_action(action)
        if not self._state(action, onderdeel):
            return self.no_users()
        return _managers(onderdeel.regio).filter(is_active=True)

    def _check_action(self, action):
        if action not in self.actions:
            raise ValueError(f"{type(self).__name__} knows no action {action!r}")

    def require(self, user, action, onderdeel):
        """The guard of the services: the role first (the system, `user=None`, skips it), then the state."""
        self._check_action(action)
        if not is_system(user) and not self.manages(user, onderdeel.regio):
            raise NotAllowed(_secretariaat_message(onderdeel.regio))
        if not self._state(action, onderdeel):
            raise ValidationError(
                _("Een gearchiveerd onderdeel verandert niet van plaats en krijgt geen opgaven meer.")
                if onderdeel.gearchiveerd
                else _("Dit onderdeel kan dat niet.")
            )


class OpgavePolicy(_RegioPolicy):
    """The actions on one opgave, in the order its page offers them."""

    actions = (
        "update_opgave",
        "change_status",
        "add_indicator",
        "add_budgetregel",
        "add_capaciteit",
        "link_synergie",
        "grant_mandaat",
        "report_voortgang",
    )
    secretariaat_actions = actions[:-1]
    messages = {
        "report_voortgang": gettext_lazy(
            "Alleen de opdrachtgever of het secretariaat rapporteert over deze opgave."
        )
    }

    def regio_of(self, opgave):
        return opgave.regio

    def _manage(self, user, opgave):
        return self.manages(user, opgave.regio)

    may_update_opgave = may_add_indicator = may_add_budgetregel = may_add_capaciteit = _manage
    may_link_synergie = may_grant_mandaat = _manage

    def next_states(self, user, opgave):
        """The statuses this user may move the opgave to now (the status form's choices), in workflow order."""
        if not self.manages(user, opgave.regio):
            return []
        return workflow.next_states(opgave.status)

    def may_change_status(self, user, opgave):
        """The button: the secretariat, while the table leads somewhere from the opgave's status."""
        return bool(self.next_states(user, opgave))

    def require_transition(self, user, opgave, naar):
        """The guard of `change_status`: the role first (NotAllowed), then the table (ValidationError).

        The system (`user=None`) skips the role, not the table.
        """
        if not is_system(user) and not self.manages(user, opgave.regio):
            raise NotAllowed(_secretariaat_message(opgave.regio))
        if not workflow.allowed(opgave.status, naar):
            raise ValidationError(
                _("Een opgave gaat niet van %(van)s naar %(naar)s.")
                % {"van": Status(opgave.status).label, "naar": Status(naar).label}
            )

    def may_report_voortgang(self, user, opgave):
        return self.manages(user, opgave.regio) or permissions.is_opdrachtgever(user, opgave)

    def _users(self, opgave):
        return _managers(opgave.regio)

    users_update_opgave = users_add_indicator = users_add_budgetregel = users_add_capaciteit = _users
    users_link_synergie = users_grant_mandaat = _users

    def users_change_status(self, opgave):
        return _managers(opgave.regio) if workflow.next_states(opgave.status) else self.no_users()

    def users_report_voortgang(self, opgave):
        return get_user_model().objects.filter(
            Q(pk__in=_managers(opgave.regio).values("pk"))
            | Q(pk__in=_holder(opgave.opdrachtgever).values("pk"))
        )


class MandaatPolicy(Policy):
    """The actions on an execution mandate: only its holder, while they hold the seat, commits money under it."""

    actions = ("record_verplichting",)
    messages = {
        "record_verplichting": gettext_lazy("Alleen de houder van het mandaat legt verplichtingen vast.")
    }

    def may_record_verplichting(self, user, mandaat):
        return permissions.can_record_verplichting(user, mandaat)

    def users_record_verplichting(self, mandaat):
        return _holder(mandaat.houder)
