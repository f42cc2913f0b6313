"""The programme's policies: per model, which actions this user may take on this object now, and who holds them.

One policy per model with actions (`VERSIE`, `RAADSBESLUIT`, `VRAAG`, `REVIEWPAKKET`), and two on the region (a
`Regio`): its P&C calendar (`PC_KALENDER`) and its programme settings (`REGELING`). Each action has two halves:

- the role (`role_<action>(user, obj)`): asks the app's rules in `permissions.py`, which stay the rules (the platform
  administrator gets what they grant and nothing more);
- the state (`state_<action>(obj)`): asks the transition tables in `workflow.py` and returns the reason the object
  cannot take the action now, or None.

`may_<action>` is both; the pages show a button or form exactly when it holds (`policy.allowed(user, obj)`). The
services' one guard is `policy.require(door, action, obj)`: a missing role is `NotAllowed` (the page answers 403, the
message is the one users saw before), a wrong state a `ValidationError` with its reason (shown next to the form). The
system (`door=None`) passes the role where the service lets it act (`system_actions`), never the state.

`users(action, obj)` names who holds the role (the state is the moment's, the holders are the recipients of a
notification about the object): today the region's secretariat and a council's secretaries.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from besturen.models import Rol
from besturen.selectors import accounts_of, current_seats
from regioportaal.permissions import NotAllowed, is_system
from regioportaal.policies import Policy, active

from . import permissions, termijnen, workflow
from .models import Procedure, Uitkomst, VersieStatus
from .regeling import procedure_van, regeling_van
from .selectors import open_voor_raden

S = VersieStatus

ALLEEN_SECRETARIAAT = gettext_lazy("Alleen het secretariaat van %(regio)s mag dit.")


class ProgrammaPolicy(Policy):
    """The role first, then the state; `allowed` asks each role once per call (one page, one answer per role)."""

    #: The actions the system (`door=None`) may take without a role (the state still applies).
    system_actions = ()

    def _both(self, action, user, obj):
        return (
            active(user)
            and self._method("role", action)(user, obj)
            and self._method("state", action)(obj) is None
        )

    def _role(self, naam, check):
        """The answer of a role check, asked once per `allowed` call (`check` is called only the first time)."""
        memo = getattr(self, "_rollen", None)
        if memo is None:
            return check()
        if naam not in memo:
            memo[naam] = check()
        return memo[naam]

    def allowed(self, user, obj, rollen=None):
        """As `Policy.allowed`; `rollen`: the answers of role checks the caller asked already for this user and
        object (name -> answer, as `_role` names them), not asked again."""
        scoped = copy.copy(
            self
        )  # a copy per call: the module's policy object keeps no state between requests
        scoped._rollen = dict(rollen) if rollen else {}
        return Policy.allowed(scoped, user, obj)

    def permits(self, user, action, obj):
        """The role alone: a page refuses (403) without it; a wrong state is the service's to explain."""
        return active(user) and self._method("role", action)(user, obj)

    def message_args(self, obj):
        return {}

    def require(self, user, action, obj):
        """The service's one guard: the role (the system passes where it may act), then the state."""
        if not (is_system(user) and action in self.system_actions):
            if not (active(user) and self._method("role", action)(user, obj)):
                bericht = self.messages.get(action) or gettext_lazy("U mag dit niet doen.")
                raise NotAllowed(str(bericht) % self.message_args(obj))
        reden = self._method("state", action)(obj)
        if reden is not None:
            raise ValidationError(reden)

    def _secretariaat(self, regio):
        """The region's secretariat: the accounts of the secretaries of its bodies (as `is_regio_secretariaat`)."""
        return accounts_of(current_seats(regio=regio, rollen=[Rol.SECRETARIS], with_account=True))


# --- A version ----------------------------------------------------------------------------------------------------


def _niet_naar(versie, naar):
    return _("Een versie gaat niet van %(van)s naar %(naar)s.") % {
        "van": versie.get_status_display(),
        "naar": VersieStatus(naar).label,
    }


def _volgt(versie, naar):
    """None when the version's table lets it go to `naar`, else why not."""
    if workflow.allowed(procedure_van(versie), versie.status, naar):
        return None
    return _niet_naar(versie, naar)


