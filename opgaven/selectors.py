"""Reads for the opgaven pages: the list with priority, the explanation of a priority, goal roll-ups."""

from decimal import Decimal

from django.db import connection, connections
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from besturen import permissions as besturen_permissions
from besturen import selectors as besturen_selectors
from besturen.models import Lidmaatschap, Orgaan, Persoon, Regio
from regioportaal import sqlrijen

from .models import (
    Capaciteit,
    Doelstelling,
    IndicatorWaarde,
    Mandaat,
    Opgave,
    Portefeuillehouder,
    Status,
    Synergie,
    Thema,
    Voortgang,
    VoortgangStatus,
)

# The priority of an opgave: "hoe meer synergie, hoe meer prioriteit" (Groene Metropoolregio).
SYNERGIE_GEWICHT = 2
DOELSTELLING_GEWICHT = 1
THEMA_GEWICHT = 1


def _count(model_qs, field):
    return Coalesce(
        Subquery(model_qs.values(field).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        Value(0),
    )


def with_prioriteit(queryset):
    """Annotate each opgave with its synergy, goal and theme counts and its priority score (subqueries, no joins)."""
    van = Synergie.objects.filter(van=OuterRef("pk"))
    naar = Synergie.objects.filter(naar=OuterRef("pk"))
    doelen = Opgave.doelstellingen.through.objects.filter(opgave=OuterRef("pk"))
    themas = Opgave.themas.through.objects.filter(opgave=OuterRef("pk"))
    qs = queryset.annotate(
        n_synergie_van=_count(van, "van"),
        n_synergie_naar=_count(naar, "naar"),
        n_doelstellingen=_count(doelen, "opgave"),
        n_themas=_count(themas, "opgave"),
    )
    return qs.annotate(
        prioriteit=(F("n_synergie_van") + F("n_synergie_naar")) * SYNERGIE_GEWICHT
        + F("n_doelstellingen") * DOELSTELLING_GEWICHT
        + F("n_themas") * THEMA_GEWICHT
    )


def _prioriteit_sql():
    """The priority of `with_prioriteit` as one expression over the opgave table, its four counts written out (the
    ORM's subqueries cost more to build than the list's query runs)."""
    qn = connection.ops.quote_name
    opgave = f"{qn(Opgave._meta.db_table)}.{qn(Opgave._meta.pk.column)}"

    def aantal(tabel, kolom):
        return f"(SELECT COUNT(*) FROM {qn(tabel)} WHERE {qn(kolom)} = {opgave})"

    synergie = Synergie._meta
    doelen, themas = Opgave._meta.get_field("doelstellingen"), Opgave._meta.get_field("themas")
    van = aantal(synergie.db_table, synergie.get_field("van").column)
    naar = aantal(synergie.db_table, synergie.get_field("naar").column)
    doel = aantal(doelen.remote_field.through._meta.db_table, doelen.m2m_column_name())
    thema = aantal(themas.remote_field.through._meta.db_table, themas.m2m_column_name())
    return RawSQL(
        f"({van} + {naar}) * {SYNERGIE_GEWICHT} + {doel} * {DOELSTELLING_GEWICHT} + {thema} * {THEMA_GEWICHT}",
        (),
        output_field=IntegerField(),
    )


def opgaven_visible_to(user):
    """The opgaven `user` may read (`permissions.can_view_opgave`): the published ones, and the drafts of regions in
    whose own bodies they hold a role (one queryset; not the councils, not the platform administrator's reading)."""
    return Opgave.objects.visible_to(user)


def visible_opgave_ids(user, opgaven):
    """Of `opgaven` (loaded objects, e.g. the lines' `regel.opgave`), the ids `user` may read, as a set.

    The same answer as `permissions.can_view_opgave` per opgave, in at most one query for the whole list: published
    ones need none, the drafts need the user's regions once.
    """
    opgaven = list(opgaven)
    zichtbaar = {opgave.pk for opgave in opgaven if opgave.gepubliceerd}
    besloten = [opgave for opgave in opgaven if not opgave.gepubliceerd]
    if besloten:
        regios = set(
            besturen_permissions.regios_met_regionale_rol(user)
            .filter(pk__in={opgave.regio_id for opgave in besloten})
            .values_list("pk", flat=True)
        )
        zichtbaar |= {opgave.pk for opgave in besloten if opgave.regio_id in regios}
    return zichtbaar


def shown_titles(user, opgaven):
    """Per opgave id, the title `user` may read, or "niet-gepubliceerde opgave" for a draft they may not see (for a
    page or an export that lists opgaven it did not choose by `opgaven_visible_to`, e.g. a programme's lines)."""
    opgaven = list(opgaven)
    zichtbaar = visible_opgave_ids(user, opgaven)
    return {
        opgave.pk: opgave.titel if opgave.pk in zichtbaar else _("niet-gepubliceerde opgave")
        for opgave in opgaven
    }


def opdrachtgevers_van(opgaven):
    """The people who are bestuurlijk opdrachtgever of any of `opgaven` (a queryset), for the list's filter."""
    return besturen_selectors.personen_with_seats(opgaven.values("opdrachtgever"))


def opgaven_list(
    regio, user, *, thema=None, doelstelling=None, status=None, opdrachtgever=None, order="titel"
):
    """The opgaven of a region the user may see, filtered, with priority; ordered by title or priority."""
    qs = Opgave.objects.visible_to(user).filter(regio=regio)
    if thema:
        qs = qs.filter(themas=thema)
    if doelstelling:
        qs = qs.filter(doelstellingen=doelstelling)
    if status:
        qs = qs.filter(status=status)
    if opdrachtgever:
        qs = qs.filter(opdrachtgever__persoon=opdrachtgever)
    qs = qs.annotate(prioriteit=_prioriteit_sql()).select_related("opdrachtgever__persoon")
    if order == "prioriteit":
        return qs.order_by("-prioriteit", "titel")
    return qs.order_by("titel")


def filter_keuzes(regio):
    """The choices of the list's filter: the region's themes as (pk, naam, transversaal) in their order
    (transversal, order, name) and its goals as (pk, nummer, titel) by number; one written-out query of plain rows
    instead of two ORM queries."""
    qn = connection.ops.quote_name
    thema, doel = qn(Thema._meta.db_table), qn(Doelstelling._meta.db_table)
    sql = (
        f"SELECT 0, {thema}.{qn('id')}, {thema}.{qn('naam')}, "
        f"CASE WHEN {thema}.{qn('transversaal')} THEN 1 ELSE 0 END, {thema}.{qn('volgorde')} "
        f"FROM {thema} WHERE {thema}.{qn('regio_id')} = %s UNION ALL "
        f"SELECT 1, {doel}.{qn('id')}, {doel}.{qn('titel')}, 0, {doel}.{qn('nummer')} "
        f"FROM {doel} WHERE {doel}.{qn('regio_id')} = %s ORDER BY 1, 4, 5, 3"
    )
    themas, doelstellingen = [], []
    with connection.cursor() as cursor:
        cursor.execute(sql, [regio.pk, regio.pk])
        for soort, pk, naam, transversaal, volgorde in cursor.fetchall():
            if soort:
                doelstellingen.append((pk, volgorde, naam))
            else:
                themas.append((pk, naam, bool(transversaal)))
    return themas, doelstellingen


def lijst_koppelingen(opgave_ids):
    """Per opgave id (of `opgave_ids`, a page of the list), the numbers of its goals and the names of its themes, in
    their models' order (region, then number; region, transversal, order, name): one query of plain rows, written
    out (the ORM's joins cost more to build than the query runs), instead of a prefetch of model instances."""
    doelen, themas = {}, {}
    if not opgave_ids:
        return doelen, themas
    qn = connection.ops.quote_name
    doel_veld, thema_veld = Opgave._meta.get_field("doelstellingen"), Opgave._meta.get_field("themas")
    regio = qn(Regio._meta.db_table)
    doel, thema = qn(Doelstelling._meta.db_table), qn(Thema._meta.db_table)

    def koppeling(veld, tabel):
        koppel = qn(veld.remote_field.through._meta.db_table)
        opgave = f"{koppel}.{qn(veld.m2m_column_name())}"
        van_opgaven, params = sqlrijen.in_lijst(opgave, opgave_ids)
        return (
            f"FROM {koppel} INNER JOIN {tabel} ON {tabel}.{qn('id')} = {koppel}.{qn(veld.m2m_reverse_name())} "
            f"INNER JOIN {regio} ON {regio}.{qn('id')} = {tabel}.{qn('regio_id')} "
            f"WHERE {van_opgaven}",
            opgave,
            params,
        )

    doel_van, doel_opgave, doel_params = koppeling(doel_veld, doel)
    thema_van, thema_opgave, thema_params = koppeling(thema_veld, thema)
    sql = (
        f"SELECT 0, {doel_opgave}, {regio}.{qn('naam')}, 0, {doel}.{qn('nummer')}, '', {doel}.{qn('nummer')}, '' "
        f"{doel_van} UNION ALL "
        f"SELECT 1, {thema_opgave}, {regio}.{qn('naam')}, CASE WHEN {thema}.{qn('transversaal')} THEN 1 ELSE 0 END, "
        f"{thema}.{qn('volgorde')}, {thema}.{qn('naam')}, 0, {thema}.{qn('naam')} "
        f"{thema_van} ORDER BY 1, 3, 4, 5, 6"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*doel_params, *thema_params])
        for soort, opgave_id, _regio, _a, _b, _c, nummer, naam in cursor.fetchall():
            if soort:
                themas.setdefault(opgave_id, []).append(naam)
            else:
                doelen.setdefault(opgave_id, []).append(nummer)
    return doelen, themas


