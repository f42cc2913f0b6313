"""The transition tables of a council's decision and of a review packet, stated here as literals (not read from the
code) and driven through the public services: every allowed transition, and a set of forbidden ones.

What is asserted is what a user notices: the stored outcome or status, the registration in the history (a correction
marked as one), and the ValidationError or NotAllowed a refused step raises.
"""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programmas import services
from programmas.models import Raadsbesluit, Reviewpakket
from regioportaal.permissions import NotAllowed

from .bouw import bouw_regio, programma, vandaag


@pytest.fixture
def omgeving(db, settings, tmp_path):
    """Fast password hashing and a fresh media directory (generated packets and uploaded PDFs go there)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


# --- A council's decision -----------------------------------------------------------------------------------------

INSTEMMING = {"goedgekeurd", "afgewezen", "amendement", "uitgesteld"}
ZIENSWIJZE = {"zienswijze", "geen_zienswijze"}

# (procedure, stored outcome) -> the outcomes a council may record next. From "open" and "uitgesteld" that is its
# decision; from a decided outcome it is a correction, which needs a reason.
UITKOMST_TABEL = {
    ("instemming", "open"): INSTEMMING,
    ("instemming", "uitgesteld"): INSTEMMING,
    ("instemming", "goedgekeurd"): INSTEMMING,
    ("instemming", "afgewezen"): INSTEMMING,
    ("instemming", "amendement"): INSTEMMING,
    ("zienswijze", "open"): ZIENSWIJZE,
    ("zienswijze", "zienswijze"): ZIENSWIJZE,
    ("zienswijze", "geen_zienswijze"): ZIENSWIJZE,
}
CORRECTIES = {"goedgekeurd", "afgewezen", "amendement", "zienswijze", "geen_zienswijze"}

TOEGESTAAN = sorted((p, van, naar) for (p, van), naar_set in UITKOMST_TABEL.items() for naar in naar_set)
VERBODEN = [
    ("instemming", "open", "zienswijze"),
    ("instemming", "open", "geen_zienswijze"),
    ("instemming", "open", "open"),
    ("instemming", "goedgekeurd", "open"),
    ("instemming", "uitgesteld", "geen_zienswijze"),
    ("zienswijze", "open", "goedgekeurd"),
    ("zienswijze", "open", "uitgesteld"),
    ("zienswijze", "open", "amendement"),
    ("zienswijze", "zienswijze", "afgewezen"),
    ("zienswijze", "geen_zienswijze", "open"),
]


def _teksten(uitkomst):
    return {
        "amendement": "Artikel 2 geschrapt." if uitkomst == "amendement" else "",
        "zienswijze": "Minder voor de bereikbaarheid." if uitkomst == "zienswijze" else "",
    }


def _voorgelegd(procedure):
    """A version before the councils of a region with two members; returns the first member's decision."""
    w = bouw_regio(2, n_opgaven=1, procedure=procedure)
    versie = programma(w, tot="voorgelegd")
    return w, Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[0])


def _vastleggen(w, besluit, uitkomst, reden=""):
    return services.record_raadsbesluit(
        besluit,
        uitkomst=uitkomst,
        datum_raad=vandaag(),
        door=w.raadssecretaris,
        reden=reden,
        **_teksten(uitkomst),
    )


def _naar(w, besluit, van):
    if van != "open":
        _vastleggen(w, besluit, van)
    besluit.refresh_from_db()
    assert besluit.uitkomst == van


@pytest.mark.parametrize(("procedure", "van", "naar"), TOEGESTAAN)
def test_a_council_records_or_corrects_every_outcome_the_table_allows(omgeving, procedure, van, naar):
    w, besluit = _voorgelegd(procedure)
    _naar(w, besluit, van)
    correctie = van in CORRECTIES
    registratie = _vastleggen(w, besluit, naar, reden="Verkeerd overgenomen." if correctie else "")
    besluit.refresh_from_db()
    assert besluit.uitkomst == naar
    assert registratie.correctie is correctie
    assert [r.uitkomst for r in besluit.registraties.order_by("tijdstip", "id")] == (
        [naar] if van == "open" else [van, naar]
    )


@pytest.mark.parametrize(("procedure", "van", "naar"), VERBODEN)
def test_an_outcome_the_table_does_not_allow_is_refused_and_nothing_changes(omgeving, procedure, van, naar):
    w, besluit = _voorgelegd(procedure)
    _naar(w, besluit, van)
    with pytest.raises(ValidationError) as fout:
        _vastleggen(w, besluit, naar, reden="Toch anders.")
    assert "uitkomst" in fout.value.message_dict
    besluit.refresh_from_db()
    assert besluit.uitkomst == van
    assert besluit.registraties.count() == (0 if van == "open" else 1)


