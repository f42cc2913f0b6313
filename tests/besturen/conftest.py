"""The `wereld` fixture: two regions built through the services, so every role group gets its grants."""

import datetime
from types import SimpleNamespace

import pytest

from besturen import services
from besturen.models import BestuurSoort, Land, OrgaanSoort, Rechtsvorm, Rol, Zichtbaarheid
from tests.factories import PASSWORD

BEGIN = datetime.date(2020, 1, 1)


def maak_gebruiker(orgaan, rol, voornaam, achternaam, *, namens=None, begindatum=BEGIN):
    """A person with an account (password PASSWORD) and a seat with `rol` in `orgaan`; returns the account."""
    email = f"{voornaam}.{achternaam}@example.org".lower().replace(" ", "")
    persoon = services.create_persoon(door=None, voornaam=voornaam, achternaam=achternaam, email=email)
    user = services.create_account(persoon, password=PASSWORD, door=None)
    services.add_lidmaatschap(
        persoon=persoon, orgaan=orgaan, rol=rol, namens=namens, begindatum=begindatum, door=None
    )
    return user


def _gemeente(naam, code, land, inwoners):
    return services.create_bestuur(
        door=None,
        soort=BestuurSoort.GEMEENTE,
        naam=naam,
        code=code,
        land=land,
        inwoners=inwoners,
        inwoners_peildatum=datetime.date(2024, 1, 1),
    )


@pytest.fixture
def snelle_wachtwoorden(settings):
    """Hash passwords cheaply: the world creates a dozen accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def wereld(db, snelle_wachtwoorden):
    """Denderregio (Aalst, Lede) and Drechtsteden (Dordrecht), their bodies, one user per role, and items.

    `wereld.users` maps a role key to its account (None for the anonymous public); `wereld.rollen` lists the
    keys in a fixed order for parametrized tests.
    """
    w = SimpleNamespace()
    w.admin = services.create_platform_admin(email="beheer@example.org", password=PASSWORD, door=None)

    w.dender = services.create_regio(
        door=None,
        naam="Denderregio",
        slug="denderregio",
        land=Land.BELGIE,
        rechtsvorm=Rechtsvorm.PROJECTVERENIGING,
    )
    w.drecht = services.create_regio(
        door=None,
        naam="Drechtsteden",
        slug="drechtsteden",
        land=Land.NEDERLAND,
        rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING,
    )
    w.aalst = _gemeente("Aalst", "41002", Land.BELGIE, 89000)
    w.lede = _gemeente("Lede", "41034", Land.BELGIE, 19000)
    w.dordrecht = _gemeente("Dordrecht", "0505", Land.NEDERLAND, 121000)
    for regio, bestuur in ((w.dender, w.aalst), (w.dender, w.lede), (w.drecht, w.dordrecht)):
        services.add_deelname(regio, bestuur, begindatum=datetime.date(2019, 1, 1), door=None)

    w.raad_aalst = services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Aalst", bestuur=w.aalst
    )
    w.raad_lede = services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Lede", bestuur=w.lede
    )
    w.raad_dordrecht = services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Dordrecht", bestuur=w.dordrecht
    )
    w.dbo = services.create_orgaan(
        door=None,
        soort=OrgaanSoort.BURGEMEESTERSOVERLEG,
        naam="Burgemeestersoverleg Denderregio",
        afkorting="DBO",
        regio=w.dender,
    )
    w.dbo_drecht = services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam="Regiobestuur Drechtsteden", regio=w.drecht
    )

    w.secretariaat = maak_gebruiker(w.dbo, Rol.SECRETARIS, "Sara", "Secretaris")
    w.voorzitter = maak_gebruiker(w.dbo, Rol.VOORZITTER, "Victor", "Voorzitter", namens=w.aalst)
    w.lid = maak_gebruiker(w.dbo, Rol.LID, "Lieve", "Lid", namens=w.lede)
    w.raadssecretaris = maak_gebruiker(
        w.raad_aalst, Rol.SECRETARIS, "Rita", "Raadssecretaris", namens=w.aalst
    )
    w.raadslid = maak_gebruiker(w.raad_aalst, Rol.LID, "Rudi", "Raadslid", namens=w.aalst)
    w.raadslid_lede = maak_gebruiker(w.raad_lede, Rol.LID, "Lotte", "Raadslid", namens=w.lede)
    w.secretariaat_drecht = maak_gebruiker(w.dbo_drecht, Rol.SECRETARIS, "Dirk", "Drecht")
    w.buitenstaander = services.create_account(
        services.create_persoon(
            door=None, voornaam="Bert", achternaam="Buiten", email="bert.buiten@example.org"
        ),
        password=PASSWORD,
        door=None,
    )

    # Seats the secretariat screens act on: a member of each body, and one without an account (to invite).
    w.lidmaatschap = w.lid.persoon.lidmaatschappen.get()
    w.zonder_account = services.create_persoon(
        door=None, voornaam="Nina", achternaam="Nieuw", email="nina.nieuw@example.org"
    )
    w.lidmaatschap_zonder_account = services.add_lidmaatschap(
        persoon=w.zonder_account, orgaan=w.dbo, rol=Rol.LID, namens=w.aalst, begindatum=BEGIN, door=None
    )
    w.lidmaatschap_raad_aalst = w.raadslid.persoon.lidmaatschappen.get()
    w.lidmaatschap_raad_lede = w.raadslid_lede.persoon.lidmaatschappen.get()
    w.lidmaatschap_drecht = w.secretariaat_drecht.persoon.lidmaatschappen.get()

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

    w.users = {
        "platformbeheerder": w.admin,
        "secretariaat": w.secretariaat,
        "voorzitter": w.voorzitter,
        "lid": w.lid,
        "raadssecretaris": w.raadssecretaris,
        "raadslid": w.raadslid,
        "secretariaat_drecht": w.secretariaat_drecht,
        "buitenstaander": w.buitenstaander,
        "anoniem": None,
    }
    return w


ROLLEN = [
    "platformbeheerder",
    "secretariaat",
    "voorzitter",
    "lid",
    "raadssecretaris",
    "raadslid",
    "secretariaat_drecht",
    "buitenstaander",
    "anoniem",
]