class VersiePolicy(ProgrammaPolicy):
    """The workflow of a version: the secretariat drafts, submits, routes and starts a new version; the board
    (the secretariat or the adopting body's (vice-)chair) sends back and adopts."""

    actions = ("edit", "submit", "send_back", "adopt", "route", "record_gs", "new_version")
    system_actions = actions
    messages = {
        "edit": ALLEEN_SECRETARIAAT,
        "submit": ALLEEN_SECRETARIAAT,
        "route": ALLEEN_SECRETARIAAT,
        "record_gs": ALLEEN_SECRETARIAAT,
        "new_version": ALLEEN_SECRETARIAAT,
        "send_back": gettext_lazy("Alleen het secretariaat of de voorzitter van het bestuur mag dit."),
        "adopt": gettext_lazy("Alleen het secretariaat of de voorzitter van het bestuur mag dit."),
    }

    def message_args(self, versie):
        return {"regio": versie.jaarprogramma.regio}

    # The two roles.

    def _manage(self, user, versie):
        return self._role(
            "manage", lambda: permissions.can_manage_programma(user, versie.jaarprogramma.regio)
        )

    def _board(self, user, versie):
        return self._role(
            "board",
            lambda: permissions.can_adopt(
                user, versie, regeling_van(versie.jaarprogramma.regio).bestuursorgaan
            ),
        )

    role_edit = role_submit = role_route = role_record_gs = role_new_version = _manage
    role_send_back = role_adopt = _board

    # The states.

    def state_edit(self, versie):
        if versie.bewerkbaar:
            return None
        return _(
            "Versie %(nummer)s is %(status)s en ligt vast; maak een nieuwe versie om iets te wijzigen."
        ) % {
            "nummer": versie.nummer,
            "status": versie.get_status_display(),
        }

    def state_submit(self, versie):
        return _volgt(versie, S.INGEDIEND)

    def state_send_back(self, versie):
        """A submitted version goes back to concept; one before the councils is closed (not twice)."""
        if versie.status == S.INGEDIEND:
            return _volgt(versie, S.CONCEPT)
        if versie.afgesloten:
            return _("Deze versie is al teruggestuurd of vervangen.")
        if versie.status not in workflow.RAADSFASE:
            return _("Een versie met de status %(status)s kan niet worden teruggestuurd.") % {
                "status": versie.get_status_display()
            }
        if versie.status != S.TERUG:
            return _volgt(versie, S.TERUG)
        return None

    def state_adopt(self, versie):
        if versie.afgesloten:
            return _("Deze versie is al teruggestuurd of vervangen.")
        return _volgt(versie, S.VASTGESTELD)

    def state_route(self, versie):
        if versie.voorgelegd_op is not None:
            return _("Deze versie ligt al voor bij de raden; een versie gaat één keer naar de raden.")
        return _volgt(versie, S.VOORGELEGD)

    def state_record_gs(self, versie):
        """Wgr art. 34 lid 2: an adopted budget on the zienswijze route goes to gedeputeerde staten, once."""
        if procedure_van(versie) != Procedure.ZIENSWIJZE or versie.status != S.VASTGESTELD:
            return _(
                "Alleen een vastgestelde begroting in de zienswijzeprocedure gaat naar gedeputeerde staten."
            )
        if versie.naar_gs_op is not None:
            return _("De verzending aan gedeputeerde staten is al vastgelegd (%(datum)s).") % {
                "datum": date_format(versie.naar_gs_op)
            }
        return None

    def state_new_version(self, versie):
        # A version page has read every version of the programme already (`views.versie._versies_or_404` leaves them
        # on the programme as `alle_versies`); a service asks the database, under its lock.
        versies = getattr(versie.jaarprogramma, "alle_versies", None)
        if (
            any(v.status == S.CONCEPT for v in versies)
            if versies is not None
            else versie.jaarprogramma.versies.filter(status=S.CONCEPT).exists()
        ):
            return _("Er is al een conceptversie van dit programma.")
        return None

    def may_edit(self, user, versie):
        return self._both("edit", user, versie)

    def may_submit(self, user, versie):
        return self._both("submit", user, versie)

    def may_send_back(self, user, versie):
        return self._both("send_back", user, versie)

    def may_adopt(self, user, versie):
        return self._both("adopt", user, versie)

    def may_route(self, user, versie):
        return self._both("route", user, versie)

    def may_record_gs(self, user, versie):
        return self._both("record_gs", user, versie)

    def may_new_version(self, user, versie):
        return self._both("new_version", user, versie)

    def users_route(self, versie):
        """Who routes (and submits, and answers): the region's secretariat."""
        return self._secretariaat(versie.jaarprogramma.regio)


