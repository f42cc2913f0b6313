"""The policies of besturen: per model, which actions this user may take on this object now, and who holds them.

The rules stay in `besturen.permissions` (who holds which role, the platform administrator included where the rule
grants it); a policy answers per action with the role (`holds_<action>`) and, where the object's state matters, the
state (`refusal_<action>`: the refusal the service gives now, or None). Views show what `allowed(user, obj)` offers
and refuse a page with `may`; services call `require(door, action, obj)` as their one guard. The refusals are the
ones users saw before there were policies: `NotAllowed` with the policy's message for a missing role (never asked of
the system, `door=None`), and the state's own refusal (asked of the system too).

- `RegioPolicy` (a `Regio`): its management screen, bodies, description and action log (the region's secretariat);
- `OrgaanPolicy` (an `Orgaan`): its member screen, new seats, external parties, items (the body's secretariat);
- `LidmaatschapPolicy` (a seat): change its role, end it, invite its person;
- `PersoonPolicy` (a `Persoon`): invite to an account (whoever manages a body the person sits in);
- `StukPolicy` (a `Stuk`): read it, comment on it;
- `FusiePolicy` (mergers): record them (no object: platform-wide), review the seats they leave in a `Regio`.

A policy instance remembers the role answers it gave (per user and object), so a page that asks for every row of a
list asks the permission tables once: make one instance per request or service call, never one for the process.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import get_objects_for_user, get_users_with_perms

from regioportaal.permissions import NotAllowed, is_system
from regioportaal.policies import Policy, active

from . import permissions
from .models import Regio

BEHEER_REGIO = gettext_lazy("U mag %(regio)s niet beheren.")
BEHEER_LEDEN = gettext_lazy("U mag de leden van %(orgaan)s niet beheren.")


class _Policy(Policy):
    """`may_<action>` is `holds_<action>` for an active user and no `refusal_<action>` (an action without a
    `refusal_` method has no state)."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for action in cls.actions:
            if not hasattr(cls, f"may_{action}"):
                setattr(cls, f"may_{action}", cls._combined(action))

    @staticmethod
    def _combined(action):
        def may(self, user, obj):
            return self.holds(user, action, obj) and self.refusal(action, obj) is None

        may.__name__ = f"may_{action}"
        return may

    def __init__(self, shares=None):
        """`shares`: another policy of the same request whose remembered answers this one uses too (the member
        screen asks the body's and its seats' policies the same role once)."""
        self._answers = shares._answers if shares is not None else {}

    def _remember(self, rule, user, target):
        """`rule(user, target)`, asked once per user and target for this instance."""
        key = (rule.__name__, getattr(user, "pk", None), type(target).__name__, target.pk)
        if key not in self._answers:
            self._answers[key] = bool(rule(user, target))
        return self._answers[key]

    def holds(self, user, action, obj):
        """The role half: may this (active) user do `action` to such an object at all."""
        return active(user) and bool(self._method("holds", action)(user, obj))

    def refusal(self, action, obj):
        """The state half: the exception the service raises now, or None."""
        method = getattr(self, f"refusal_{action}", None)
        return method(obj) if method is not None else None

    def context(self, obj):
        return {}

    def message(self, action, obj):
        return str(self.messages.get(action) or _("U mag dit niet doen.")) % self.context(obj)

    #: Actions the system (`door=None`) does not take either: they speak as a person.
    personal_actions = ()

    def require(self, user, action, obj):
        """The service's one guard: the role (unless the system acts), then the state."""
        self.require_role(user, action, obj)
        self.require_state(action, obj)

    def require_role(self, user, action, obj):
        """The role half of `require`, for a service that reads the state only under its row lock."""
        system = is_system(user) and action not in self.personal_actions
        if not system and not self.holds(user, action, obj):
            raise NotAllowed(self.message(action, obj))

    def require_state(self, action, obj):
        refusal = self.refusal(action, obj)
        if refusal is not None:
            raise refusal


def _managers(regio):
    """The holders of `manage_regio` on `regio`: its secretariat (through their role groups) and, as
    `permissions.can_manage_regio` grants it, the platform administrator."""
    return get_users_with_perms(
        regio, with_superusers=True, with_group_users=True, only_with_perms_in=["manage_regio"]
    )


class RegioPolicy(_Policy):
    """The region's secretariat (or the platform administrator) manages the region: its screen, bodies,
    description and log."""

    actions = ("manage", "create_orgaan", "update_regio", "view_logboek")
    messages = {action: BEHEER_REGIO for action in actions}

    def context(self, regio):
        return {"regio": regio}

    def _manage(self, user, regio):
        return self._remember(permissions.can_manage_regio, user, regio)

    # The log is the secretariat's too (`permissions.can_view_actionlog` is `can_manage_regio`): one answer for all.
    holds_manage = holds_create_orgaan = holds_update_regio = holds_view_logboek = _manage

    def objects_manage(self, user, queryset):
        """The regions this user manages (one query for a whole list)."""
        if not active(user):
            return queryset.none()
        return queryset.filter(
            pk__in=get_objects_for_user(user, "besturen.manage_regio", Regio, accept_global_perms=False)
        )

    def users_manage(self, regio):
        return _managers(regio)

    users_create_orgaan = users_update_regio = users_view_logboek = users_manage