def prioriteit_uitleg(opgave, zichtbaar=None):
    """Explain an opgave's priority in words: 'prioriteit 7: versterkt X en Y, dient doelstellingen 1 en 4, raakt 3 thema's'.

    `zichtbaar(partner)` says whether the reader may see a linked opgave; one they may not see still counts but
    is not named.
    """
    partners = [s.naar for s in opgave.synergie_van.all()] + [s.van for s in opgave.synergie_naar.all()]
    nummers = sorted(d.nummer for d in opgave.doelstellingen.all())
    n_themas = len(opgave.themas.all())
    score = len(partners) * SYNERGIE_GEWICHT + len(nummers) * DOELSTELLING_GEWICHT + n_themas * THEMA_GEWICHT
    delen = []
    if partners:
        namen = [p.titel for p in partners if zichtbaar is None or zichtbaar(p)]
        verborgen = len(partners) - len(namen)
        if verborgen:
            namen.append(
                ngettext("%(n)d niet-gepubliceerde opgave", "%(n)d niet-gepubliceerde opgaven", verborgen)
                % {"n": verborgen}
            )
        delen.append(_("versterkt %(opgaven)s") % {"opgaven": _opsomming(namen)})
    if nummers:
        delen.append(
            ngettext("dient doelstelling %(nummers)s", "dient doelstellingen %(nummers)s", len(nummers))
            % {"nummers": _opsomming([str(n) for n in nummers])}
        )
    if n_themas:
        delen.append(ngettext("raakt %(n)d thema", "raakt %(n)d thema's", n_themas) % {"n": n_themas})
    uitleg = ", ".join(delen) if delen else _("nog geen synergie, doelstellingen of thema's")
    return score, _("prioriteit %(score)d: %(uitleg)s") % {"score": score, "uitleg": uitleg}