# --- A council's decision -------------------------------------------------------------------------------------------


class RaadsbesluitPolicy(ProgrammaPolicy):
    """A council's decision: its secretary records it and corrects it while the version is before the councils; the
    secretariat sets its deadline and answers its zienswijze."""

    actions = ("record", "correct", "set_deadline", "answer_zienswijze")
    system_actions = actions
    messages = {
        "record": gettext_lazy("Alleen de secretaris van de raad van %(bestuur)s legt dit besluit vast."),
        "correct": gettext_lazy("Alleen de secretaris van de raad van %(bestuur)s legt dit besluit vast."),
        "set_deadline": ALLEEN_SECRETARIAAT,
        "answer_zienswijze": ALLEEN_SECRETARIAAT,
    }

    def message_args(self, besluit):
        return {"bestuur": besluit.bestuur, "regio": besluit.versie.jaarprogramma.regio}

    def _secretaris(self, user, besluit):
        return self._role("secretaris", lambda: permissions.can_record_raadsbesluit(user, besluit))

    def _manage(self, user, besluit):
        return self._role(
            "manage", lambda: permissions.can_manage_programma(user, besluit.versie.jaarprogramma.regio)
        )

    role_record = role_correct = _secretaris
    role_set_deadline = _manage

    def role_answer_zienswijze(self, user, besluit):
        return permissions.can_answer_zienswijze(user, besluit)

    def _open(self, besluit):
        if open_voor_raden(besluit.versie):
            return None
        return _("Deze versie ligt niet (meer) voor bij de raden.")

    def state_record(self, besluit):
        """The council's decision, while it is open (or postponed)."""
        if workflow.is_correctie(besluit.uitkomst):
            return _("Dit besluit is al vastgelegd; een correctie vraagt een reden.")
        return self._open(besluit)

    def state_correct(self, besluit):
        """A decided council changes its outcome only by a correction."""
        if not workflow.is_correctie(besluit.uitkomst):
            return _("Dit besluit is nog niet vastgelegd.")
        return self._open(besluit)

    def state_set_deadline(self, besluit):
        """Its own deadline while the council has not decided and the version is before the councils."""
        if self._open(besluit) is not None or besluit.versie.status == S.VASTGESTELD:
            return _("Deze versie ligt niet (meer) voor bij de raden.")
        if besluit.uitkomst not in termijnen.OPEN_UITKOMSTEN:
            return _("Deze raad heeft al besloten; zijn uiterste datum ligt vast.")
        return None

    def state_answer_zienswijze(self, besluit):
        if besluit.uitkomst != Uitkomst.ZIENSWIJZE:
            return _("Deze raad diende geen zienswijze in.")
        return None

    def may_record(self, user, besluit):
        return self._both("record", user, besluit)

    def may_correct(self, user, besluit):
        return self._both("correct", user, besluit)

    def may_set_deadline(self, user, besluit):
        return self._both("set_deadline", user, besluit)

    def may_answer_zienswijze(self, user, besluit):
        return self._both("answer_zienswijze", user, besluit)

    def objects_record(self, user, queryset):
        """The decisions this user may record or correct (role only: one subquery for a whole list)."""
        return queryset.filter(pk__in=permissions.recordable_raadsbesluiten(user).values("pk"))

    def users_record(self, besluit):
        """The secretaries of the council (the holders of `record_raadsbesluit` on this decision)."""
        if besluit.raad_id is None:
            return self.no_users()
        return accounts_of(current_seats(orgaan=besluit.raad_id, rollen=[Rol.SECRETARIS]))


# --- A question -----------------------------------------------------------------------------------------------------


