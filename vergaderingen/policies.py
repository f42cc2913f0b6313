"""Policies of vergaderingen: one place per model answers "may this user do X to this object now".

Each action combines the role (`holds_<action>`, asking `permissions.py`, whose rules these stay) and the state
(`refusal_<action>`, asking the transition tables in `workflow.py`): `may_<action>` is both. Views show the buttons
`allowed(user, obj)` gives; services call `require(door, action, obj)` as their one guard, which keeps the refusals
users saw before: `NotAllowed` with the policy's message for the role (not asked of the system, `door=None`), and
the state's `ValidationError` for the state (asked of the system too).

A policy instance remembers the role answers it gave (per user and body or region), so a page that asks for every
row of a list asks the permission tables once. Make one instance per request or service call, never a module-wide one.

The platform administrator gets no shortcut beyond what `permissions.py` grants (only the body's own secretariat runs
its meetings; only members propose; only the region's officials register themselves).
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from besturen import permissions as besturen_permissions
from regioportaal.permissions import NotAllowed, is_system
from regioportaal.policies import Policy, active

from . import permissions, selectors, workflow
from .models import OP_DE_AGENDA, AgendapuntStatus, Inschrijving, VergaderingStatus

AGENDA_OPEN = (VergaderingStatus.GEPLAND, VergaderingStatus.AGENDA_GEPUBLICEERD)
ALLEEN_SECRETARIAAT = gettext_lazy("Alleen het secretariaat van %(orgaan)s mag dit.")


class _Policy(Policy):
    """The shape every policy here shares: `may_<action>` is `holds_<action>` and no `refusal_<action>`."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for action in cls.actions:
            if not hasattr(cls, f"may_{action}"):
                setattr(cls, f"may_{action}", cls._combined(action))

    @staticmethod
    def _combined(action):
        def may(self, user, obj):
            return self.holds(user, action, obj) and self.refusal(user, action, obj) is None

        may.__name__ = f"may_{action}"
        return may

    def __init__(self):
        self._answers = {}
        self._refusals = {}

    def _remember(self, rule, user, target):
        """The answer of `rule(user, target)`, asked once per user and target for this instance."""
        key = (rule, getattr(user, "pk", None), type(target).__name__, target.pk)
        if key not in self._answers:
            self._answers[key] = bool(rule(user, target))
        return self._answers[key]

    def holds(self, user, action, obj):
        """The role half: may this user do `action` to such an object at all."""
        return bool(self._method("holds", action)(user, obj))

    def refusal(self, user, action, obj):
        """The state half: the ValidationError the service gives now, or None when the state allows `action`
        (asked once per user, action and object for this instance)."""
        key = (action, getattr(user, "pk", None), obj.pk)
        if key not in self._refusals or obj.pk is None:
            self._refusals[key] = self._method("refusal", action)(user, obj)
        return self._refusals[key]

    def allowed(self, user, obj, actions=None):
        """The actions (of `actions`, or all) this user may do to `obj` now: `{"publish": True, ...}`."""
        return {action: True for action in actions or self.actions if self.may(user, action, obj)}

    def reasons(self, user, obj, actions=None):
        """{action: message} for the actions this user holds the role for but the state refuses now (the page says
        why a button is missing, with the service's own words)."""
        reasons = {}
        for action in actions or self.actions:
            if self.holds(user, action, obj):
                refusal = self.refusal(user, action, obj)
                if refusal is not None:
                    reasons[action] = " ".join(getattr(refusal, "messages", None) or [str(refusal)])
        return reasons

    def message(self, action, obj):
        return (self.messages.get(action) or _("U mag dit niet doen.")) % self.context(obj)

    def context(self, obj):
        return {}

    def require(self, user, action, obj):
        """The service's guard: the role (unless the system acts), then the state."""
        if not is_system(user) and not self.holds(user, action, obj):
            raise NotAllowed(self.message(action, obj))
        refusal = self.refusal(user, action, obj)
        if refusal is not None:
            raise refusal