class OrgaanPolicy(_Policy):
    """The body's secretariat (the region's for a regional body, the secretary for a council) manages its seats,
    its external parties and its items."""

    actions = ("manage_leden", "add_lidmaatschap", "add_externe_partij", "update_orgaan", "add_stuk")
    messages = {
        "manage_leden": BEHEER_LEDEN,
        "add_lidmaatschap": BEHEER_LEDEN,
        "add_externe_partij": BEHEER_LEDEN,
        "update_orgaan": BEHEER_LEDEN,
        "add_stuk": gettext_lazy("U mag geen stukken toevoegen aan %(orgaan)s."),
    }

    def context(self, orgaan):
        return {"orgaan": orgaan}

    def _manage(self, user, orgaan):
        return self._remember(permissions.can_manage_orgaan, user, orgaan)

    # Sharing items is the body's secretariat's too (`permissions.can_add_stuk` is `can_manage_orgaan`).
    holds_manage_leden = holds_add_lidmaatschap = holds_add_externe_partij = holds_update_orgaan = _manage
    holds_add_stuk = _manage

    def refusal_add_externe_partij(self, orgaan):
        if orgaan.regio_id:
            return None
        return ValidationError(_("Alleen de organen van een regio hebben externe partijen als lid."))

    def objects_manage_leden(self, user, queryset):
        return queryset.filter(pk__in=permissions.manageable_organen(user).values("pk"))

    def users_manage_leden(self, orgaan):
        """Who manages the body's seats: the region's secretariat, or the council's secretaries (as the rule
        grants, the platform administrator too)."""
        if orgaan.regio_id:
            return _managers(orgaan.regio)
        return get_users_with_perms(
            orgaan, with_superusers=True, with_group_users=True, only_with_perms_in=["manage_leden_orgaan"]
        )


class PersoonPolicy(_Policy):
    """Invite a person to an account: whoever manages a body the person has a seat in, while the person has an
    e-mail address and no account to log in with."""

    actions = ("invite",)
    messages = {"invite": gettext_lazy("U mag %(persoon)s niet uitnodigen.")}

    def context(self, persoon):
        return {"persoon": persoon}

    def holds_invite(self, user, persoon):
        return self._remember(permissions.can_invite, user, persoon)

    def refusal_invite(self, persoon):
        if not persoon.email:
            return NotAllowed(
                _("%(persoon)s heeft geen e-mailadres; vul het eerst in.") % {"persoon": persoon}
            )
        account = persoon.user if persoon.user_id else None
        if account is not None and account.has_usable_password():
            return NotAllowed(
                _("%(persoon)s heeft al een account en kan gewoon inloggen.") % {"persoon": persoon}
            )
        return None


class LidmaatschapPolicy(_Policy):
    """The actions on one seat of the member screen: whoever manages the body changes the role, ends the seat and
    invites the person in it (not a party's own seat: a party has no account)."""

    actions = ("change_rol", "end", "invite")
    messages = {action: BEHEER_LEDEN for action in actions}

    def __init__(self, shares=None):
        super().__init__(shares)
        self._persoon = PersoonPolicy(self)

    def context(self, lidmaatschap):
        return {"orgaan": lidmaatschap.orgaan}

    def _manage(self, user, lidmaatschap):
        return self._remember(permissions.can_manage_orgaan, user, lidmaatschap.orgaan)

    holds_change_rol = holds_end = holds_invite = _manage

    def refusal_invite(self, lidmaatschap):
        if lidmaatschap.persoon_id is None:
            return NotAllowed(
                _("Een externe partij krijgt geen account; nodig de persoon uit die haar vertegenwoordigt.")
            )
        return self._persoon.refusal("invite", lidmaatschap.persoon)

    def rows(self, user, orgaan, lidmaatschappen):
        """Each seat of `orgaan` with `acties`, its buttons for this user (the role asked once for the body)."""
        for lidmaatschap in lidmaatschappen:
            lidmaatschap.orgaan = orgaan
            lidmaatschap.acties = self.allowed(user, lidmaatschap)
        return lidmaatschappen


class StukPolicy(_Policy):
    """Read an item (the public, or who its visibility opens it to) and comment on it (the body's members other
    than observers, and its secretariat; not the platform administrator, who holds no seat)."""

    actions = ("view", "comment")
    personal_actions = ("comment",)
    messages = {"comment": gettext_lazy("U mag niet reageren op dit stuk.")}

    def holds(self, user, action, obj):
        if action == "view":  # the public reads public items: no login needed
            return bool(self.holds_view(user, obj))
        return super().holds(user, action, obj)

    def holds_view(self, user, stuk):
        return self._remember(permissions.can_view_stuk, user, stuk)

    def holds_comment(self, user, stuk):
        return self._remember(permissions.can_comment_stuk, user, stuk)


class FusiePolicy(_Policy):
    """Mergers: the platform administrator records them (the screen, the import, the admin's import; the object is
    None, a merger is not the region's); a region's secretariat (or, as `can_manage_regio` grants, the platform
    administrator) sees its members' mergers and reviews the seats its bodies hold for the predecessors."""

    actions = ("record", "review_zetels")
    messages = {
        "record": gettext_lazy("Alleen een platformbeheerder mag dit."),
        "review_zetels": BEHEER_REGIO,
    }

    def context(self, regio):
        return {"regio": regio}

    def holds_record(self, user, _obj=None):
        return permissions.is_platform_admin(user)

    def holds_review_zetels(self, user, regio):
        return regio is not None and self._remember(permissions.can_manage_regio, user, regio)
