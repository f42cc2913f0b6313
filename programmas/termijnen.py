"""Every date and term of both routes, in one place and without the database.

The Dutch route follows the Wet gemeenschappelijke regelingen (Wgr) as amended on 1 July 2022:

- art. 35 lid 1: the daily board sends the draft budget to the councils twelve weeks before the general board takes
  it up (a regulation may set a longer term, never a shorter one);
- art. 35 lid 3-4: the councils may give a view (zienswijze); the daily board attaches the views to the draft as it
  goes to the general board;
- art. 34 lid 1-2: the general board adopts the budget in the year before the budget year and sends it to gedeputeerde
  staten within two weeks after adoption, and in any case before 15 September of that year;
- art. 34 lid 3: the annual accounts go to gedeputeerde staten within two weeks after adoption, and in any case before
  15 July of the year after the one they cover;
- art. 34b: the general financial and policy frameworks and the provisional accounts go to the councils before
  15 April of the year before the budget year.

The Flemish and consent route has no statutory dates here: the region sets the councils' term in days.
"""

import datetime
from dataclasses import dataclass

WGR_ZIENSWIJZE_WEKEN = 12  # Wgr art. 35 lid 1
GS_WEKEN = 2  # Wgr art. 34 lid 2 and 3
WAARSCHUW_DAGEN = 14  # a date this close (or passed) is shown as a warning

OPEN_UITKOMSTEN = ("open", "uitgesteld")  # Uitkomst values of a council that has not (finally) decided


class TermijnFout(ValueError):
    """A date or term the law or the region's own rule does not allow."""


def zienswijze_einde(voorgelegd_op, weken=WGR_ZIENSWIJZE_WEKEN):
    """The end of the councils' term for their views: the routing date plus the term."""
    return voorgelegd_op + datetime.timedelta(weeks=weken)


def standaard_deadline(procedure, voorgelegd_op, *, termijn_dagen, zienswijze_weken):
    if procedure == "zienswijze":
        return zienswijze_einde(voorgelegd_op, zienswijze_weken)
    return voorgelegd_op + datetime.timedelta(days=termijn_dagen)


def vroegste_deadline(procedure, voorgelegd_op):
    """The earliest deadline the law allows: twelve weeks for a view (Wgr art. 35), the routing day itself otherwise."""
    if procedure == "zienswijze":
        return zienswijze_einde(voorgelegd_op, WGR_ZIENSWIJZE_WEKEN)
    return voorgelegd_op


def check_deadline(procedure, voorgelegd_op, deadline):
    """Refuse a deadline before the routing date, or (zienswijze) shorter than the statutory twelve weeks."""
    if deadline < voorgelegd_op:
        raise TermijnFout("voor_voorleggen")
    if deadline < vroegste_deadline(procedure, voorgelegd_op):
        raise TermijnFout("korter_dan_wettelijk")


def is_te_laat(uitkomst, deadline, vandaag):
    """A council is late when its deadline has passed and it has not decided (postponed counts as not decided)."""
    return uitkomst in OPEN_UITKOMSTEN and deadline is not None and deadline < vandaag


def mag_vaststellen(besluitdatum, raden):
    """Wgr art. 35: the general board adopts after the term, or earlier only when every council has responded.

    `raden` is a list of (uitkomst, deadline). Returns the councils still inside their term on `besluitdatum`.
    """
    return [(u, d) for u, d in raden if u in OPEN_UITKOMSTEN and d >= besluitdatum]


def gs_termijn(vastgesteld_op, jaar):
    """Wgr art. 34 lid 2: the adopted budget of `jaar` to gedeputeerde staten within two weeks after adoption and
    before 15 September of the year before (the earlier of the two; the outer limit while not yet adopted)."""
    uiterst = begroting_gs_uiterst(jaar)
    if vastgesteld_op is None:
        return uiterst
    return min(vastgesteld_op + datetime.timedelta(weeks=GS_WEKEN), uiterst)


def begroting_gs_uiterst(jaar):
    return datetime.date(jaar - 1, 9, 15) - datetime.timedelta(days=1)  # "vóór 15 september": 14 September


def jaarrekening_gs_uiterst(jaar):
    """Wgr art. 34 lid 3: the accounts of `jaar` reach gedeputeerde staten before 15 July of the next year."""
    return datetime.date(jaar + 1, 7, 15) - datetime.timedelta(days=1)