def transition_refusal(vergadering, naar):
    if workflow.allowed(vergadering.status, naar):
        return None
    return ValidationError(
        _("Een vergadering met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
        % {"van": VergaderingStatus(vergadering.status).label, "naar": VergaderingStatus(naar).label},
        code="overgang",
    )


def _agenda_open_refusal(vergadering):
    if vergadering.status in AGENDA_OPEN:
        return None
    if vergadering.status == VergaderingStatus.GEANNULEERD:
        return ValidationError(_("De vergadering is geannuleerd: haar agenda verandert niet meer."))
    return ValidationError(_("De vergadering is afgelopen: haar agenda verandert niet meer."))


def _afgelopen_refusal(vergadering, message):
    return None if vergadering.status == VergaderingStatus.AFGELOPEN else ValidationError(message)


class KalenderPolicy(_Policy):
    """A body's meeting calendar (an `Orgaan`): who plans its meetings."""

    actions = ("plan",)
    messages = {"plan": ALLEEN_SECRETARIAAT}

    def context(self, orgaan):
        return {"orgaan": orgaan}

    def holds_plan(self, user, orgaan):
        return self._remember(permissions.can_manage_vergaderingen, user, orgaan)

    def refusal_plan(self, user, orgaan):
        return None


class VergaderingPolicy(_Policy):
    """A meeting: its agenda, its workflow (publish, close, minutes) and what is recorded after it."""

    actions = (
        "update",
        "edit_agenda",
        "propose",
        "publish",
        "close",
        "record",
        "save_notulen",
        "approve_notulen",
        "cancel",
    )
    messages = {
        **dict.fromkeys(actions, ALLEEN_SECRETARIAAT),
        "propose": gettext_lazy("Alleen leden van %(orgaan)s stellen agendapunten voor."),
    }

    def __init__(self):
        super().__init__()
        self._geagendeerd = {}

    def kent_agenda(self, vergadering, punten):
        """Tell this instance the meeting's items on its agenda (`punten`: all of them with a status in
        `OP_DE_AGENDA`, as `selectors.agenda_beheer` reads them): `publish` then reads whether one is on the agenda
        from them instead of asking the database."""
        self._geagendeerd[vergadering.pk] = any(
            punt.status == AgendapuntStatus.GEAGENDEERD for punt in punten
        )

    def _heeft_geagendeerd(self, vergadering):
        if vergadering.pk in self._geagendeerd:
            return self._geagendeerd[vergadering.pk]
        return vergadering.agendapunten.filter(status=AgendapuntStatus.GEAGENDEERD).exists()

    def context(self, vergadering):
        return {"orgaan": vergadering.orgaan}

    def _manage(self, user, vergadering):
        return self._remember(permissions.can_manage_vergaderingen, user, vergadering.orgaan)

    holds_update = holds_edit_agenda = holds_publish = holds_close = holds_cancel = _manage
    holds_record = holds_save_notulen = holds_approve_notulen = _manage

    def holds_propose(self, user, vergadering):
        return self._remember(besturen_permissions.is_lid_of_secretariaat, user, vergadering.orgaan)

    def refusal_update(self, user, vergadering):
        if vergadering.status in AGENDA_OPEN:
            return None
        if vergadering.status == VergaderingStatus.GEANNULEERD:
            return ValidationError(_("Een geannuleerde vergadering verplaatst u niet meer: plan een nieuwe."))
        return ValidationError(_("Een afgelopen vergadering verplaatst u niet meer."))

    def refusal_cancel(self, user, vergadering):
        return transition_refusal(vergadering, VergaderingStatus.GEANNULEERD)

    def refusal_edit_agenda(self, user, vergadering):
        return _agenda_open_refusal(vergadering)

    refusal_propose = refusal_edit_agenda

    def refusal_publish(self, user, vergadering):
        if not self._heeft_geagendeerd(vergadering):
            return ValidationError(_("De agenda is leeg: voeg eerst agendapunten toe."))
        return transition_refusal(vergadering, VergaderingStatus.AGENDA_GEPUBLICEERD)

    def refusal_close(self, user, vergadering):
        if vergadering.begin > timezone.now() and vergadering.status == VergaderingStatus.AGENDA_GEPUBLICEERD:
            return ValidationError(_("De vergadering is nog niet begonnen."))
        return transition_refusal(vergadering, VergaderingStatus.AFGELOPEN)

    def refusal_record(self, user, vergadering):
        return _afgelopen_refusal(
            vergadering,
            _("Dit legt u vast nadat de vergadering is afgelopen en vóór de notulen zijn goedgekeurd."),
        )

    def refusal_save_notulen(self, user, vergadering):
        return _afgelopen_refusal(
            vergadering, _("Notulen schrijft u na de vergadering en vóór hun goedkeuring.")
        )

    def refusal_approve_notulen(self, user, vergadering):
        if not vergadering.notulen and vergadering.status == VergaderingStatus.AFGELOPEN:
            return ValidationError(_("Er zijn nog geen notulen om goed te keuren."))
        return transition_refusal(vergadering, VergaderingStatus.NOTULEN_GOEDGEKEURD)


class AgendapuntPolicy(_Policy):
    """An agenda item: edit it, move it, decide on a member's proposal, record the decision on it; remove it (or one
    of its documents) before the agenda is published, withdraw it (or one of its documents) with a reason after."""

    actions = (
        "edit",
        "move",
        "move_to_next",
        "accept",
        "decline",
        "record_besluit",
        "remove",
        "withdraw",
        "remove_document",
        "withdraw_document",
    )
    messages = dict.fromkeys(actions, ALLEEN_SECRETARIAAT)

    def __init__(self, vergaderingen=None):
        super().__init__()
        self.vergaderingen = vergaderingen or VergaderingPolicy()
        self._volgende = {}
        self._toegestaan = {}

    @staticmethod
    def _staat(punt):
        """All that the answers about `punt` read: its status and its meeting (the meeting's state, its body for the
        role, the meeting itself for the next one). Items with the same `_staat` get the same answers."""
        vergadering = punt.vergadering
        return (
            punt.status,
            vergadering.pk,
            vergadering.status,
            vergadering.agenda_gepubliceerd,
            vergadering.orgaan_id,
        )

    def allowed(self, user, punt, actions=None):
        """As `_Policy.allowed`, asked once per user, item state (`_staat`) and actions for this instance: a page
        of items asks each state once instead of every action of every row (the refusals it would build per row
        are only discarded)."""
        if punt.pk is None:
            return super().allowed(user, punt, actions)
        key = (getattr(user, "pk", None), self._staat(punt), tuple(actions or self.actions))
        if key not in self._toegestaan:
            self._toegestaan[key] = super().allowed(user, punt, actions)
        return dict(self._toegestaan[key])

    def context(self, punt):
        return {"orgaan": punt.vergadering.orgaan}

    def _manage(self, user, punt):
        return self.vergaderingen.holds(user, "edit_agenda", punt.vergadering)

    holds_edit = holds_move = holds_move_to_next = holds_accept = holds_decline = holds_record_besluit = (
        _manage
    )
    holds_remove = holds_withdraw = holds_remove_document = holds_withdraw_document = _manage

    def refusal_edit(self, user, punt):
        refusal = _agenda_open_refusal(punt.vergadering)
        if refusal is None and punt.status == AgendapuntStatus.INGETROKKEN:
            refusal = ValidationError(_("Dit punt is ingetrokken: het verandert niet meer."))
        return refusal

    @staticmethod
    def _gepubliceerd(punt):
        """The item (and so its documents) is on a published agenda: it is withdrawn, never deleted."""
        return punt.vergadering.agenda_gepubliceerd and punt.status in OP_DE_AGENDA

    def refusal_remove(self, user, punt):
        refusal = _agenda_open_refusal(punt.vergadering)
        if refusal is None and self._gepubliceerd(punt):
            refusal = ValidationError(
                _(
                    "Dit punt staat op de gepubliceerde agenda: u verwijdert het niet, u trekt het in met een reden."
                )
            )
        if refusal is None and punt.status != AgendapuntStatus.GEAGENDEERD:
            refusal = ValidationError(
                _("Een voorstel van een lid verwijdert u niet: u agendeert het of wijst het af.")
            )
        return refusal

    def refusal_withdraw(self, user, punt):
        refusal = _agenda_open_refusal(punt.vergadering)
        if refusal is None and not punt.vergadering.agenda_gepubliceerd:
            refusal = ValidationError(_("De agenda is nog niet gepubliceerd: verwijder het punt gewoon."))
        if refusal is None and not workflow.allowed(
            punt.status, AgendapuntStatus.INGETROKKEN, workflow.AGENDAPUNT_TRANSITIONS
        ):
            refusal = ValidationError(
                _("Dit punt is al ingetrokken.")
                if punt.status == AgendapuntStatus.INGETROKKEN
                else _("Alleen een punt op de agenda trekt u in."),
                code="overgang",
            )
        return refusal

    def refusal_remove_document(self, user, punt):
        refusal = _agenda_open_refusal(punt.vergadering)
        if refusal is None and self._gepubliceerd(punt):
            refusal = ValidationError(
                _(
                    "De stukken van dit punt zijn gepubliceerd: u verwijdert ze niet, u trekt ze in met een reden."
                )
            )
        return refusal

    def refusal_withdraw_document(self, user, punt):
        refusal = _agenda_open_refusal(punt.vergadering)
        if refusal is None and not self._gepubliceerd(punt):
            refusal = ValidationError(_("Deze stukken zijn nog niet gepubliceerd: verwijder ze gewoon."))
        return refusal

    def _frozen_refusal(self, punt):
        return self.refusal_edit(None, punt) or (
            ValidationError(
                _(
                    "De agenda is gepubliceerd: de nummering ligt vast. Houd het punt zo nodig aan in het besluit."
                )
            )
            if punt.vergadering.agenda_gepubliceerd
            else None
        )

    def refusal_move(self, user, punt):
        refusal = self._frozen_refusal(punt)
        if refusal is None and punt.status != AgendapuntStatus.GEAGENDEERD:
            refusal = ValidationError(_("Dit punt staat niet op de agenda."))
        return refusal

    def volgende(self, vergadering):
        """The next meeting of the body whose agenda still takes items (asked once per meeting)."""
        if vergadering.pk not in self._volgende:
            self._volgende[vergadering.pk] = selectors.volgende_vergadering(vergadering)
        return self._volgende[vergadering.pk]

    def refusal_move_to_next(self, user, punt):
        refusal = self._frozen_refusal(punt)
        if refusal is None and self.volgende(punt.vergadering) is None:
            refusal = ValidationError(_("Er is nog geen volgende vergadering gepland. Plan die eerst."))
        return refusal

    def _voorstel_refusal(self, punt, naar):
        if workflow.allowed(punt.status, naar, workflow.AGENDAPUNT_TRANSITIONS):
            return None
        return ValidationError(_("Over dit voorstel is al beslist."), code="overgang")

    def refusal_accept(self, user, punt):
        return _agenda_open_refusal(punt.vergadering) or self._voorstel_refusal(
            punt, AgendapuntStatus.GEAGENDEERD
        )

    def refusal_decline(self, user, punt):
        return self._voorstel_refusal(punt, AgendapuntStatus.AFGEWEZEN)

    def refusal_record_besluit(self, user, punt):
        refusal = self.vergaderingen.refusal(user, "record", punt.vergadering)
        if refusal is None and punt.status != AgendapuntStatus.GEAGENDEERD:
            refusal = ValidationError(_("Alleen over punten op de agenda wordt besloten."))
        return refusal


def inschrijving_open(bijeenkomst, today=None):
    return (today or timezone.localdate()) <= bijeenkomst.inschrijven_tot


class BijeenkomstPolicy(_Policy):
    """A planning day: who organises it and who registers themselves (an official of the region, before the deadline,
    once).

    The organiser is the region's secretariat (`permissions.can_organise_bijeenkomst`: the secretaris of any body of
    the region, with the platform administrator standing in): it creates and edits the day, its blocks, sessions and
    working documents, invites people, sees the overview, registers others and records outputs. Invitees register
    through their personal link, which is not a role: `services.register_uitnodiging` checks the link and the
    deadline."""

    actions = ("register", "organise")
    messages = {
        "register": gettext_lazy("Alleen medewerkers en mandatarissen van %(regio)s schrijven zich in."),
        "organise": gettext_lazy("Alleen het secretariaat van %(regio)s organiseert planningsdagen."),
    }

    def context(self, bijeenkomst):
        return {"regio": bijeenkomst.regio}

    def holds_register(self, user, bijeenkomst):
        return active(user) and self._remember(
            besturen_permissions.heeft_rol_in_regio, user, bijeenkomst.regio
        )

    def holds_organise(self, user, bijeenkomst):
        return self._remember(permissions.can_organise_bijeenkomst, user, bijeenkomst.regio)

    def refusal_register(self, user, bijeenkomst):
        if user is None or not user.is_authenticated:
            return NotAllowed(_("Log in om u in te schrijven."))
        if not inschrijving_open(bijeenkomst):
            return ValidationError(
                _("De inschrijving is gesloten: inschrijven kon tot en met %(datum)s.")
                % {"datum": formats.date_format(bijeenkomst.inschrijven_tot, "j F Y")},
                code="gesloten",
            )
        if bijeenkomst.pk and Inschrijving.objects.filter(bijeenkomst=bijeenkomst, user=user).exists():
            return ValidationError(
                _("U bent al ingeschreven voor %(b)s.") % {"b": bijeenkomst}, code="dubbel"
            )
        return None

    def refusal_organise(self, user, bijeenkomst):
        return None

    def require_participant(self, door, deelnemer, bijeenkomst):
        """An organiser registers someone else (no deadline): that person must be an official of the region."""
        if not is_system(door) and not self.holds_register(deelnemer, bijeenkomst):
            raise NotAllowed(self.message("register", bijeenkomst))


class InschrijvingPolicy(_Policy):
    """A registration: its participant or the organiser cancels it, until the day is over."""

    actions = ("cancel",)
    messages = {"cancel": gettext_lazy("U annuleert alleen uw eigen inschrijving.")}

    def __init__(self, bijeenkomsten=None):
        super().__init__()
        self.bijeenkomsten = bijeenkomsten or BijeenkomstPolicy()

    def holds_cancel(self, user, inschrijving):
        return (user is not None and user.pk == inschrijving.user_id) or self.bijeenkomsten.holds(
            user, "organise", inschrijving.bijeenkomst
        )

    def refusal_cancel(self, user, inschrijving):
        if timezone.localdate() > inschrijving.bijeenkomst.datum:
            return ValidationError(_("De bijeenkomst is voorbij."))
        return None


def is_facilitator(user, werksessie):
    """The session's facilitator: the active account at the facilitator's e-mail address the organiser entered."""
    return (
        active(user)
        and bool(werksessie.facilitator_email)
        and user.email.strip().lower() == werksessie.facilitator_email.strip().lower()
    )


class WerksessiePolicy(_Policy):
    """A work session after its day: its facilitator or the organiser records the output (opbrengst), from the day
    itself on."""

    actions = ("record_opbrengst",)
    messages = {
        "record_opbrengst": gettext_lazy(
            "Alleen de facilitator van de werksessie of de organisator legt de opbrengst vast."
        )
    }

    def __init__(self, bijeenkomsten=None):
        super().__init__()
        self.bijeenkomsten = bijeenkomsten or BijeenkomstPolicy()

    def holds_record_opbrengst(self, user, werksessie):
        return is_facilitator(user, werksessie) or self.bijeenkomsten.holds(
            user, "organise", werksessie.blok.bijeenkomst
        )

    def refusal_record_opbrengst(self, user, werksessie):
        if timezone.localdate() < werksessie.blok.bijeenkomst.datum:
            return ValidationError(_("De opbrengst legt u vast vanaf de dag van de bijeenkomst."))
        return None
