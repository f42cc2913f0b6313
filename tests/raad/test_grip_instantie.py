"""`selectors_grip.instantie` builds the instances of the grip page's written-out queries without `Model.__init__`:
each is the instance `sqlrijen.maak` (the ORM's `from_db`) gives for the same values, on either database, and a
model with an `__init__` receiver still goes through `__init__`. And the participants' vote cells, which
`selectors.deelnemers` now writes per member from its seats, are the seats counted."""

from collections import Counter

import pytest
from django.db import connection
from django.db.models import signals
from django.utils import translation

from besturen import selectors as besturen_selectors
from besturen.models import Bestuur, Deelname
from programmas import selectors_grip
from programmas.models import Jaarprogramma, Raadsbesluit, Versie
from programmas.templatetags.programma import Notatie
from raad.grip import selectors
from regioportaal import sqlrijen

from .grip_bouw import grip_wereld

pytestmark = pytest.mark.usefixtures("snelle_wachtwoorden", "media")


def _gelezen(model):
    """Each row of `model` as the written-out queries read it: every concrete column, in order, unconverted."""
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {kolommen} FROM {connection.ops.quote_name(model._meta.db_table)} ORDER BY 1")
        return cursor.fetchall()


def _zoals_gelezen(obj):
    staat = obj._state
    return (
        type(obj),
        [(k, v, type(v)) for k, v in obj.__dict__.items() if k != "_state"],
        staat.adding,
        staat.db,
        staat.fields_cache,
    )


@pytest.mark.django_db
def test_an_instance_is_the_one_the_orm_reads():
    grip_wereld(leden=3, jaren=2)
    db = Versie.objects.db
    for model in (Deelname, Bestuur, Jaarprogramma, Versie, Raadsbesluit):
        rijen = _gelezen(model)
        assert rijen, model
        for rij in rijen:
            nieuw = selectors_grip.instantie(model, db, rij)
            assert _zoals_gelezen(nieuw) == _zoals_gelezen(sqlrijen.maak(model, db, None, rij))
            assert nieuw == model.objects.get(pk=rij[0])
            assert _zoals_gelezen(nieuw)[1] == _zoals_gelezen(model.objects.get(pk=rij[0]))[1]
        # PostgreSQL converts none of these values: the instances are built without `__init__` there.
        assert (selectors_grip._SNEL[model, db] is not None) is (connection.vendor == "postgresql")


@pytest.mark.django_db
def test_an_init_receiver_still_sees_the_instance_made():
    grip_wereld()
    gezien = []

    def ontvanger(sender, instance, **kwargs):
        gezien.append(instance)

    signals.post_init.connect(ontvanger, sender=Bestuur)
    try:
        rij = _gelezen(Bestuur)[0]
        bestuur = selectors_grip.instantie(Bestuur, Bestuur.objects.db, rij)
    finally:
        signals.post_init.disconnect(ontvanger, sender=Bestuur)
    assert gezien == [bestuur]
    assert bestuur.pk == rij[0] and not bestuur._state.adding


@pytest.mark.django_db
@pytest.mark.parametrize("taal", ["nl", "en"])
def test_each_members_votes_per_body_are_its_voting_seats_counted(taal):
    """`selectors.deelnemers`: each member's cell per voting body is "seats / the body's voting seats (share)",
    counted from the region's current seats as the ORM reads them (the seats held for no member count in the body's
    total only)."""
    w = grip_wereld(leden=4)
    deelname = selectors.deelname_or_404(w.leden[0].code, w.regio.slug)
    stemmend = {str(rol) for rol in selectors.STEMMENDE_ROLLEN}
    seats = [z for z in besturen_selectors.current_seats(regio=w.regio) if z.rol in stemmend]
    per_lid = Counter((z.orgaan_id, z.namens_id) for z in seats)
    per_orgaan = Counter(z.orgaan_id for z in seats)
    with translation.override(taal):
        organen, rijen, _ = selectors.deelnemers(
            deelname.leden, deelname.bestuur, selectors.zetels_van(w.regio, deelname.bestuur)
        )
        notatie = Notatie()
        assert sorted(o.pk for o in organen) == sorted(per_orgaan)
        for rij in rijen:
            verwacht = []
            for orgaan in organen:
                n, van = per_lid[orgaan.pk, rij.bestuur_id], per_orgaan[orgaan.pk]
                verwacht.append(f"{n} / {van} ({selectors.procent_tekst(notatie, n / van * 100)})")
            assert rij.stemmen == verwacht
            assert rij.eigen is (rij.bestuur_id == deelname.bestuur_id)
    assert any("0 / " in tekst for rij in rijen for tekst in rij.stemmen)
    assert any(not tekst.startswith("0 / ") for rij in rijen for tekst in rij.stemmen)
