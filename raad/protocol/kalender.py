"""When an agreement of the information protocol sends, and over which period: the one rule, without the database.

Quarterly: the report over a quarter goes out on the agreement's day in the first month after it (day 15: the first
quarter on 15 April, the fourth on 15 January). Yearly: the report over a year goes out on the agreement's date in
the next year. What was due before the agreement's `begindatum` never goes out. A warning about missing input shows
`WAARSCHUWEN_DAGEN` days before a send date, and until the item has gone out.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Frequentie

WAARSCHUWEN_DAGEN = 7


@dataclass(frozen=True)
class Moment:
    """One item of an agreement: its key (once per council), what it covers and the day it goes out."""

    sleutel: str
    label: str
    verzenddatum: datetime.date
    begin: datetime.date | None = None
    eind: datetime.date | None = None
    vergadering: object = None

    def waarschuwen(self, vandaag):
        """Whether the secretariat is warned of missing input for this item today (a week before, and after)."""
        return vandaag >= self.verzenddatum - datetime.timedelta(days=WAARSCHUWEN_DAGEN)


def _maandeinde(jaar, maand):
    return datetime.date(jaar, maand, calendar.monthrange(jaar, maand)[1])


def kwartaalmoment(jaar, nummer, dag):
    """The item over quarter `nummer` (1-4) of `jaar`, sent on `dag` of the month after it."""
    begin = datetime.date(jaar, 3 * nummer - 2, 1)
    eind = _maandeinde(jaar, 3 * nummer)
    verzenddatum = (
        datetime.date(jaar + 1, 1, dag) if nummer == 4 else datetime.date(jaar, 3 * nummer + 1, dag)
    )
    label = _("%(nummer)se kwartaal %(jaar)s") % {"nummer": nummer, "jaar": jaar}
    return Moment(f"{jaar}-K{nummer}", label, verzenddatum, begin, eind)


def jaarmoment(jaar, maand, dag):
    """The item over `jaar`, sent on `dag`-`maand` of the next year."""
    return Moment(
        str(jaar),
        _("jaar %(jaar)s") % {"jaar": jaar},
        datetime.date(jaar + 1, maand, dag),
        datetime.date(jaar, 1, 1),
        datetime.date(jaar, 12, 31),
    )


def vergaderingmoment(vergadering, datum):
    """The feedback on a meeting held on `datum`: it goes out the day after."""
    return Moment(
        f"vergadering-{vergadering.pk}",
        str(vergadering),
        datum + datetime.timedelta(days=1),
        datum,
        datum,
        vergadering,
    )


def _kandidaten(frequentie, dag, maand, rond):
    jaren = range(rond.year - 2, rond.year + 2)
    if frequentie == Frequentie.KWARTAAL:
        return [kwartaalmoment(jaar, nummer, dag) for jaar in jaren for nummer in (1, 2, 3, 4)]
    if frequentie == Frequentie.JAARLIJKS:
        return [jaarmoment(jaar, maand, dag) for jaar in jaren]
    return []


def laatste_en_volgende(frequentie, dag, maand, vandaag, begindatum):
    """(the latest item due on or before `vandaag`, the next one after it) of a quarterly or yearly agreement; the
    latest is None when it fell before `begindatum` (it never goes out)."""
    momenten = sorted(_kandidaten(frequentie, dag, maand, vandaag), key=lambda moment: moment.verzenddatum)
    laatste = next((m for m in reversed(momenten) if m.verzenddatum <= vandaag), None)
    volgende = next((m for m in momenten if m.verzenddatum > vandaag), None)
    if laatste is not None and laatste.verzenddatum < begindatum:
        laatste = None
    return laatste, volgende
