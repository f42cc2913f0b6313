"""The `wereld` fixture: the shared test world (tests/wereld.py) with more councils, seats and items."""

import pytest

from besturen import services
from besturen.models import OrgaanSoort, Rol, Zichtbaarheid
from tests import momentopname
from tests.factories import BEGIN, maak_gebruiker


@pytest.fixture
def wereld(world):
    """The shared world plus Lede's and Dordrecht's councils, a council member of Lede, and items in each visibility.

    `wereld.users` maps a role key to its account (None for the anonymous public); `ROLLEN` lists the keys in a fixed
    order for parametrized tests (tests.wereld.ROLLEN). Built once per test process, restored after that
    (tests/momentopname.py).
    """
    return momentopname.bouw("besturen.wereld", lambda: _bouw(world), invoer=(world,))


def _bouw(w):
    w.admin = w.platformbeheerder
    w.dbo_drecht = w.regiobestuur_drecht
    w.raad_lede = services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Lede", bestuur=w.lede
    )
    w.raad_dordrecht = services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Dordrecht", bestuur=w.dordrecht
    )
    w.raadslid_lede = maak_gebruiker(w.raad_lede, Rol.LID, "Lotte", "Raadslid", namens=w.lede)

    # Seats the secretariat screens act on: a member of each body, and one without an account (to invite).
    w.lidmaatschap = w.lid.lidmaatschap
    w.zonder_account = services.create_persoon(
        door=None, voornaam="Nina", achternaam="Nieuw", email="nina.nieuw@example.org"
    )
    w.lidmaatschap_zonder_account = services.add_lidmaatschap(
        persoon=w.zonder_account, orgaan=w.dbo, rol=Rol.LID, namens=w.aalst, begindatum=BEGIN, door=None
    )
    w.lidmaatschap_raad_aalst = w.raadslid.lidmaatschap
    w.lidmaatschap_raad_lede = w.raadslid_lede.lidmaatschap
    w.lidmaatschap_drecht = w.secretariaat_drecht.lidmaatschap

    w.stuk_openbaar = services.add_stuk(
        w.dbo, titel="Persbericht DBO", zichtbaarheid=Zichtbaarheid.OPENBAAR, door=None
    )
    w.stuk_regio = services.add_stuk(
        w.dbo, titel="Voorstel voor de raden", zichtbaarheid=Zichtbaarheid.REGIO, door=None
    )
    w.stuk_orgaan = services.add_stuk(
        w.dbo, titel="Vertrouwelijke nota DBO", zichtbaarheid=Zichtbaarheid.ORGAAN, door=None
    )
    w.stuk_drecht = services.add_stuk(
        w.dbo_drecht, titel="Vertrouwelijke nota Drechtsteden", zichtbaarheid=Zichtbaarheid.ORGAAN, door=None
    )
    return w