def jaarrekening_gs_termijn(vastgesteld_op, jaar):
    uiterst = jaarrekening_gs_uiterst(jaar)
    if vastgesteld_op is None:
        return uiterst
    return min(vastgesteld_op + datetime.timedelta(weeks=GS_WEKEN), uiterst)


def kaders_uiterst(jaar):
    """Wgr art. 34b: frameworks and provisional accounts to the councils before 15 April of the year before `jaar`."""
    return datetime.date(jaar - 1, 4, 15) - datetime.timedelta(days=1)


def ontwerp_versturen_uiterst(behandeldatum, weken=WGR_ZIENSWIJZE_WEKEN):
    """Wgr art. 35 lid 1: the draft goes to the councils `weken` (at least twelve) before the board takes it up."""
    return behandeldatum - datetime.timedelta(weeks=max(weken, WGR_ZIENSWIJZE_WEKEN))


class Staat:
    GEDAAN = "gedaan"
    TE_DOEN = "te_doen"
    BINNENKORT = "binnenkort"
    TE_LAAT = "te_laat"


def staat(datum, vandaag, gedaan_op=None):
    """done (with the date it was done), late (passed and not done), soon (within 14 days) or to do."""
    if gedaan_op is not None:
        return Staat.GEDAAN
    if datum < vandaag:
        return Staat.TE_LAAT
    if (datum - vandaag).days <= WAARSCHUW_DAGEN:
        return Staat.BINNENKORT
    return Staat.TE_DOEN


@dataclass(frozen=True)
class Moment:
    """One date of the P&C calendar."""

    sleutel: str  # stable id: kaders, ontwerp, zienswijzen, vaststelling, gs, jaarrekening_gs, raden
    datum: datetime.date
    gedaan_op: datetime.date | None
    wettelijk: bool  # a statutory date (with its article) or one the region set
    artikel: str = ""

    def staat(self, vandaag):
        return staat(self.datum, vandaag, self.gedaan_op)


def momenten(
    *,
    procedure,
    jaar,
    behandeldatum=None,
    zienswijze_weken=WGR_ZIENSWIJZE_WEKEN,
    termijn_dagen=90,
    voorgelegd_op=None,
    deadline=None,
    vastgesteld_op=None,
    naar_gs_op=None,
    kaders_verzonden_op=None,
    jaarrekening_vastgesteld_op=None,
    jaarrekening_naar_gs_op=None,
    raden_klaar_op=None,
):
    """The P&C calendar of one programme of budget year `jaar`, in date order.

    Zienswijze: frameworks (15 April, year before), the draft to the councils (twelve weeks before the board's
    meeting, computed backward), the end of the views' term, the board's meeting, the budget to gedeputeerde staten
    (15 September, year before) and this year's accounts to gedeputeerde staten (15 July, year after).
    Consent: the board's meeting and the councils' deadline.
    """
    uit = []
    if procedure == "zienswijze":
        uit.append(Moment("kaders", kaders_uiterst(jaar), kaders_verzonden_op, True, "Wgr art. 34b"))
        if behandeldatum is not None:
            uit.append(
                Moment(
                    "ontwerp",
                    ontwerp_versturen_uiterst(behandeldatum, zienswijze_weken),
                    voorgelegd_op,
                    True,
                    "Wgr art. 35 lid 1",
                )
            )
        einde = deadline or (zienswijze_einde(voorgelegd_op, zienswijze_weken) if voorgelegd_op else None)
        if einde is not None:
            uit.append(Moment("zienswijzen", einde, raden_klaar_op, True, "Wgr art. 35 lid 3"))
        if behandeldatum is not None:
            uit.append(Moment("vaststelling", behandeldatum, vastgesteld_op, False))
        uit.append(Moment("gs", gs_termijn(vastgesteld_op, jaar), naar_gs_op, True, "Wgr art. 34 lid 2"))
        uit.append(
            Moment(
                "jaarrekening_gs",
                jaarrekening_gs_termijn(jaarrekening_vastgesteld_op, jaar),
                jaarrekening_naar_gs_op,
                True,
                "Wgr art. 34 lid 3",
            )
        )
    else:
        if behandeldatum is not None:
            uit.append(Moment("vaststelling", behandeldatum, vastgesteld_op, False))
        einde = deadline or (
            voorgelegd_op + datetime.timedelta(days=termijn_dagen) if voorgelegd_op is not None else None
        )
        if einde is not None:
            uit.append(Moment("raden", einde, raden_klaar_op, False))
    return sorted(uit, key=lambda m: m.datum)
