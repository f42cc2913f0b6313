"""The programme's part of the personal work list (`regioportaal.werklijst`): a council decision to record, a
question or a zienswijze to answer, and, for a council member, a version before their council with its deadline.

Who acts is the policies' answer: the decisions a council secretary records are `RAADSBESLUIT.objects(user,
"record", …)`; questions and views are answered by the region's secretariat, the holders `VRAAG.users("answer", …)`
and `RAADSBESLUIT`'s `answer_zienswijze` notify, which are the holders of `besturen.manage_regio` (no
platform-administrator shortcut: the platform administrator reads along but is not asked to act); a council member
asks questions on behalf of the members `VRAAG`'s `ask` allows (`besturen_of_raadslid`). The state half is the
policies' own (`state_record`), applied to rows fetched with everything it reads: one written-out query finds which
councils, questions and views there are (`_gevonden`, plain ids), and their rows are read only for a kind there is
(at most five queries whatever the data, none but the first when there is nothing to do); the decisions the user
records and the secretariat's regions are read once for the whole work list, as plain ids (`werklijst.rechten`:
`held_ids`, as `besturen.permissions.rollen_van`).
"""

from django.db import connections, router
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from besturen import permissions as besturen_permissions
from besturen.models import RAADSORGANEN, Lidmaatschap, Orgaan, Persoon, Regio
from besturen.models.regios import current_sql
from regioportaal import sqlrijen, werklijst
from regioportaal.werklijst import WerkItem, register

from . import termijnen
from .models import Jaarprogramma, Raadsbesluit, Uitkomst, Versie, Vraag
from .policies import RAADSBESLUIT

_VERSIE = "versie__jaarprogramma__regio__programmaregeling"
RECORD = "programmas.record_raadsbesluit"
RECHTEN = ((RECORD, Raadsbesluit), (besturen_permissions.MANAGE_REGIO, Regio))
RADEN, VRAGEN, ZIENSWIJZEN = 0, 1, 2
_RAADSORGANEN = [str(soort) for soort in RAADSORGANEN]


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


def _te_beslissen(user, mogelijk):
    # The decisions the user may record, read once as plain ids (`held_ids`, the permission the policy asks): the
    # open decisions of every region are then narrowed by primary key first, and not asked at all without any.
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


def _voor_de_raad(besturen, al_gemeld):
    """Versions before the councils of the members on whose councils the user sits (`besturen`: their ids, as
    `besturen_of_raadslid(user, _open_besluiten().values("bestuur"))`): ask questions and decide before the council's
    deadline (the decision itself is its secretary's, listed once for them)."""
    if not besturen:
        return []
    open_besluiten = _open_besluiten()
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
        for besluit in open_besluiten.filter(bestuur__in=sorted(besturen))
        if besluit.pk not in al_gemeld and RAADSBESLUIT.state_record(besluit) is None
    ]