def _opsomming(items):
    if len(items) <= 1:
        return "".join(items)
    return _("%(begin)s en %(laatste)s") % {"begin": ", ".join(items[:-1]), "laatste": items[-1]}


_DETAIL_RELATED = ("regio", "opdrachtgever__persoon", "opdrachtgever__orgaan", "stuurgroep")


# The parts of an opgave its page shows, as relations of Opgave; `_onderdeel` makes the prefetch of each.
_ONDERDELEN = (
    "doelstellingen",
    "themas",
    "indicatoren",
    "budget",
    "capaciteit",
    "synergie_van",
    "synergie_naar",
    "voortgang",
    "mandaten",
    "portefeuillehouders",
)


def _onderdeel(naam, meetwaarden=True):
    """The Prefetch of the part `naam` of an opgave (one of `_ONDERDELEN`): a mandate with its body, holder and
    person in one query; a report's values with their indicator in one (`meetwaarden=False`: without them); the
    current portfolio holders as `huidige_portefeuillehouders`."""
    if naam == "capaciteit":
        return Prefetch(naam, queryset=Capaciteit.objects.select_related("bestuur"))
    if naam == "synergie_van":
        return Prefetch(naam, queryset=Synergie.objects.select_related("naar"))
    if naam == "synergie_naar":
        return Prefetch(naam, queryset=Synergie.objects.select_related("van"))
    if naam == "voortgang":
        voortgang = Voortgang.objects.all()
        if meetwaarden:
            voortgang = voortgang.prefetch_related(_waarden(IndicatorWaarde.objects.all()))
        return Prefetch(naam, queryset=voortgang)
    if naam == "mandaten":
        mandaten = Mandaat.objects.select_related("verleend_door", "houder__persoon").prefetch_related(
            "verplichtingen"
        )
        return Prefetch(naam, queryset=mandaten)
    if naam == "portefeuillehouders":
        portefeuilles = huidige_portefeuilles().select_related("persoon")
        return Prefetch(naam, queryset=portefeuilles, to_attr="huidige_portefeuillehouders")
    return Prefetch(naam, queryset=Opgave._meta.get_field(naam).related_model.objects.all())


