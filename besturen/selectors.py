"""Reads for the besturen pages, each shaped for its page (joins done here, never per row in a template), and the
reads other apps make of besturen: current members and seats, the accounts behind seats, the items a user may read.
Other apps call these instead of querying besturen's models themselves."""

from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone

from regioportaal import sqlrijen

from .models import (
    RAADSORGANEN,
    Bestuur,
    Bevolkingscijfer,
    Deelname,
    ExternePartij,
    Lidmaatschap,
    Orgaan,
    Persoon,
    Regio,
    Rol,
    Stuk,
    Zichtbaarheid,
    current_q,
    current_sql,
)
from .permissions import besloten_organen_q

# Chair first, then vice-chair, members, substitutes, observers, and the secretary last.
ROLLEN_OP_VOLGORDE = [
    Rol.VOORZITTER,
    Rol.ONDERVOORZITTER,
    Rol.LID,
    Rol.PLAATSVERVANGER,
    Rol.WAARNEMER,
    Rol.SECRETARIS,
]
ROL_VOLGORDE = Case(
    *[When(rol=rol, then=Value(i)) for i, rol in enumerate(ROLLEN_OP_VOLGORDE)],
    output_field=IntegerField(),
)


def regio_met_slug(slug):
    """The region with `slug` (unique), or None: `Regio.objects.filter(slug=slug).first()` as one written-out query
    (every column, on the database the ORM reads regions from) and an instance made as the ORM makes it; building
    the queryset cost more than running it on every page of a region."""
    alias = Regio.objects.db
    qn = connections[alias].ops.quote_name
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT {sqlrijen.kolommen([(Regio, 'r')], connections[alias])} FROM {qn(Regio._meta.db_table)} r "
            f"WHERE r.{qn(Regio._meta.get_field('slug').column)} = %s",
            [slug],
        )
        rij = cursor.fetchone()
    return None if rij is None else sqlrijen.maak(Regio, alias, None, rij)


def regio_list(day=None):
    """Regions with their number of current members and their total population."""
    day = day or timezone.localdate()
    current = current_q(day, "deelnames__")
    return Regio.objects.annotate(
        aantal_leden=Count("deelnames", filter=current),
        inwoners=Sum("deelnames__bestuur__inwoners", filter=current),
    ).order_by("naam")


def regio_kaarten_query(day=None):
    """`regio_list(day)` (every region, by name) as a written-out query of plain rows for the start page's cards:
    (kolommen, rest, params) for `regioportaal.paginering.paginate_sql`. A row: (naam, slug, land, rechtsvorm,
    aantal_leden, inwoners), the last two as `regio_list` annotates them (inwoners None for a region without a
    current member with a population)."""
    day = connection.ops.adapt_datefield_value(day or timezone.localdate())
    qn = connection.ops.quote_name
    huidig, huidig_params = current_sql("d", day)
    kolommen = (
        "r.naam, r.slug, r.land, r.rechtsvorm, "
        f"COUNT(CASE WHEN {huidig} THEN d.id END), SUM(CASE WHEN {huidig} THEN b.inwoners END)"
    )
    rest = (
        f"FROM {qn(Regio._meta.db_table)} r "
        f"LEFT OUTER JOIN {qn(Deelname._meta.db_table)} d ON d.regio_id = r.id "
        f"LEFT OUTER JOIN {qn(Bestuur._meta.db_table)} b ON b.id = d.bestuur_id "
        "GROUP BY r.id, r.naam, r.slug, r.land, r.rechtsvorm ORDER BY r.naam ASC"
    )
    return kolommen, rest, [*huidig_params, *huidig_params]


def regio_leden(regio, day=None):
    """Current memberships of a region, with their Bestuur, largest population first."""
    return (
        Deelname.objects.current(day)
        .filter(regio=regio)
        .select_related("bestuur")
        .order_by("bestuur__naam", "bestuur__soort")
    )


