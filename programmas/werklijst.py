"""The programme's part of the personal work list (`regioportaal.werklijst`): a council decision to record, a
question or a zienswijze to answer, and, for a council member, a version before their council with its deadline.

Who acts is the policies' answer: the decisions a council secretary records are `RAADSBESLUIT.objects(user,
"record", …)`; questions and views are answered by the region's secretariat, the holders `VRAAG.users("answer", …)`
and `RAADSBESLUIT`'s `answer_zienswijze` notify, which are the holders of `besturen.manage_regio` (no
platform-administrator shortcut: the platform administrator reads along but is not asked to act); a council member
asks questions on behalf of the members `VRAAG`'s `ask` allows (`besturen_of_raadslid`). The state half is the
policies' own (`state_record`), applied to rows fetched with everything it reads: at most six queries whatever the
data (the secretariat's regions read once, as plain ids: `besturen.permissions.rollen_van`).
"""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from besturen import permissions as besturen_permissions
from besturen.selectors import besturen_of_raadslid
from regioportaal.permissions import held_ids
from regioportaal.werklijst import WerkItem, register

from . import termijnen
from .models import Raadsbesluit, Uitkomst, Vraag
from .policies import RAADSBESLUIT

_VERSIE = "versie__jaarprogramma__regio__programmaregeling"
RECORD = "programmas.record_raadsbesluit"


def _secretariaat_van(user):
    """The ids of the regions whose secretariat `user` is (`besturen.permissions.is_regio_secretariaat`)."""
    return besturen_permissions.rollen_van(user)[besturen_permissions.MANAGE_REGIO]


def _open_besluiten():
    """Council decisions not (finally) taken on a version that may still be before the councils; the policy's state
    decides the rest."""
    return Raadsbesluit.objects.filter(
        uitkomst__in=termijnen.OPEN_UITKOMSTEN,
        versie__voorgelegd_op__isnull=False,
        versie__teruggestuurd_op__isnull=True,
        versie__vervangen_door__isnull=True,
    ).select_related(_VERSIE, "bestuur")


def _regio(besluit_of_vraag):
    return besluit_of_vraag.versie.jaarprogramma.regio.naam


def _te_beslissen(user):
    # The decisions the user may record, read once as plain ids (`held_ids`, the permission the policy asks): the
    # open decisions of every region are then narrowed by primary key first, and not asked at all without any.
    mogelijk = held_ids(user, (RECORD, Raadsbesluit))[RECORD]
    if not mogelijk:
        return [], set()
    te_beslissen = [
        besluit
        for besluit in RAADSBESLUIT.objects(user, "record", _open_besluiten().filter(pk__in=mogelijk))
        if RAADSBESLUIT.state_record(besluit) is None
    ]
    items = [
        WerkItem(
            soort=_("Raadsbesluit vastleggen"),
            titel=_("Besluit van de raad van %(bestuur)s over %(versie)s")
            % {"bestuur": besluit.bestuur, "versie": besluit.versie},
            url=besluit.get_absolute_url(),
            deadline=besluit.deadline,
            regio=_regio(besluit),
        )
        for besluit in te_beslissen
    ]
    return items, {besluit.pk for besluit in te_beslissen}


def _voor_de_raad(user, al_gemeld):
    """Versions before the councils of the members on whose councils `user` sits: ask questions and decide before
    the council's deadline (the decision itself is its secretary's, listed once for them)."""
    open_besluiten = _open_besluiten()
    besturen = besturen_of_raadslid(user, open_besluiten.values("bestuur"))
    if not besturen:
        return []
    return [
        WerkItem(
            soort=_("Voorstel voor de raad"),
            titel=_("%(versie)s: vragen stellen en besluiten (raad van %(bestuur)s)")
            % {"versie": besluit.versie, "bestuur": besluit.bestuur},
            url=reverse("programmas:mijn_gemeente", args=[besluit.versie_id])
            + f"?bestuur={besluit.bestuur_id}",
            deadline=besluit.deadline,
            regio=_regio(besluit),
        )
        for besluit in open_besluiten.filter(bestuur__in=[bestuur.pk for bestuur in besturen])
        if besluit.pk not in al_gemeld and RAADSBESLUIT.state_record(besluit) is None
    ]


def _vragen(user, regios):
    if not regios:  # no query either way; building one costs milliseconds
        return []
    vragen = Vraag.objects.filter(
        antwoord="",
        versie__jaarprogramma__regio__in=regios,
        versie__vervangen_door__isnull=True,  # an open question moves on to the next version and is answered there
    ).select_related("versie__jaarprogramma__regio", "bestuur")
    return [
        WerkItem(
            soort=_("Vraag beantwoorden"),
            titel=_("Vraag namens %(bestuur)s: %(tekst)s")
            % {"bestuur": vraag.bestuur, "tekst": Truncator(vraag.tekst).chars(80)},
            url=reverse("programmas:vragen", args=[vraag.versie_id]) + f"#vraag-{vraag.pk}",
            deadline=vraag.versie.deadline,
            regio=_regio(vraag),
        )
        for vraag in vragen
    ]


def _zienswijzen(user, regios):
    """Views of councils the board has not answered yet: due when the general board takes up the draft."""
    if not regios:  # no query either way; building one costs milliseconds
        return []
    besluiten = Raadsbesluit.objects.filter(
        uitkomst=Uitkomst.ZIENSWIJZE,
        antwoord_op__isnull=True,
        versie__jaarprogramma__regio__in=regios,
    ).select_related("versie__jaarprogramma__regio", "bestuur")
    return [
        WerkItem(
            soort=_("Zienswijze beantwoorden"),
            titel=_("Zienswijze van %(bestuur)s op %(versie)s")
            % {"bestuur": besluit.bestuur, "versie": besluit.versie},
            url=besluit.get_absolute_url(),
            deadline=besluit.versie.jaarprogramma.behandeldatum or besluit.versie.deadline,
            regio=_regio(besluit),
        )
        for besluit in besluiten
        if RAADSBESLUIT.state_answer_zienswijze(besluit) is None
    ]


def werk_van(user):
    """The provider registered in `ProgrammasConfig.ready()`."""
    items, te_beslissen = _te_beslissen(user)
    regios = _secretariaat_van(user)
    return [*items, *_voor_de_raad(user, te_beslissen), *_vragen(user, regios), *_zienswijzen(user, regios)]


register(werk_van)
