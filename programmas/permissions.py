"""Who may see and do what with annual programmes. Views and templates ask only these.

- The region's secretariat drafts, submits, routes, answers questions (besturen: manage_regio).
- The secretariat or the chair of the adopting body records the board's adoption.
- A council's secretary records that council's decision, and nobody else's: routing grants
  `record_raadsbesluit` on each Raadsbesluit to the group of its council's secretaries.
- Council members of participating members read non-public versions (besturen: view_besloten_regio) and ask questions.
- The platform administrator (a superuser) passes the secretariat's checks, but records no decision (the board's
  adoption, a council's decision) and asks no question: those rules say "only X" and grant no superuser bypass.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from besturen import permissions as besturen_permissions
from besturen.models import RAADSORGANEN, Bestuur, Lidmaatschap, Orgaan, Persoon, Rol
from besturen.models.regios import current_sql
from regioportaal import sqlrijen

from .models import (
    Programmaregel,
    Raadsbesluit,
    RaadsbesluitGroupObjectPermission,
    RaadsbesluitUserObjectPermission,
)


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def can_manage_programma(user, regio):
    return besturen_permissions.can_manage_regio(user, regio)


def can_view_versie(user, versie):
    return versie.openbaar or besturen_permissions.can_view_besloten_regio(user, versie.jaarprogramma.regio)


def can_adopt(user, versie, bestuursorgaan):
    """Record the board's adoption: only the region's own secretariat or the adopting body's (vice-)chair.

    This records a decision of a body, so the platform administrator may not (no superuser bypass).
    """
    if not _active(user):
        return False
    if besturen_permissions.is_regio_secretariaat(user, versie.jaarprogramma.regio):
        return True
    if bestuursorgaan is None:
        return False
    return _is_voorzitter(user, bestuursorgaan)


_VOORZITTERS = (Rol.VOORZITTER.value, Rol.ONDERVOORZITTER.value)


def _is_voorzitter(user, orgaan):
    """Whether `user` holds a current seat as (vice-)chair of `orgaan` (an object or its id): as
    `current_seats(user=user, orgaan=orgaan, rollen=[VOORZITTER, ONDERVOORZITTER]).exists()`, from one written-out
    query (building that one with the ORM cost more than running it)."""
    connection = connections[Lidmaatschap.objects.db]
    qn = connection.ops.quote_name
    rollen, rol_params = sqlrijen.in_lijst(f"l.{qn('rol')}", _VOORZITTERS)
    huidig, huidig_params = current_sql("l", timezone.localdate())
    sql = (
        f"SELECT 1 FROM {qn(Lidmaatschap._meta.db_table)} l "
        f"INNER JOIN {qn(Persoon._meta.db_table)} p ON p.{qn('id')} = l.{qn('persoon_id')} "
        f"WHERE p.{qn('user_id')} = %s AND l.{qn('orgaan_id')} = %s AND {rollen} AND {huidig} LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, getattr(orgaan, "pk", orgaan), *rol_params, *huidig_params])
        return cursor.fetchone() is not None


def can_record_raadsbesluit(user, raadsbesluit):
    """Only that council's secretaries, through the object permission; not even a platform administrator."""
    return _active(user) and recordable_raadsbesluiten(user).filter(pk=raadsbesluit.pk).exists()


def recordable_raadsbesluiten(user):
    """The council decisions this user may record (a subquery; one query for a whole list)."""
    if not _active(user):
        return Raadsbesluit.objects.none()
    return get_objects_for_user(
        user,
        "programmas.record_raadsbesluit",
        Raadsbesluit,
        accept_global_perms=False,
        with_superuser=False,  # only that council's secretaries: a superuser would otherwise get every decision
    )


def _te_registreren_sql(connection):
    qn = connection.ops.quote_name
    besluit, bestuur = Raadsbesluit._meta.db_table, Bestuur._meta.db_table
    per_user, per_groep = (
        RaadsbesluitUserObjectPermission._meta.db_table,
        RaadsbesluitGroupObjectPermission._meta,
    )
    groepen = get_user_model().groups.through._meta
    kolommen = ", ".join(
        [f"rb.{qn(f.column)}" for f in Raadsbesluit._meta.concrete_fields]
        + [f"b.{qn(f.column)}" for f in Bestuur._meta.concrete_fields]
    )
    recht = f"INNER JOIN {qn(Permission._meta.db_table)} p ON p.{qn('id')} = x.{qn('permission_id')} "
    waar_recht = f"p.{qn('content_type_id')} = %s AND p.{qn('codename')} = %s"
    return (
        f"SELECT {kolommen} FROM {qn(besluit)} rb INNER JOIN {qn(bestuur)} b ON b.{qn('id')} = rb.{qn('bestuur_id')} "
        f"WHERE rb.{qn('versie_id')} = %s AND rb.{qn('id')} IN ("
        f"SELECT x.{qn('content_object_id')} FROM {qn(per_user)} x {recht}"
        f"WHERE x.{qn('user_id')} = %s AND {waar_recht} "
        "UNION ALL "
        f"SELECT x.{qn('content_object_id')} FROM {qn(per_groep.db_table)} x {recht}"
        f"INNER JOIN {qn(groepen.db_table)} ug ON ug.{qn(groepen.get_field('group').column)} = x.{qn('group_id')} "
        f"WHERE ug.{qn(groepen.get_field(get_user_model()._meta.model_name).column)} = %s AND {waar_recht}) "
        f"ORDER BY b.{qn('naam')}, rb.{qn('id')}"
    )