def opgave_detail_queryset(meetwaarden=True):
    """Opgaven with everything the page of one shows, fetched in a fixed number of queries. `meetwaarden=False`
    leaves the reports' values out (`meetwaarden_bij` reads them afterwards)."""
    return Opgave.objects.select_related(*_DETAIL_RELATED).prefetch_related(
        *(_onderdeel(naam, meetwaarden) for naam in _ONDERDELEN)
    )


def opgave_pagina_queryset():
    """Opgaven for the page of one, without their parts: `onderdelen_bij` reads those."""
    return Opgave.objects.select_related(*_DETAIL_RELATED)


# As `opgave_pagina_queryset()` (the `_DETAIL_RELATED` joins), written out: (model, alias) in the order of the columns.
_PAGINA_DELEN = [
    (Opgave, "o"),
    (Regio, "r"),
    (Lidmaatschap, "l"),
    (Persoon, "p"),
    (Orgaan, "g"),
    (Orgaan, "s"),
]

_GROOTSTE_ID = 2**63 - 1  # a bigint: no larger id exists


def opgave_voor_pagina(pk):
    """The opgave `pk` as `opgave_pagina_queryset().get(pk=pk)` reads it (its region, its opdrachtgever with their
    person and body, its steering group in place), or None if there is none: one written-out query (building the
    ORM's, with its four joins, cost more than running it)."""
    pk = int(pk)
    if not 0 < pk <= _GROOTSTE_ID:
        return None
    db = Opgave.objects.db
    verbinding = connections[db]
    qn = verbinding.ops.quote_name
    tabel = {model: qn(model._meta.db_table) for model, _alias in _PAGINA_DELEN}
    sql = (
        f"SELECT {sqlrijen.kolommen(_PAGINA_DELEN, verbinding)} FROM {tabel[Opgave]} o "
        f"INNER JOIN {tabel[Regio]} r ON r.{qn('id')} = o.{qn('regio_id')} "
        f"LEFT OUTER JOIN {tabel[Lidmaatschap]} l ON l.{qn('id')} = o.{qn('opdrachtgever_id')} "
        f"LEFT OUTER JOIN {tabel[Persoon]} p ON p.{qn('id')} = l.{qn('persoon_id')} "
        f"LEFT OUTER JOIN {tabel[Orgaan]} g ON g.{qn('id')} = l.{qn('orgaan_id')} "
        f"LEFT OUTER JOIN {tabel[Orgaan]} s ON s.{qn('id')} = o.{qn('stuurgroep_id')} "
        f"WHERE o.{qn('id')} = %s"
    )
    with verbinding.cursor() as cursor:
        cursor.execute(sql, [pk])
        rij = cursor.fetchone()
    if rij is None:
        return None
    (opgave, regio, opdrachtgever, persoon, orgaan, stuurgroep), _rest = sqlrijen.objecten(
        db, _PAGINA_DELEN, rij
    )
    Opgave.regio.field.set_cached_value(opgave, regio)
    Opgave.opdrachtgever.field.set_cached_value(opgave, opdrachtgever)
    if opdrachtgever is not None:
        Lidmaatschap.persoon.field.set_cached_value(opdrachtgever, persoon)
        Lidmaatschap.orgaan.field.set_cached_value(opdrachtgever, orgaan)
    Opgave.stuurgroep.field.set_cached_value(opgave, stuurgroep)
    return opgave