@pytest.mark.parametrize(
    ("procedure", "van", "naar"),
    [("instemming", "goedgekeurd", "afgewezen"), ("zienswijze", "geen_zienswijze", "zienswijze")],
)
def test_a_correction_without_a_reason_is_refused(omgeving, procedure, van, naar):
    w, besluit = _voorgelegd(procedure)
    _naar(w, besluit, van)
    with pytest.raises(ValidationError) as fout:
        _vastleggen(w, besluit, naar)
    assert "reden" in fout.value.message_dict
    besluit.refresh_from_db()
    assert besluit.uitkomst == van


def test_a_postponed_decision_is_recorded_later_without_a_reason(omgeving):
    w, besluit = _voorgelegd("instemming")
    _naar(w, besluit, "uitgesteld")
    registratie = _vastleggen(w, besluit, "goedgekeurd")
    assert registratie.correctie is False


def test_only_that_councils_secretary_records_its_decision(omgeving):
    w, besluit = _voorgelegd("instemming")
    with pytest.raises(NotAllowed):
        services.record_raadsbesluit(
            besluit, uitkomst="goedgekeurd", datum_raad=vandaag(), door=w.raadssecretaris_b
        )
    besluit.refresh_from_db()
    assert besluit.uitkomst == "open"


# --- A review packet ----------------------------------------------------------------------------------------------

PAKKET_TABEL = {
    "wachtend": {"wachtend", "bezig", "klaar", "mislukt"},
    "bezig": {"wachtend", "bezig", "klaar", "mislukt"},
    "klaar": {"wachtend", "bezig", "klaar"},
    "mislukt": {"wachtend", "bezig", "klaar"},
}
PAKKET_TOEGESTAAN = sorted((van, naar) for van, naar_set in PAKKET_TABEL.items() for naar in naar_set)
PAKKET_VERBODEN = [("klaar", "mislukt"), ("mislukt", "mislukt")]
LANG_GELEDEN = datetime.timedelta(hours=1)  # longer than a request waits for a packet on its way
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def pakket(omgeving):
    w = bouw_regio(2, n_opgaven=1)
    return Reviewpakket.objects.create(versie=programma(w), bestuur=w.leden[0])


def _in_staat(pakket, status):
    """Put the packet in `status`, asked for an hour ago (a state reached earlier; not the step under test)."""
    Reviewpakket.objects.filter(pk=pakket.pk).update(
        status=status,
        aangevraagd_op=timezone.now() - LANG_GELEDEN,
        fout="eerder" if status == "mislukt" else "",
    )


def _stap(pakket, van, naar):
    """Drive the step `van` -> `naar` through the services, as the secretariat and the Celery task would."""
    if naar == "wachtend":
        return services.request_reviewpakket(pakket.versie, pakket.bestuur, door=None)
    if naar == "mislukt":
        return services.fail_reviewpakket(pakket.pk, "kapot")
    if naar == "bezig":  # the task starts and is still rendering when we look
        with mock.patch("programmas.pdf.render_reviewpakket", side_effect=RuntimeError("nog bezig")):
            with pytest.raises(RuntimeError):
                services.build_reviewpakket(pakket.pk)
        return None

    # naar == "klaar": a run of the task finishes while the packet is in `van` (asked again or failed meanwhile)
    def render(versie, bestuur):
        Reviewpakket.objects.filter(pk=pakket.pk).update(status=van)
        return PDF

    with mock.patch("programmas.pdf.render_reviewpakket", side_effect=render):
        return services.build_reviewpakket(pakket.pk)


@pytest.mark.parametrize(("van", "naar"), PAKKET_TOEGESTAAN)
def test_a_review_packet_takes_every_step_the_table_allows(pakket, van, naar):
    _in_staat(pakket, van)
    _stap(pakket, van, naar)
    pakket.refresh_from_db()
    assert pakket.status == naar
    if naar == "klaar":
        assert pakket.bestand.read() == PDF and pakket.fout == ""
    if naar == "mislukt":
        assert pakket.fout == "kapot"
    if naar == "wachtend":
        assert timezone.now() - pakket.aangevraagd_op < datetime.timedelta(minutes=1)


@pytest.mark.parametrize(("van", "naar"), PAKKET_VERBODEN)
def test_a_failure_never_overwrites_a_ready_or_failed_packet(pakket, van, naar):
    _in_staat(pakket, van)
    with pytest.raises(ValidationError):
        _stap(pakket, van, naar)
    pakket.refresh_from_db()
    assert pakket.status == van
    assert pakket.fout == ("eerder" if van == "mislukt" else "")


@pytest.mark.parametrize("van", ["wachtend", "bezig"])
def test_a_packet_on_its_way_is_not_asked_again_within_the_patience(pakket, van):
    Reviewpakket.objects.filter(pk=pakket.pk).update(status=van, aangevraagd_op=timezone.now())
    pakket.refresh_from_db()
    aangevraagd = pakket.aangevraagd_op
    services.request_reviewpakket(pakket.versie, pakket.bestuur, door=None)
    pakket.refresh_from_db()
    assert (pakket.status, pakket.aangevraagd_op) == (van, aangevraagd)
