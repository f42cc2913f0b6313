"""Dates of the demo: the budget year, weekdays and working days, the Denderregio's meeting calendar and the
Wgr route of a budget."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

DAG = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
MA, DI, WO, DO, VR = range(5)


# --- Dates ----------------------------------------------------------------------------------------------------------


def demo_jaar(vandaag):
    """The budget year the demo is about: next year from August on (this year's Wgr budgets are then adopted and
    with gedeputeerde staten), this year before that."""
    return vandaag.year + 1 if vandaag.month >= 8 else vandaag.year


def op_of_voor(dag, weekdag):
    """`dag` when it falls on `weekdag` (0 is Monday), else the last such day before it."""
    return dag - datetime.timedelta(days=(dag.weekday() - weekdag) % 7)


def op_of_na(dag, weekdag):
    """`dag` when it falls on `weekdag`, else the first such day after it."""
    return dag + datetime.timedelta(days=(weekdag - dag.weekday()) % 7)


def werkdag(dag, *, later=False):
    """`dag` when it is Monday to Friday; else the Friday before it (with `later`, the Monday after it)."""
    while dag.weekday() >= 5:
        dag += DAG if later else -DAG
    return dag


def zittingsdagen(na, tot, n):
    """`n` council session days (Monday to Thursday) spread evenly after `na` up to and including `tot`."""
    dagen = [na + DAG * i for i in range(1, (tot - na).days + 1)]
    dagen = [d for d in dagen if d.weekday() <= DO]
    if not dagen:
        raise ValueError(f"geen zittingsdag tussen {na} en {tot}")
    return [dagen[min(len(dagen) - 1, (i + 1) * len(dagen) // (n + 1))] for i in range(n)]


def _moment(dag, uur):
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


@dataclass(frozen=True)
class DenderKalender:
    """The Denderregio's year: the DBO meetings (the meetings demo plans them on these days) and the programme."""

    v1_ingediend: datetime.date
    dbo1: datetime.date  # the DBO adopts version 1
    v1_voorgelegd: datetime.date
    v1_deadline: datetime.date
    amendement: datetime.date  # Haaltert approves with an amendment: version 1 goes back
    v2_ingediend: datetime.date
    dbo2: datetime.date  # the DBO sends version 1 back and adopts version 2
    v2_voorgelegd: datetime.date
    v2_deadline: datetime.date
    dbo3: datetime.date  # coming up


def dender_kalender(vandaag):
    """The DBO meets on Thursday evenings: twenty and nine weeks ago, and in two weeks."""
    dbo1 = op_of_voor(vandaag - 20 * WEEK, DO)
    dbo2 = op_of_voor(vandaag - 9 * WEEK, DO)
    v1_voorgelegd = dbo1 + DAG
    v2_voorgelegd = dbo2 + DAG
    return DenderKalender(
        v1_ingediend=op_of_voor(dbo1 - 8 * DAG, MA),
        dbo1=dbo1,
        v1_voorgelegd=v1_voorgelegd,
        v1_deadline=v1_voorgelegd + 90 * DAG,
        amendement=op_of_voor(v1_voorgelegd + 7 * WEEK, MA),
        v2_ingediend=op_of_voor(dbo2 - 7 * DAG, DI),
        dbo2=dbo2,
        v2_voorgelegd=v2_voorgelegd,
        v2_deadline=v2_voorgelegd + 90 * DAG,
        dbo3=op_of_na(vandaag + 2 * WEEK, DO),
    )


@dataclass(frozen=True)
class WgrKalender:
    """The Wgr route of the budget of `jaar`, from the general board's meeting in early July of the year before."""

    kaders: datetime.date  # art. 34b: frameworks and provisional accounts to the councils before 15 April
    ingediend: datetime.date
    voorgelegd: datetime.date  # art. 35 lid 1: at least twelve weeks before the board
    deadline: datetime.date
    antwoord: datetime.date
    behandeldatum: datetime.date
    naar_gs: datetime.date  # art. 34 lid 2: within two weeks, before 15 September


def wgr_kalender(jaar, weekdag):
    behandeldatum = op_of_voor(datetime.date(jaar - 1, 7, 9), weekdag)
    voorgelegd = werkdag(behandeldatum - 14 * WEEK)
    deadline = voorgelegd + 12 * WEEK
    return WgrKalender(
        kaders=werkdag(min(voorgelegd - 3 * WEEK, datetime.date(jaar - 1, 4, 14))),
        ingediend=werkdag(voorgelegd - 9 * DAG),
        voorgelegd=voorgelegd,
        deadline=deadline,
        antwoord=werkdag(deadline + 3 * DAG, later=True),
        behandeldatum=behandeldatum,
        naar_gs=werkdag(behandeldatum + 8 * DAG),
    )