def te_registreren(user, versie):
    """The council decisions on `versie` this user may record or correct (the role only, as
    `policies.RAADSBESLUIT.objects(user, "record", ...)`: `recordable_raadsbesluiten`), by member name, each with
    its member: a list from one written-out query (guardian's query built with the ORM cost several times more
    than running it)."""
    if not _active(user):
        return []
    db = Raadsbesluit.objects.db
    connection = connections[db]
    ctype = ContentType.objects.db_manager(db).get_for_model(Raadsbesluit).pk
    namen = [f.attname for f in Raadsbesluit._meta.concrete_fields]
    bestuur_namen = [f.attname for f in Bestuur._meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(
            _te_registreren_sql(connection),
            [versie.pk, user.pk, ctype, "record_raadsbesluit", user.pk, ctype, "record_raadsbesluit"],
        )
        rijen = cursor.fetchall()
    besluiten = []
    for rij in rijen:
        besluit = sqlrijen.maak(Raadsbesluit, db, namen, rij[: len(namen)])
        Raadsbesluit.bestuur.field.set_cached_value(
            besluit, sqlrijen.maak(Bestuur, db, bestuur_namen, rij[len(namen) :])
        )
        besluiten.append(besluit)
    return besluiten


def can_ask_question(user, versie):
    """Only council members of a participating member (their seats, not a permission: no superuser bypass)."""
    return bool(mijn_besturen(user, versie))


def can_answer_question(user, vraag):
    return can_manage_programma(user, vraag.versie.jaarprogramma.regio)


def can_view_statusbord(user, versie):
    return can_manage_programma(user, versie.jaarprogramma.regio)


def _mijn_besturen_sql(connection, vandaag):
    """The query of `mijn_besturen` with its parameters between the user's id and the version's."""
    qn = connection.ops.quote_name
    deelnemers = Programmaregel.deelnemers.through._meta.db_table
    huidig, huidig_params = current_sql("l", vandaag)
    soorten, soort_params = sqlrijen.in_lijst(f"o.{qn('soort')}", [soort.value for soort in RAADSORGANEN])
    sql = (
        "SELECT DISTINCT "
        + ", ".join(f"b.{qn(f.column)}" for f in Bestuur._meta.concrete_fields)
        + f" FROM {qn(Bestuur._meta.db_table)} b"
        f" INNER JOIN {qn(Orgaan._meta.db_table)} o ON o.{qn('bestuur_id')} = b.{qn('id')}"
        f" INNER JOIN {qn(Lidmaatschap._meta.db_table)} l ON l.{qn('orgaan_id')} = o.{qn('id')}"
        f" INNER JOIN {qn(Persoon._meta.db_table)} p ON p.{qn('id')} = l.{qn('persoon_id')}"
        f" WHERE p.{qn('user_id')} = %s AND {huidig} AND {soorten}"
        f" AND b.{qn('id')} IN (SELECT d.{qn('bestuur_id')} FROM {qn(deelnemers)} d"
        f" INNER JOIN {qn(Programmaregel._meta.db_table)} r ON r.{qn('id')} = d.{qn('programmaregel_id')}"
        f" WHERE r.{qn('versie_id')} = %s)"
        f" ORDER BY b.{qn('id')}"
    )
    return sql, [*huidig_params, *soort_params]


def mijn_besturen(user, versie):
    """The members taking part in a line of `versie` on whose councils the user sits today: the members on whose
    behalf they may ask questions, and whose share 'my municipality' shows. By name.

    As `besturen.selectors.besturen_of_raadslid(user, <the version's participants>)` (the user's current seats in a
    council, RAADSORGANEN), from one written-out query: building that one with the ORM cost more than running it,
    on every page of a version."""
    if not _active(user):
        return []
    db = Bestuur.objects.db
    connection = connections[db]
    namen = [f.attname for f in Bestuur._meta.concrete_fields]
    sql, params = _mijn_besturen_sql(connection, timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, *params, versie.pk])
        besturen = [sqlrijen.maak(Bestuur, db, namen, rij) for rij in cursor.fetchall()]
    return sorted(besturen, key=lambda bestuur: bestuur.naam)


def can_request_reviewpakket(user, versie):
    """The region's own people (its bodies, its secretariat, the councils of its members) have a review packet made
    or remade; whoever else may read a public version downloads the packet that exists."""
    return _active(user) and besturen_permissions.can_view_besloten_regio(user, versie.jaarprogramma.regio)


def can_answer_zienswijze(user, raadsbesluit):
    return can_manage_programma(user, raadsbesluit.versie.jaarprogramma.regio)