def regio_leden_query(regio, day=None):
    """`regio_leden(regio, day)` (the current members, in its order) as a written-out query of plain rows for the
    region page's members' table: (kolommen, rest, params) for `regioportaal.paginering.paginate_sql`. A row:
    (bestuur_id, naam, soort, code, inwoners, begindatum), the Bestuur's and the Deelname's."""
    day = connection.ops.adapt_datefield_value(day or timezone.localdate())
    qn = connection.ops.quote_name
    huidig, huidig_params = current_sql("d", day)
    kolommen = "b.id, b.naam, b.soort, b.code, b.inwoners, d.begindatum"
    rest = (
        f"FROM {qn(Deelname._meta.db_table)} d INNER JOIN {qn(Bestuur._meta.db_table)} b ON b.id = d.bestuur_id "
        f"WHERE {huidig} AND d.regio_id = %s ORDER BY b.naam ASC, b.soort ASC"
    )
    return kolommen, rest, [*huidig_params, regio.pk]


def regio_inwoners(regio, day=None):
    """Total population of the region's current members (the base of every member's share)."""
    return regio_leden(regio, day).aggregate(totaal=Sum("bestuur__inwoners"))["totaal"] or 0


def bevolking_op(bestuur_ids, peildatum=None):
    """{bestuur_id: (inwoners, peildatum, bron)}: each Bestuur's latest population figure on or before `peildatum`.

    `peildatum` None asks for the current figure (the one with the latest peildatum, as on `Bestuur.inwoners`).
    One query whatever the number of ids. A Bestuur without a figure on or before the date is left out. A
    Bestuur's own current figure counts as a figure too (a history row wins a tie), so a population entered
    without history still answers.
    """
    ids = list(bestuur_ids)
    if not ids:
        return {}
    besturen = Bestuur.objects.filter(pk__in=ids, inwoners__isnull=False)
    if peildatum is None:
        return {
            pk: (inwoners, datum, bron)
            for pk, inwoners, datum, bron in besturen.values_list(
                "pk", "inwoners", "inwoners_peildatum", "inwoners_bron"
            )
        }

    laatste = Bevolkingscijfer.objects.filter(bestuur=OuterRef("pk"), peildatum__lte=peildatum).order_by(
        "-peildatum"
    )[:1]
    rijen = (
        Bestuur.objects.filter(pk__in=ids)
        .annotate(
            cijfer_inwoners=Subquery(laatste.values("inwoners")),
            cijfer_peildatum=Subquery(laatste.values("peildatum")),
            cijfer_bron=Subquery(laatste.values("bron")),
        )
        .values_list(
            "pk",
            "cijfer_inwoners",
            "cijfer_peildatum",
            "cijfer_bron",
            "inwoners",
            "inwoners_peildatum",
            "inwoners_bron",
        )
    )
    resultaat = {}
    for pk, inwoners, datum, bron, eigen_inwoners, eigen_datum, eigen_bron in rijen:
        eigen_telt = eigen_inwoners is not None and eigen_datum <= peildatum
        if eigen_telt and (datum is None or eigen_datum > datum):
            resultaat[pk] = (eigen_inwoners, eigen_datum, eigen_bron)
        elif datum is not None:
            resultaat[pk] = (inwoners, datum, bron)
    return resultaat


def bevolkingsgeschiedenis(bestuur):
    """Every population figure of a Bestuur, latest first (one query)."""
    return Bevolkingscijfer.objects.filter(bestuur=bestuur).order_by("-peildatum")


def organen_van(*, regio=None, bestuur=None, day=None):
    """Bodies of a region or of a Bestuur, with their number of current members."""
    day = day or timezone.localdate()
    qs = Orgaan.objects.filter(regio=regio) if regio is not None else Orgaan.objects.filter(bestuur=bestuur)
    return qs.annotate(aantal_leden=Count("lidmaatschappen", filter=current_q(day, "lidmaatschappen__")))


