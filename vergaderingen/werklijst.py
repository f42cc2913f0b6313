"""The meetings' part of the personal work list (`regioportaal.werklijst`): an agenda to publish, a meeting to
prepare, a planning day to register for before its deadline.

Who acts is the policies' rule, asked for a whole list at once: a body's agenda is published by its own secretariat
(`VergaderingPolicy.holds_publish`: `besturen.permissions.is_secretariaat`, the holders of `manage_regio` on its
region or of `manage_leden_orgaan` on a council), a published meeting is prepared by its members and secretariat
(`holds_propose`: `is_lid_of_secretariaat`), and a planning day takes registrations from the region's officials
(`BijeenkomstPolicy.holds_register`: `heeft_rol_in_regio`) until `inschrijving_open` closes, once per person. None of
these gives the platform administrator a shortcut. The rules are `besturen.permissions`' own, for a whole list at
once (`rollen_van`; `secretariaat_q` and `lid_of_secretariaat_q` as their SQL forms `secretariaat_sql` and
`lid_of_secretariaat_sql`, `regios_met_rol` as a list; compared with them in tests/werklijst/test_cold_werklijst.py
and tests/besturen/test_sql_regels.py): the permissions are read once for the whole work list
(`regioportaal.werklijst.rechten`), then one query whatever the data, none without a role.

The rows are read as plain values and written as items without model instances: `str(vergadering)` is its body's name
and its local day as `j F Y`, the links are the views' own (reversed once per call).
"""

from types import SimpleNamespace

from django.db import connections, router
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from besturen.models import Bestuur, Orgaan, Regio
from besturen.permissions import (
    MANAGE_LEDEN_ORGAAN,
    MANAGE_REGIO,
    VIEW_BESLOTEN_ORGAAN,
    VIEW_BESLOTEN_REGIO,
    lid_of_secretariaat_sql,
    regios_met_rol,
    rollen_van,
    secretariaat_sql,
)
from regioportaal import sqlrijen, werklijst
from regioportaal.werklijst import WerkItem, register

from .models import Bijeenkomst, Inschrijving, Vergadering, VergaderingStatus
from .policies import inschrijving_open

RECHTEN = (
    (MANAGE_REGIO, Regio),
    (MANAGE_LEDEN_ORGAAN, Orgaan),
    (VIEW_BESLOTEN_ORGAAN, Orgaan),
    (VIEW_BESLOTEN_REGIO, Regio),
)

PUBLICEREN, VOORBEREIDEN, INSCHRIJVEN = 0, 1, 2
_PK = 987654321  # a stand-in id: the links are reversed once and the ids put in their place


def _delen():
    """The three parts of the one query, each `(kind, id, begin, name, region's name, council's name, day, deadline)`,
    with `%s` where their parameters go and `{…}` where a rule's condition goes (`besturen.permissions`' SQL forms,
    `sqlrijen.in_lijst`: SQL that PostgreSQL and SQLite both read): the upcoming meetings whose agenda the reader
    publishes (`secretariaat_sql`: the body's region among the `manage_regio` ids, or a council among the
    `manage_leden_orgaan` ids), those they prepare (`lid_of_secretariaat_sql`: that, or the body among the
    `view_besloten_orgaan` ids), and the planning days of the regions they have a role in (`regios_met_rol`) still
    open and not yet registered for. The bodies lead: the rules' OR is asked of them (by their indexes), then their
    meetings are found by body; asked of the meeting rows it had the database read every meeting."""
    connection = connections[router.db_for_read(Vergadering)]
    qn = connection.ops.quote_name
    tijdstip = "timestamptz" if connection.vendor == "postgresql" else "timestamp"
    v, o, r, b = (qn(m._meta.db_table) for m in (Vergadering, Orgaan, Regio, Bestuur))
    bk, ins = qn(Bijeenkomst._meta.db_table), qn(Inschrijving._meta.db_table)
    vergaderingen = (
        "SELECT {kind}, v.id, v.begin, o.naam, r.naam, b.naam, CAST(NULL AS date), CAST(NULL AS date) "
        f"FROM {o} o INNER JOIN {v} v ON v.orgaan_id = o.id LEFT OUTER JOIN {r} r ON r.id = o.regio_id "
        f"LEFT OUTER JOIN {b} b ON b.id = o.bestuur_id "
        "WHERE {wie} AND v.status = %s AND v.begin >= %s"
    )
    return {
        PUBLICEREN: vergaderingen.replace("{kind}", str(PUBLICEREN)),
        VOORBEREIDEN: vergaderingen.replace("{kind}", str(VOORBEREIDEN)),
        INSCHRIJVEN: (
            f"SELECT {INSCHRIJVEN}, d.id, CAST(NULL AS {tijdstip}), d.naam, r.naam, NULL, d.datum, d.inschrijven_tot "
            f"FROM {bk} d INNER JOIN {r} r ON r.id = d.regio_id "
            "WHERE {regios} AND d.inschrijven_tot >= %s "
            f"AND NOT (d.id IN (SELECT i.bijeenkomst_id FROM {ins} i WHERE i.user_id = %s))"
        ),
    }


