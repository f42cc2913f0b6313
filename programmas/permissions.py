"""Who may see and do what with annual programmes. Views and templates ask only these.

- The region's secretariat drafts, submits, routes, answers questions (besturen: manage_regio).
- The secretariat or the chair of the adopting body records the board's adoption.
- A council's secretary records that council's decision, and nobody else's: routing grants
  `record_raadsbesluit` on each Raadsbesluit to the group of its council's secretaries.
- Council members of participating members read non-public versions (besturen: view_besloten_regio) and ask questions.
- The platform administrator (a superuser) passes the secretariat's checks, but records no decision (the board's
  adoption, a council's decision) and asks no question: those rules say "only X" and grant no superuser bypass.
"""

from guardian.shortcuts import get_objects_for_user

from besturen import permissions as besturen_permissions
from besturen.models import Rol
from besturen.selectors import besturen_of_raadslid, current_seats

from .models import Programmaregel, Raadsbesluit


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
    return current_seats(
        user=user, orgaan=bestuursorgaan, rollen=[Rol.VOORZITTER, Rol.ONDERVOORZITTER]
    ).exists()


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


def can_ask_question(user, versie):
    """Only council members of a participating member (their seats, not a permission: no superuser bypass)."""
    return bool(mijn_besturen(user, versie))


def can_answer_question(user, vraag):
    return can_manage_programma(user, vraag.versie.jaarprogramma.regio)


def can_view_statusbord(user, versie):
    return can_manage_programma(user, versie.jaarprogramma.regio)


def mijn_besturen(user, versie):
    """The members taking part in a line of `versie` on whose councils the user sits today: the members on whose
    behalf they may ask questions, and whose share 'my municipality' shows."""
    if not _active(user):
        return []
    deelnemers = Programmaregel.deelnemers.through.objects.filter(programmaregel__versie=versie).values(
        "bestuur_id"
    )
    return besturen_of_raadslid(user, deelnemers)


def can_request_reviewpakket(user, versie):
    """The region's own people (its bodies, its secretariat, the councils of its members) have a review packet made
    or remade; whoever else may read a public version downloads the packet that exists."""
    return _active(user) and besturen_permissions.can_view_besloten_regio(user, versie.jaarprogramma.regio)


def can_answer_zienswijze(user, raadsbesluit):
    return can_manage_programma(user, raadsbesluit.versie.jaarprogramma.regio)