class VraagPolicy(ProgrammaPolicy):
    """Council members of a participating member ask (on a version); the secretariat answers (a question).

    Asking is a council member's own act: the system does not ask, the platform administrator neither."""

    actions = ("ask", "answer")
    system_actions = ("answer",)
    messages = {
        "ask": gettext_lazy("Alleen raadsleden van deelnemende leden stellen hier vragen."),
        "answer": ALLEEN_SECRETARIAAT,
    }

    def message_args(self, obj):
        versie = getattr(obj, "versie", obj)  # `ask` is on a version, `answer` on a question
        return {"regio": versie.jaarprogramma.regio}

    def role_ask(self, user, versie):
        return permissions.can_ask_question(user, versie)

    def role_answer(self, user, vraag):
        return permissions.can_answer_question(user, vraag)

    def state_ask(self, versie):
        return None

    def state_answer(self, vraag):
        return None

    def may_ask(self, user, versie):
        return self._both("ask", user, versie)

    def may_answer(self, user, vraag):
        return self._both("answer", user, vraag)

    def users_answer(self, vraag):
        """The region's secretariat: told of every new question."""
        return self._secretariaat(vraag.versie.jaarprogramma.regio)


# --- A review packet ------------------------------------------------------------------------------------------------


class ReviewpakketPolicy(ProgrammaPolicy):
    """The region's own people have a member's review packet of a version made (the object is the version: the
    packet exists once asked for); others download the packet that exists. How often a packet is remade is the
    service's limit (`services.pakketten`), not a state of the version."""

    actions = ("request",)
    system_actions = actions
    messages = {"request": gettext_lazy("U mag het reviewpakket van deze versie niet laten maken.")}

    def role_request(self, user, versie):
        return permissions.can_request_reviewpakket(user, versie)

    def state_request(self, versie):
        return None

    def may_request(self, user, versie):
        return self._both("request", user, versie)


# --- The region's P&C calendar and programme settings ------------------------------------------------------------


class _RegioProgrammaPolicy(ProgrammaPolicy):
    """Actions on the region (`obj` is the `Regio`) that belong to its secretariat, in whatever state its
    programmes are: the state of a step or a setting is the service's input check, not a refusal of the action."""

    def message_args(self, regio):
        return {"regio": regio}

    def _manage(self, user, regio):
        return self._role("manage", lambda: permissions.can_manage_programma(user, regio))

    def _geen_staat(self, regio):
        return None

    def users_manage(self, regio):
        """The region's secretariat: the holders of these actions (the platform administrator reads along)."""
        return self._secretariaat(regio)


class PcKalenderPolicy(_RegioProgrammaPolicy):
    """The P&C calendar (`regio/<slug>/pc-kalender/<jaar>/`): the secretariat records the steps outside a version's
    workflow (`record_stap`: frameworks sent, annual accounts adopted and sent) and sets a programme's own procedure
    and meeting date (`update_programma`). Whoever reads the region reads the calendar; that needs no policy."""

    actions = ("record_stap", "update_programma")
    system_actions = actions
    messages = {action: ALLEEN_SECRETARIAAT for action in actions}

    role_record_stap = role_update_programma = _RegioProgrammaPolicy._manage
    state_record_stap = state_update_programma = _RegioProgrammaPolicy._geen_staat

    def may_record_stap(self, user, regio):
        return self._both("record_stap", user, regio)

    def may_update_programma(self, user, regio):
        return self._both("update_programma", user, regio)

    users_record_stap = users_update_programma = _RegioProgrammaPolicy.users_manage


class RegelingPolicy(_RegioProgrammaPolicy):
    """The programme settings (`regio/<slug>/programmaregeling/`): procedure, decision rule, key, rates and terms,
    set by the secretariat (`update_regeling`); the page itself is theirs alone (403 for anyone else)."""

    actions = ("update_regeling",)
    system_actions = actions
    messages = {"update_regeling": ALLEEN_SECRETARIAAT}

    role_update_regeling = _RegioProgrammaPolicy._manage
    state_update_regeling = _RegioProgrammaPolicy._geen_staat

    def may_update_regeling(self, user, regio):
        return self._both("update_regeling", user, regio)

    users_update_regeling = _RegioProgrammaPolicy.users_manage


VERSIE = VersiePolicy()
RAADSBESLUIT = RaadsbesluitPolicy()
VRAAG = VraagPolicy()
REVIEWPAKKET = ReviewpakketPolicy()
PC_KALENDER = PcKalenderPolicy()
REGELING = RegelingPolicy()