def _aanwezige_onderdelen(opgave_pk, namen):
    """Of the parts `namen` (relations of Opgave), those `opgave_pk` has any rows of: one query, an EXISTS per part
    (written out: the ORM's subqueries cost more to build than the queries they save)."""
    qn = connection.ops.quote_name
    tabellen = []
    for naam in namen:
        veld = Opgave._meta.get_field(naam)
        if veld.many_to_many:
            tabellen.append((veld.remote_field.through._meta.db_table, veld.m2m_column_name()))
        else:
            tabellen.append((veld.related_model._meta.db_table, veld.field.column))
    sql = "SELECT " + ", ".join(
        f"EXISTS (SELECT 1 FROM {qn(tabel)} WHERE {qn(kolom)} = %s)" for tabel, kolom in tabellen
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [opgave_pk] * len(tabellen))
        rij = cursor.fetchone()
    return {naam for naam, aanwezig in zip(namen, rij, strict=True) if aanwezig}


def onderdelen_bij(opgave):
    """Every part of `opgave` (from `opgave_pagina_queryset`), as `opgave_detail_queryset` reads them: one query to
    learn which parts it has, then one per part it has and none for a part it has not (most opgaven lack some: no
    synergy, mandate or capacity yet). The parts that are plain rows of one model (`_EIGEN_RIJEN`) are read by a
    written-out query, the others by their prefetch; a part's prefetch is built only when it is run."""
    aanwezig = _aanwezige_onderdelen(opgave.pk, _ONDERDELEN)
    prefetches = []
    for naam in _ONDERDELEN:
        if naam not in aanwezig:
            _bewaar(opgave, naam)
        elif naam in _EIGEN_RIJEN:
            _bewaar(opgave, naam, _eigen_rijen(opgave, naam))
        else:
            prefetches.append(_onderdeel(naam, meetwaarden=False))
    if prefetches:
        prefetch_related_objects([opgave], *prefetches)
    meetwaarden_bij(opgave)
    return opgave


# The parts of an opgave that are rows of one model with a key to it, in that model's ordering (which begins with
# the opgave), with nothing joined or prefetched along: `_eigen_rijen` reads them.
_EIGEN_RIJEN = frozenset({"indicatoren", "budget", "voortgang"})


def _eigen_rijen(opgave, naam):
    """The rows of the part `naam` (one of `_EIGEN_RIJEN`) of `opgave`, as its prefetch reads them: the same
    instances, each with its opgave in place, in the same order. One written-out query: the ORM's would join the
    opgave and its region only to sort by them, which is one value for one opgave, and costs more to build than
    it runs."""
    relatie = Opgave._meta.get_field(naam)
    model, sleutel = relatie.related_model, relatie.field
    volgorde = list(model._meta.ordering)
    if not volgorde or volgorde[0] != sleutel.name:
        raise ValueError(f"{model.__name__} is not ordered by its {sleutel.name} first")
    db = opgave._state.db or "default"
    verbinding = connections[db]
    qn = verbinding.ops.quote_name
    tabel = qn(model._meta.db_table)
    sorteer = ", ".join(
        f"{tabel}.{qn(model._meta.get_field(veld.lstrip('-')).column)}{' DESC' if veld.startswith('-') else ' ASC'}"
        for veld in volgorde[1:]
    )
    sql = (
        f"SELECT {sqlrijen.kolommen([(model, tabel)], verbinding)} FROM {tabel} "
        f"WHERE {tabel}.{qn(sleutel.column)} = %s ORDER BY {sorteer}"
    )
    with verbinding.cursor() as cursor:
        cursor.execute(sql, [opgave.pk])
        rijen = cursor.fetchall()
    objecten = [sqlrijen.maak(model, db, None, rij) for rij in rijen]
    for obj in objecten:
        sleutel.set_cached_value(obj, opgave)
    return objecten


# The parts kept elsewhere than where `prefetch_related_objects` keeps a relation's rows: their Prefetch's to_attr.
_ALS = {"portefeuillehouders": "huidige_portefeuillehouders"}