def organen_van_regio_query(regio, day=None):
    """`organen_van(regio=regio, day=day)` as plain rows: (sql, params), the statement the ORM sends for it, word
    for word (the queryset names no order: the same statement is what keeps the database's order of the bodies). A
    row: the Orgaan's columns (`Orgaan._meta.concrete_fields`), then its number of current members."""
    day = connection.ops.adapt_datefield_value(day or timezone.localdate())
    qn = connection.ops.quote_name
    orgaan, lid = qn(Orgaan._meta.db_table), qn(Lidmaatschap._meta.db_table)
    kolommen = ", ".join(f"{orgaan}.{qn(veld.column)}" for veld in Orgaan._meta.concrete_fields)
    begin, einde = f"{lid}.{qn('begindatum')}", f"{lid}.{qn('einddatum')}"
    huidig = f"({begin} <= %s AND ({einde} IS NULL OR {einde} > %s))"
    if connection.features.supports_aggregate_filter_clause:
        aantal = f"COUNT({lid}.{qn('id')}) FILTER (WHERE {huidig})"
    else:
        aantal = f"COUNT(CASE WHEN {huidig} THEN {lid}.{qn('id')} ELSE NULL END)"
    groep = f"{orgaan}.{qn('id')}" if connection.features.allows_group_by_selected_pks else kolommen
    sql = (
        f"SELECT {kolommen}, {aantal} AS {qn('aantal_leden')} FROM {orgaan} LEFT OUTER JOIN {lid} "
        f"ON ({orgaan}.{qn('id')} = {lid}.{qn('orgaan_id')}) WHERE {orgaan}.{qn('regio_id')} = %s "
        f"GROUP BY {groep}"
    )
    return sql, (day, day, regio.pk)


def samenstelling(orgaan, day=None, met_toekomst=False):
    """Current seats of a body (and, for the secretariat, those yet to start), by role and name."""
    day = day or timezone.localdate()
    seats = Lidmaatschap.objects.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=day))
    if not met_toekomst:
        seats = seats.filter(begindatum__lte=day)
    return (
        seats.filter(orgaan=orgaan)
        .select_related("persoon", "persoon__user", "namens", "externe_partij")
        .order_by(ROL_VOLGORDE, "persoon__achternaam", "persoon__voornaam", "externe_partij__naam")
    )


def oud_leden(orgaan, day=None):
    """Seats of a body that have ended, most recently ended first."""
    return (
        Lidmaatschap.objects.former(day)
        .filter(orgaan=orgaan)
        .select_related("persoon", "namens", "externe_partij")
        .order_by("-einddatum", "persoon__achternaam")
    )


def _kolom(model, kolom):
    """A column written out for a query: "table"."column"."""
    qn = connection.ops.quote_name
    return f"{qn(model._meta.db_table)}.{qn(kolom)}"


def _zetel_query(waar, volgorde):
    """The written-out query of a body page's seat tables (`regioportaal.paginering.paginate_sql`): its columns, and the rest (FROM
    with the joins, WHERE `waar`, ORDER BY `volgorde`). A row: (rol, begindatum, einddatum, persoon_id, voornaam,
    achternaam, namens_id, the Bestuur's soort and naam, externe_partij_id, the party's naam, website and soort).
    The ORM took longer to build these joins than the database takes to run them."""
    qn = connection.ops.quote_name
    kolommen = ", ".join(
        [
            *(_kolom(Lidmaatschap, k) for k in ("rol", "begindatum", "einddatum", "persoon_id")),
            *(_kolom(Persoon, k) for k in ("voornaam", "achternaam")),
            _kolom(Lidmaatschap, "namens_id"),
            *(_kolom(Bestuur, k) for k in ("soort", "naam")),
            _kolom(Lidmaatschap, "externe_partij_id"),
            *(_kolom(ExternePartij, k) for k in ("naam", "website", "soort")),
        ]
    )
    joins = "".join(
        f" LEFT OUTER JOIN {qn(model._meta.db_table)} ON ({_kolom(Lidmaatschap, veld)} = {_kolom(model, 'id')})"
        for model, veld in (
            (Persoon, "persoon_id"),
            (Bestuur, "namens_id"),
            (ExternePartij, "externe_partij_id"),
        )
    )
    return kolommen, f"FROM {qn(Lidmaatschap._meta.db_table)}{joins} WHERE {waar} ORDER BY {volgorde}"