def _rijen(user, rollen, nu, vandaag):
    """The rows of the three parts, in the order the items are listed: by kind, then by begin (meetings) or deadline
    (planning days), then by id; no query when the reader has no role at all."""
    secretariaat = rollen[MANAGE_REGIO] or rollen[MANAGE_LEDEN_ORGAAN]
    regios = sorted(regios_met_rol(rollen))
    sql, params = [], []
    delen = _delen()
    if secretariaat:
        wie, wie_params = secretariaat_sql(rollen, "o")
        sql.append(delen[PUBLICEREN].format(wie=wie))
        params += [*wie_params, VergaderingStatus.GEPLAND.value, nu]
    if secretariaat or rollen[VIEW_BESLOTEN_ORGAAN]:
        wie, wie_params = lid_of_secretariaat_sql(rollen, "o")
        sql.append(delen[VOORBEREIDEN].format(wie=wie))
        params += [*wie_params, VergaderingStatus.AGENDA_GEPUBLICEERD.value, nu]
    if regios:
        in_regios, regio_params = sqlrijen.in_lijst("d.regio_id", regios)
        sql.append(delen[INSCHRIJVEN].format(regios=in_regios))
        params += [*regio_params, vandaag, user.pk]
    if not sql:  # no query either way
        return []
    with connections[router.db_for_read(Vergadering)].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql) + " ORDER BY 1, 3, 8, 2", params)
        return [
            (soort, pk, sqlrijen.als_tijdstip(begin), naam, regio, bestuur, *map(sqlrijen.als_datum, dagen))
            for soort, pk, begin, naam, regio, bestuur, *dagen in cursor.fetchall()
        ]


_SOORTEN = {
    PUBLICEREN: (gettext_noop("Agenda publiceren"), "vergaderingen:agenda_beheer"),
    VOORBEREIDEN: (gettext_noop("Vergadering voorbereiden"), "vergaderingen:vergadering"),
    INSCHRIJVEN: (gettext_noop("Inschrijven voor een planningsdag"), "vergaderingen:bijeenkomst"),
}


def _link(naam):
    """The view's path for any id: (before, after) the id."""
    voor, na = reverse(naam, kwargs={"pk": _PK}).split(str(_PK))
    return voor, na


def _j_f_y(dag, maanden):
    """`date_format(dag, "j F Y")`; `maanden`: the months' names in the current language, translated as they are
    met."""
    maand = maanden.get(dag.month)
    if maand is None:
        maand = maanden[dag.month] = str(MONTHS[dag.month])
    return f"{dag.day} {maand} {dag.year:04d}"


def _werk(user, rollen):
    nu, vandaag = timezone.now(), timezone.localdate()
    rijen = _rijen(user, rollen, nu, vandaag)
    if not rijen:
        return []
    maanden, soorten, tz = {}, {}, timezone.get_current_timezone()
    items = []
    for soort, pk, begin, naam, regio, bestuur, datum, tot in rijen:
        if soort not in soorten:  # the kind's label and link, once per call
            soorten[soort] = (_(_SOORTEN[soort][0]), *_link(_SOORTEN[soort][1]))
        label, voor, na = soorten[soort]
        if soort == INSCHRIJVEN:
            if not inschrijving_open(SimpleNamespace(inschrijven_tot=tot), vandaag):
                continue
            titel = _("%(naam)s op %(datum)s") % {"naam": naam, "datum": _j_f_y(datum, maanden)}
            deadline = tot
        else:
            deadline = begin.astimezone(tz).date()  # timezone.localtime
            titel = f"{naam} {_j_f_y(deadline, maanden)}"  # str(vergadering)
            regio = regio if regio is not None else bestuur  # the body's region, or its Bestuur
        items.append(
            WerkItem(soort=label, titel=titel, url=f"{voor}{pk}{na}", deadline=deadline, regio=regio)
        )
    return items


def werk_van(user):
    """The provider registered in `VergaderingenConfig.ready()`: the ids per permission of `RECHTEN` are `rollen_van`'s
    (`held_ids` of those four, no superuser shortcut), read once for the whole work list (`werklijst.rechten`)."""
    return _werk(user, werklijst.rechten(user) if user.is_active else rollen_van(user))


register(werk_van, RECHTEN)
