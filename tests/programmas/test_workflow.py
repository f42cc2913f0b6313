"""Every allowed and every forbidden transition of a programme version, for both procedures."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from programmas import services, workflow
from programmas.models import Jaarprogramma, Procedure, Versie, VersieStatus

S = VersieStatus

# The specification, written out: what the annual cycle allows under each procedure.
TOEGESTAAN = {
    Procedure.INSTEMMING: {
        (S.CONCEPT, S.INGEDIEND),
        (S.INGEDIEND, S.VASTGESTELD),
        (S.INGEDIEND, S.CONCEPT),
        (S.VASTGESTELD, S.VOORGELEGD),
        (S.VOORGELEGD, S.GOEDGEKEURD),
        (S.VOORGELEGD, S.AFGEWEZEN),
        (S.VOORGELEGD, S.TERUG),
        # While the councils decide, the status is recomputed after every decision or correction, so it moves
        # freely between the four outcomes (also back from approved); `Versie.afgesloten` ends that phase.
        (S.GOEDGEKEURD, S.VOORGELEGD),
        (S.GOEDGEKEURD, S.AFGEWEZEN),
        (S.GOEDGEKEURD, S.TERUG),
        (S.AFGEWEZEN, S.VOORGELEGD),
        (S.AFGEWEZEN, S.GOEDGEKEURD),
        (S.AFGEWEZEN, S.TERUG),
        (S.TERUG, S.VOORGELEGD),
        (S.TERUG, S.GOEDGEKEURD),
        (S.TERUG, S.AFGEWEZEN),
    },
    Procedure.ZIENSWIJZE: {
        (S.CONCEPT, S.INGEDIEND),
        (S.INGEDIEND, S.VOORGELEGD),
        (S.INGEDIEND, S.CONCEPT),
        (S.VOORGELEGD, S.VASTGESTELD),
        (S.VOORGELEGD, S.TERUG),
    },
}

GEVALLEN = [
    (procedure, van, naar) for procedure in Procedure for van, naar in itertools.product(S, S) if van != naar
]


def _id(geval):
    procedure, van, naar = geval
    return f"{procedure.value}:{van.value}->{naar.value}"


def test_every_state_has_a_row_for_both_procedures():
    for procedure in Procedure:
        assert set(workflow.TRANSITIONS[procedure]) == set(S)


@pytest.mark.parametrize("geval", GEVALLEN, ids=[_id(g) for g in GEVALLEN])
def test_transition_table(geval):
    procedure, van, naar = geval
    assert workflow.allowed(procedure, van, naar) is ((van, naar) in TOEGESTAAN[procedure])


@pytest.mark.parametrize("geval", GEVALLEN, ids=[_id(g) for g in GEVALLEN])
def test_service_transition_follows_the_table(geval, db):
    from besturen import services as besturen_services
    from besturen.models import Land, Rechtsvorm

    procedure, van, naar = geval
    regio = besturen_services.create_regio(
        door=None, naam="Regio", slug="regio", land=Land.BELGIE, rechtsvorm=Rechtsvorm.PROJECTVERENIGING
    )
    services.update_regeling(regio, door=None, procedure=procedure)
    versie = Versie.objects.create(
        jaarprogramma=Jaarprogramma.objects.create(regio=regio, jaar=2027), nummer=1, status=van
    )
    if (van, naar) in TOEGESTAAN[procedure]:
        services._transition(versie, naar, None, "test")
        versie.refresh_from_db()
        assert versie.status == naar
    else:
        with pytest.raises(ValidationError):
            services._transition(versie, naar, None, "test")
        versie.refresh_from_db()
        assert versie.status == van