def samenstelling_query(orgaan, day=None):
    """`samenstelling(orgaan, day)` (the current seats, in its order) as a written-out query of plain rows:
    (kolommen, rest, params) for `regioportaal.paginering.paginate_sql`, a row as `_zetel_query` has it."""
    day = connection.ops.adapt_datefield_value(day or timezone.localdate())
    rol = _kolom(Lidmaatschap, "rol")
    rollen = " ".join(f"WHEN {rol} = %s THEN {i}" for i in range(len(ROLLEN_OP_VOLGORDE)))
    huidig, huidig_params = current_sql(connection.ops.quote_name(Lidmaatschap._meta.db_table), day)
    kolommen, rest = _zetel_query(
        f"({huidig} AND {_kolom(Lidmaatschap, 'orgaan_id')} = %s)",
        f"CASE {rollen} ELSE NULL END ASC, {_kolom(Persoon, 'achternaam')} ASC, "
        f"{_kolom(Persoon, 'voornaam')} ASC, {_kolom(ExternePartij, 'naam')} ASC",
    )
    return kolommen, rest, [*huidig_params, orgaan.pk, *(keuze.value for keuze in ROLLEN_OP_VOLGORDE)]


def oud_leden_query(orgaan, day=None):
    """`oud_leden(orgaan, day)` (the ended seats, in its order) as a written-out query of plain rows: (kolommen,
    rest, params) for `regioportaal.paginering.paginate_sql`, a row as `_zetel_query` has it."""
    day = connection.ops.adapt_datefield_value(day or timezone.localdate())
    einde = _kolom(Lidmaatschap, "einddatum")
    kolommen, rest = _zetel_query(
        f"({einde} <= %s AND {_kolom(Lidmaatschap, 'orgaan_id')} = %s)",
        f"{einde} DESC, {_kolom(Persoon, 'achternaam')} ASC",
    )
    return kolommen, rest, [day, orgaan.pk]


def zetels_namens(bestuur, day=None):
    """Current seats held on behalf of a Bestuur in bodies of other governments or regions."""
    return (
        Lidmaatschap.objects.current(day)
        .filter(namens=bestuur)
        .exclude(orgaan__bestuur=bestuur)
        .select_related("persoon", "orgaan", "orgaan__regio", "orgaan__bestuur")
        .order_by("orgaan__naam", "persoon__achternaam")
    )


def rollen_in_regio(regio, day=None):
    """Who holds which role in the region since when: seats in its bodies and in its members' councils."""
    leden = Deelname.objects.current(day).filter(regio=regio).values("bestuur")
    return (
        Lidmaatschap.objects.current(day)
        .filter(Q(orgaan__regio=regio) | Q(orgaan__bestuur__in=leden))
        .select_related("persoon", "persoon__user", "orgaan", "namens", "externe_partij")
        .order_by("orgaan__naam", ROL_VOLGORDE, "persoon__achternaam", "externe_partij__naam")
    )


# --- External parties (steering groups) ---------------------------------------------------------------------------


def externe_partijen_in(orgaan, day=None):
    """The external parties with a current seat in `orgaan` (their own, or a person's for them), by name: a
    queryset (one query)."""
    return ExternePartij.objects.filter(
        pk__in=Lidmaatschap.objects.current(day).filter(orgaan=orgaan).values("externe_partij")
    ).order_by("naam")


def zetels_van_partij(partij, day=None):
    """The current seats held by `partij` or by a person for it, with their body and region: a queryset."""
    return (
        Lidmaatschap.objects.current(day)
        .filter(externe_partij=partij)
        .select_related("persoon", "orgaan", "orgaan__regio")
        .order_by("orgaan__naam", ROL_VOLGORDE)
    )