def _bewaar(instantie, naam, rijen=()):
    """Store `rijen` (by default none) as the relation `naam` of `instantie`, fetched, where `prefetch_related_objects`
    keeps it (for an opgave's part, its Prefetch's to_attr), without its query: a prefetch of `.none()` still built
    the relation's query (and its nested ones), most of the page's cost for an opgave that lacks parts. The stored
    queryset yields `rijen`; narrowing it further reads nothing (the relation's manager does)."""
    if naam in _ALS and isinstance(instantie, Opgave):
        setattr(instantie, _ALS[naam], list(rijen))
        return
    manager = getattr(instantie, naam)
    sleutel = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    opgeslagen = manager._queryset_class(model=manager.model)
    opgeslagen.query.set_empty()
    opgeslagen._result_cache, opgeslagen._prefetch_done = list(rijen), True
    if not hasattr(instantie, "_prefetched_objects_cache"):
        instantie._prefetched_objects_cache = {}
    instantie._prefetched_objects_cache[sleutel] = opgeslagen


def _waarden(queryset):
    return Prefetch("waarden", queryset=queryset.select_related("indicator").order_by("pk"))


def meetwaarden_bij(opgave):
    """The values of each progress report of `opgave` (read without them: `opgave_detail_queryset(False)`), with their
    indicator: one query, none for an opgave without indicators (a value always measures one of its own)."""
    rapporten = list(opgave.voortgang.all())
    if not rapporten:
        return
    if opgave.indicatoren.all():
        prefetch_related_objects(rapporten, _waarden(IndicatorWaarde.objects.all()))
        return
    for rapport in rapporten:
        _bewaar(rapport, "waarden")


def doelstelling_voortgang(regio, opgaven=None):
    """Per goal: the budget-weighted share of its opgaven whose latest report is 'op koers'.

    Each opgave weighs with its total budget; opgaven without a report do not count. `opgaven` (a queryset)
    limits the roll-up, e.g. to the opgaven the reader may see; by default all of the region's count.
    """
    laatste = Voortgang.objects.filter(opgave=OuterRef("pk")).order_by("-periode_eind")
    opgaven = (
        (Opgave.objects.all() if opgaven is None else opgaven)
        .filter(regio=regio)
        .annotate(
            totaal_budget=Coalesce(Sum("budget__bedrag"), Value(Decimal("0"))),
            laatste_status=Subquery(laatste.values("status")[:1]),
        )
        .prefetch_related("doelstellingen")
    )
    per_doel = {}
    for opgave in opgaven:
        if opgave.laatste_status is None:
            continue
        for doel in opgave.doelstellingen.all():
            entry = per_doel.setdefault(doel.pk, {"gewicht": Decimal("0"), "op_koers": Decimal("0")})
            entry["gewicht"] += opgave.totaal_budget
            if opgave.laatste_status == VoortgangStatus.OP_KOERS:
                entry["op_koers"] += opgave.totaal_budget
    return {
        pk: (entry["op_koers"] / entry["gewicht"] * 100 if entry["gewicht"] else None)
        for pk, entry in per_doel.items()
    }


def huidige_portefeuilles(day=None):
    """The portfolios current on `day` (today by default): a queryset to narrow or prefetch."""
    day = day or timezone.localdate()
    return Portefeuillehouder.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=day), begindatum__lte=day
    ).order_by("begindatum", "pk")


def portefeuilles_van(regio):
    """Every portfolio of a region, past, current and future, with its person, theme and opgave (the editor)."""
    return (
        Portefeuillehouder.objects.filter(regio=regio)
        .select_related("persoon", "thema", "opgave")
        .order_by("-begindatum", "pk")
    )


def portefeuille_kandidaten(regio):
    """Who may hold a portfolio of `regio`: the people with a current seat in one of its bodies, by name."""
    return besturen_selectors.personen_with_seats(besturen_selectors.current_seats(regio=regio))


def voortgang_over(regio, begin, eind):
    """The region's published, running opgaven by title, each with `rapporten`: its progress reports whose period
    ends between `begin` and `eind` (inclusive), latest first; an empty list is missing input (two queries)."""
    return (
        Opgave.objects.filter(regio=regio, gepubliceerd=True, status=Status.LOPEND)
        .prefetch_related(
            Prefetch(
                "voortgang",
                queryset=Voortgang.objects.filter(periode_eind__range=(begin, eind)).order_by(
                    "-periode_eind"
                ),
                to_attr="rapporten",
            )
        )
        .order_by("titel", "pk")
    )
