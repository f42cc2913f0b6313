"""The grip page's seats read in one UNION ALL (`selectors.zetels_van`): the bodies, the voting seats counted and the
member's own seats, compared with what the ORM reads (`besturen_selectors.current_seats`); the participants' share
texts (`selectors.procent_tekst`) compared with Django's `numberformat`; and the settings' copy
(`programmas.regeling._kopie`) compared with `copy.copy`. On SQLite and PostgreSQL alike."""

import copy
import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import numberformat, translation

from besturen import selectors as besturen_selectors
from besturen import services as besturen_services
from besturen.models import OrgaanSoort, Rol
from programmas.regeling import _kopie, regeling_van, regeling_voor
from programmas.templatetags.programma import Notatie
from raad.grip import selectors
from tests.factories import maak_gebruiker
from tests.raad.grip_bouw import grip_wereld


def _orgaan(w, naam):
    return besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam=naam, regio=w.regio
    )


@pytest.mark.django_db
def test_the_bodies_are_those_with_a_voting_seat_or_a_seat_of_the_member_by_name():
    w = grip_wereld(leden=3)
    eerste, tweede = w.leden[0], w.leden[1]
    # A body where the first member only stands in (no vote) and the second votes; a body where only the second
    # member watches (no vote, not the first's); two bodies of one name; a seat that ended.
    commissie = _orgaan(w, "Aa commissie")
    maak_gebruiker(commissie, Rol.PLAATSVERVANGER, "Piet", "Plaats", namens=eerste, email="piet@example.org")
    maak_gebruiker(commissie, Rol.LID, "Lies", "Lid", namens=tweede, email="lies@example.org")
    kijkers = _orgaan(w, "Zz kijkers")
    maak_gebruiker(kijkers, Rol.WAARNEMER, "Wim", "Waar", namens=tweede, email="wim@example.org")
    tweeling = [_orgaan(w, "Mm tweeling") for _ in range(2)]
    for i, orgaan in enumerate(reversed(tweeling)):
        maak_gebruiker(orgaan, Rol.LID, f"Tom{i}", "Twee", namens=tweede, email=f"tom{i}@example.org")
    oud = maak_gebruiker(
        commissie, Rol.LID, "Olga", "Oud", namens=eerste, email="olga@example.org"
    ).lidmaatschap
    oud.einddatum = datetime.date(2021, 1, 1)
    oud.save()

    zetels_orm = list(besturen_selectors.current_seats(regio=w.regio).select_related("orgaan"))
    stemmend = {str(rol) for rol in selectors.STEMMENDE_ROLLEN}
    for lid in w.leden:
        zetels = selectors.zetels_van(w.regio, lid)
        stemmende = {z.orgaan for z in zetels_orm if z.rol in stemmend}
        verwacht = stemmende | {z.orgaan for z in zetels_orm if z.namens_id == lid.pk}
        assert set(zetels.organen) == {o.pk for o in verwacht}
        assert all(
            (regel.naam, regel.afkorting) == (o.naam, o.afkorting)
            for o in verwacht
            for regel in [zetels.organen[o.pk]]
        )
        # By name, then id (the two bodies of one name always in the same order).
        assert list(zetels.per_orgaan) == [o.pk for o in sorted(stemmende, key=lambda o: (o.naam, o.pk))]
        assert zetels.per_namens == Counter(
            (z.orgaan_id, z.namens_id) for z in zetels_orm if z.rol in stemmend
        )
        assert all(z.orgaan is zetels.organen[z.orgaan_id] for z in zetels.vertegenwoordigers)
    eigen = selectors.zetels_van(w.regio, eerste)
    assert commissie.pk in eigen.organen and kijkers.pk not in eigen.organen
    assert [z.persoon for z in eigen.vertegenwoordigers if z.orgaan_id == commissie.pk] == ["Piet Plaats"]
    assert kijkers.pk in selectors.zetels_van(w.regio, tweede).organen
    organen, _, _ = selectors.deelnemers(
        selectors.deelname_or_404(eerste.code, w.regio.slug).leden, eerste, eigen, Notatie()
    )
    assert [o.pk for o in organen if o.naam == "Mm tweeling"] == sorted(o.pk for o in tweeling)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_a_share_is_written_as_numberformat_writes_it(taal):
    waarden = [0, 0.0, -0.0, 0.04, 0.05, 0.449, 1 / 3 * 100, 12.25, 12.35, 99.95, 100, 999.94, 999.95, 1234.5]
    waarden += [Decimal("7.25"), Decimal("-3.45"), -12.5, 5, 200 / 3]
    with translation.override(taal):
        notatie = Notatie()
        for waarde in waarden:
            for decimalen in (0, 1, 2):
                afgerond = Decimal(str(waarde)).quantize(
                    Decimal(1).scaleb(-decimalen), rounding="ROUND_HALF_UP"
                )
                verwacht = numberformat.format(
                    afgerond,
                    notatie.decimaalteken,
                    decimalen,
                    notatie.groepering,
                    notatie.duizendtal,
                    use_l10n=True,
                )
                assert selectors.procent_tekst(notatie, waarde, decimalen) == f"{verwacht}\u00a0%", (
                    waarde,
                    decimalen,
                )
        assert selectors.procent_tekst(notatie, None) == selectors.procent_tekst(notatie, "") == ""


@pytest.mark.django_db
def test_the_settings_copy_is_the_copy_copy_makes():
    w = grip_wereld(leden=2)
    live = regeling_van(w.regio)
    live.sleutel = "inwoners"
    kopie, verwacht = _kopie(live), copy.copy(live)
    assert kopie is not live and kopie._state is not live._state
    assert kopie._state.fields_cache is not live._state.fields_cache
    assert kopie._state.fields_cache == verwacht._state.fields_cache
    assert (kopie._state.db, kopie._state.adding) == (verwacht._state.db, verwacht._state.adding)
    eigen = {
        "_state",
        "_django_version",
    }  # `copy.copy` goes through pickling's state, which names the version
    assert {k: v for k, v in kopie.__dict__.items() if k not in eigen} == {
        k: v for k, v in verwacht.__dict__.items() if k not in eigen
    }
    kopie.procedure = "iets anders"
    kopie._state.fields_cache["x"] = 1
    assert live.procedure != "iets anders" and "x" not in live._state.fields_cache
    # A frozen version's stored settings win over the live ones, an empty one does not.
    versie = w.versies[0]
    versie.bevroren_op = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    versie.sleutel, versie.drempel_leden = "", Decimal("0.5")
    gevolgd = regeling_voor(versie, live)
    assert gevolgd.sleutel == "inwoners" and gevolgd.drempel_leden == Decimal("0.5")