def stukken_visible_to(user):
    """Items the user may read: public ones, and non-public ones their roles open (one query)."""
    return Stuk.objects.filter(Q(zichtbaarheid=Zichtbaarheid.OPENBAAR) | besloten_organen_q(user))


# --- Current membership, for every app ----------------------------------------------------------------------------
#
# "Current" has one home: `Periode` in besturen.models (`objects.current(day)`, `row.is_current(day)`); a region's
# members are Besturen with a current Deelname, a body's members are people with a current Lidmaatschap (a seat).


def current_members(regio, day=None):
    """The Besturen that are members of `regio` on `day` (today by default), by name: a queryset."""
    return Bestuur.objects.filter(
        pk__in=Deelname.objects.current(day).filter(regio=regio).values("bestuur")
    ).order_by("naam", "soort")


def is_current_member(regio, bestuur, day=None):
    """Whether `bestuur` is a member of `regio` on `day` (today by default)."""
    return Deelname.objects.current(day).filter(regio=regio, bestuur=bestuur).exists()


def current_seats(
    *,
    user=None,
    orgaan=None,
    regio=None,
    regios=None,
    soorten=None,
    rollen=None,
    day=None,
    with_account=False,
):
    """The seats (Lidmaatschap) of people current on `day` (today by default), narrowed by each filter given: a
    queryset. An external party's own seat (no person in it) is not among them: it has no account, no address and
    no vote, so `seat.persoon` is never None here.

    `user`: the seats of this account; `orgaan`: of one body (object or id); `regio`: in the bodies of one region;
    `regios`: in the bodies of these regions (ids or a queryset); `soorten`: in bodies of these kinds (OrgaanSoort);
    `rollen`: with these roles (Rol); `with_account`: only seats of people who have an account.
    """
    seats = Lidmaatschap.objects.current(day).filter(persoon__isnull=False)
    if user is not None:
        seats = seats.filter(persoon__user=user)
    if orgaan is not None:
        seats = seats.filter(orgaan=orgaan)
    if regio is not None:
        seats = seats.filter(orgaan__regio=regio)
    if regios is not None:
        seats = seats.filter(orgaan__regio__in=regios)
    if soorten is not None:
        seats = seats.filter(orgaan__soort__in=soorten)
    if rollen is not None:
        seats = seats.filter(rol__in=rollen)
    if with_account:
        seats = seats.filter(persoon__user__isnull=False)
    return seats


def accounts_of(seats):
    """The active accounts of the people holding `seats` (a queryset of Lidmaatschap): a user queryset."""
    return get_user_model().objects.filter(pk__in=seats.values("persoon__user"), is_active=True)


def besturen_of_raadslid(user, besturen, day=None):
    """The Besturen among `besturen` (a queryset or list of Besturen or their ids) on whose council (RAADSORGANEN)
    `user` holds a current seat, by name; an empty list for an anonymous or inactive user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    seats = (
        current_seats(user=user, soorten=RAADSORGANEN, day=day)
        .filter(orgaan__bestuur__in=besturen)
        .select_related("orgaan__bestuur")
    )
    return sorted({seat.orgaan.bestuur for seat in seats}, key=lambda bestuur: bestuur.naam)


def seat_choices(regio, soorten, *, keep=None, day=None):
    """Current seats of people in the region's bodies of these kinds, for a form that picks a seat; `keep` (a seat
    id) stays a choice after its seat has ended, so an existing choice is not lost."""
    return (
        Lidmaatschap.objects.filter(
            Q(pk__in=Lidmaatschap.objects.current(day).values("pk")) | Q(pk=keep),
            orgaan__regio=regio,
            orgaan__soort__in=soorten,
            persoon__isnull=False,
        )
        .select_related("persoon", "orgaan")
        .order_by("orgaan__naam", "persoon__achternaam", "persoon__voornaam")
    )


def personen_with_seats(seats):
    """The people holding any of `seats` (a queryset of Lidmaatschap or of their ids), by name."""
    return Persoon.objects.filter(lidmaatschappen__in=seats).distinct().order_by("achternaam", "voornaam")
