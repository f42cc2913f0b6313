"""The one test world: the demo's roles, built through the services (`door=None`) so every role group gets its grants.

`build_world()` is what the `world` fixture (tests/conftest.py) returns; the app worlds (`wereld` in tests/besturen,
`w` in tests/vergaderingen and tests/opgaven) extend it. Who is who (password `PASSWORD` for every account):

| attribute | who | seat |
|---|---|---|
| `platformbeheerder` | beheer@example.org | none: a superuser, as the demo's admin@regioportaal.example |
| `secretariaat` | Sara Secretaris | secretaris of the DBO (the Denderregio's secretariat) |
| `voorzitter` | Victor Voorzitter | voorzitter of the DBO, for Aalst |
| `lid` | Lieve Lid | lid of the DBO, for Lede |
| `raadssecretaris` | Rita Raadssecretaris | secretaris of the Gemeenteraad Aalst |
| `raadslid` | Rudi Raadslid | lid of the Gemeenteraad Aalst |
| `secretariaat_drecht` | Dirk Drecht | secretaris of the Regiobestuur Drechtsteden (another region) |
| `buitenstaander` | Bert Buiten | none: an account that is member of nothing |

Every account with a seat carries it as `user.lidmaatschap`. `world.users` maps these keys (and `"anoniem"`: None,
the public) to the accounts.
"""

import datetime
from types import SimpleNamespace

from besturen import services
from besturen.models import Land, OrgaanSoort, Rechtsvorm, Rol

from .factories import PASSWORD, buitenstaander, gemeente, maak_gebruiker

LID_SINDS = datetime.date(2019, 1, 1)  # the municipalities are members of their region since

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


def build_world():
    """Denderregio (Aalst, Lede) with its DBO and Aalst's council; Drechtsteden (Dordrecht); one account per role."""
    w = SimpleNamespace()
    w.platformbeheerder = services.create_platform_admin(
        email="beheer@example.org", password=PASSWORD, door=None
    )

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
    w.aalst = gemeente("Aalst", "41002", inwoners=89000)
    w.lede = gemeente("Lede", "41034", inwoners=19000)
    w.dordrecht = gemeente("Dordrecht", "0505", land=Land.NEDERLAND, inwoners=121000)
    for regio, bestuur in ((w.dender, w.aalst), (w.dender, w.lede), (w.drecht, w.dordrecht)):
        services.add_deelname(regio, bestuur, begindatum=LID_SINDS, door=None)

    w.dbo = services.create_orgaan(
        door=None,
        soort=OrgaanSoort.BURGEMEESTERSOVERLEG,
        naam="Burgemeestersoverleg Denderregio",
        afkorting="DBO",
        regio=w.dender,
    )
    w.raad_aalst = services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Aalst", bestuur=w.aalst
    )
    w.regiobestuur_drecht = services.create_orgaan(
        door=None, soort=OrgaanSoort.REGIOBESTUUR, naam="Regiobestuur Drechtsteden", regio=w.drecht
    )

    w.secretariaat = maak_gebruiker(w.dbo, Rol.SECRETARIS, "Sara", "Secretaris")
    w.voorzitter = maak_gebruiker(w.dbo, Rol.VOORZITTER, "Victor", "Voorzitter", namens=w.aalst)
    w.lid = maak_gebruiker(w.dbo, Rol.LID, "Lieve", "Lid", namens=w.lede)
    w.raadssecretaris = maak_gebruiker(
        w.raad_aalst, Rol.SECRETARIS, "Rita", "Raadssecretaris", namens=w.aalst
    )
    w.raadslid = maak_gebruiker(w.raad_aalst, Rol.LID, "Rudi", "Raadslid", namens=w.aalst)
    w.secretariaat_drecht = maak_gebruiker(w.regiobestuur_drecht, Rol.SECRETARIS, "Dirk", "Drecht")
    w.buitenstaander = buitenstaander()

    w.users = {rol: getattr(w, rol, None) for rol in ROLLEN}
    return w