def _vragen(ids, regios):
    """The open questions `ids` (found by `_gevonden`) of the secretariat's `regios`."""
    if not ids:  # no query either way; building one costs milliseconds
        return []
    vragen = Vraag.objects.filter(
        pk__in=sorted(ids),
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


def _zienswijzen(ids, regios):
    """Views of councils the board has not answered yet (`ids`, found by `_gevonden`): due when the general board
    takes up the draft."""
    if not ids:  # no query either way; building one costs milliseconds
        return []
    besluiten = Raadsbesluit.objects.filter(
        pk__in=sorted(ids),
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


def _delen():
    """The parts of `_gevonden`'s query, each `(kind, id)`, with `%s` where their parameters go and `{…}` where a
    list goes (`sqlrijen.in_lijst`: SQL that PostgreSQL and SQLite both read) or a rule's condition (a seat current
    today: `current_sql`, the SQL form of `current_q`)."""
    qn = connections[router.db_for_read(Raadsbesluit)].ops.quote_name
    lid, persoon, orgaan = (qn(m._meta.db_table) for m in (Lidmaatschap, Persoon, Orgaan))
    besluit, vraag, versie, programma = (
        qn(m._meta.db_table) for m in (Raadsbesluit, Vraag, Versie, Jaarprogramma)
    )
    return {
        RADEN: (
            f"SELECT {RADEN}, o.bestuur_id FROM {lid} l INNER JOIN {persoon} p ON p.id = l.persoon_id "
            f"INNER JOIN {orgaan} o ON o.id = l.orgaan_id "
            "WHERE p.user_id = %s AND {soorten} AND {huidig} "
            f"AND o.bestuur_id IN (SELECT b.bestuur_id FROM {besluit} b INNER JOIN {versie} v ON v.id = b.versie_id "
            "WHERE {uitkomsten} AND v.voorgelegd_op IS NOT NULL AND v.teruggestuurd_op IS NULL "
            "AND v.vervangen_door_id IS NULL)"
        ),
        VRAGEN: (
            f"SELECT {VRAGEN}, q.id FROM {vraag} q INNER JOIN {versie} v ON v.id = q.versie_id "
            f"INNER JOIN {programma} j ON j.id = v.jaarprogramma_id "
            "WHERE q.antwoord = '' AND {regios} AND v.vervangen_door_id IS NULL"
        ),
        ZIENSWIJZEN: (
            f"SELECT {ZIENSWIJZEN}, b.id FROM {besluit} b INNER JOIN {versie} v ON v.id = b.versie_id "
            f"INNER JOIN {programma} j ON j.id = v.jaarprogramma_id "
            "WHERE b.uitkomst = %s AND b.antwoord_op IS NULL AND {regios}"
        ),
    }


def _gevonden(user, regios):
    """What there is, in one written-out query of plain ids: {RADEN: the Besturen on whose council `user` holds a
    current seat that have an open decision (`besturen_of_raadslid(user, _open_besluiten().values("bestuur"))`),
    VRAGEN: the open questions of the `regios` (`_vragen`' filter), ZIENSWIJZEN: their unanswered views
    (`_zienswijzen`' filter)}; the rows themselves are then read only for a kind there is."""
    vandaag = timezone.localdate()
    delen = _delen()
    soorten, soort_params = sqlrijen.in_lijst("o.soort", _RAADSORGANEN)
    huidig, huidig_params = current_sql("l", vandaag)
    uitkomsten, uitkomst_params = sqlrijen.in_lijst("b.uitkomst", termijnen.OPEN_UITKOMSTEN)
    sql = [delen[RADEN].format(soorten=soorten, huidig=huidig, uitkomsten=uitkomsten)]
    params = [user.pk, *soort_params, *huidig_params, *uitkomst_params]
    if regios:  # the secretariat's parts; none without a region
        in_regios, regio_params = sqlrijen.in_lijst("j.regio_id", sorted(regios))
        sql += [delen[VRAGEN].format(regios=in_regios), delen[ZIENSWIJZEN].format(regios=in_regios)]
        params += [*regio_params, Uitkomst.ZIENSWIJZE.value, *regio_params]
    gevonden = {RADEN: set(), VRAGEN: set(), ZIENSWIJZEN: set()}
    with connections[router.db_for_read(Raadsbesluit)].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        for soort, pk in cursor.fetchall():
            gevonden[soort].add(pk)
    return gevonden


def werk_van(user):
    """The provider registered in `ProgrammasConfig.ready()`: the ids per permission of `RECHTEN` are read once for
    the whole work list (`werklijst.rechten`)."""
    rechten = werklijst.rechten(user)
    items, te_beslissen = _te_beslissen(user, rechten[RECORD])
    # Seats and the secretariat count for an active account only (`besturen_of_raadslid`, `rollen_van`).
    if not user.is_active:
        return items
    regios = rechten[besturen_permissions.MANAGE_REGIO]
    gevonden = _gevonden(user, regios)
    return [
        *items,
        *_voor_de_raad(gevonden[RADEN], te_beslissen),
        *_vragen(gevonden[VRAGEN], regios),
        *_zienswijzen(gevonden[ZIENSWIJZEN], regios),
    ]


register(werk_van, RECHTEN)
