"""The benchmark's regions, bodies, people and seats, and the object permissions the services would have granted."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission

from besturen.models import (
    Deelname,
    Lidmaatschap,
    Orgaan,
    OrgaanGroupObjectPermission,
    OrgaanSoort,
    Persoon,
    Regio,
    RegioGroupObjectPermission,
    Rol,
    Stuk,
    Zichtbaarheid,
)
from besturen.permissions import grants_for_orgaan

BEGIN = datetime.date(2017, 1, 1)
# The regional bodies of every region, main body first (its secretariat runs the region).
ORGAANSOORTEN = (
    [
        (OrgaanSoort.BURGEMEESTERSOVERLEG, "Burgemeestersoverleg", "BMO"),
        (OrgaanSoort.OVERLEG_ALGEMEEN_DIRECTEURS, "Overleg algemeen directeurs", "OAD"),
        (OrgaanSoort.REGIOBESTUUR, "Regiobestuur", "RB"),
        (OrgaanSoort.REGIORAAD, "Regioraad", "RR"),
        (OrgaanSoort.DAGELIJKS_BESTUUR, "Dagelijks bestuur", "DB"),
    ]
    + [(OrgaanSoort.WERKGROEP, f"Werkgroep {n}", f"WG{n}") for n in range(1, 7)]
    + [(OrgaanSoort.STUURGROEP, f"Stuurgroep {n}", f"SG{n}") for n in range(1, 3)]
)
ZETELS = 15  # seats per body, regional bodies and councils alike
STUKKEN = 10  # items on each region's main body


@dataclass
class BenchRegio:
    regio: Regio
    leden: list  # member municipalities (Bestuur), by code
    organen: list = field(default_factory=list)  # main body first


@dataclass
class Structuur:
    regios: list  # BenchRegio, bench-000 first
    raden: dict  # Bestuur id -> its council (Orgaan)


def build_structuur(lader, omvang, gemeenten):
    """Regions over a sliding window of the municipalities, their bodies with seats, and a council per member."""
    regios = []
    for n in range(omvang.regios):
        leden = [gemeenten[(n * 7 + i) % len(gemeenten)] for i in range(omvang.leden)]
        regio = Regio(
            naam=f"Benchmarkregio {n:03d}", slug=f"bench-{n:03d}", land=leden[0].land, rechtsvorm="anders"
        )
        regios.append(BenchRegio(regio, sorted(leden, key=lambda b: b.code)))
    lader.insert(Regio, [r.regio for r in regios])
    lader.insert(
        Deelname, [Deelname(regio=r.regio, bestuur=b, begindatum=BEGIN) for r in regios for b in r.leden]
    )
    for r in regios:
        r.organen = [
            Orgaan(soort=soort, naam=f"{naam} {r.regio.naam}", afkorting=afkorting, regio=r.regio)
            for soort, naam, afkorting in ORGAANSOORTEN[: omvang.organen]
        ]
    besturen = {b.pk: b for r in regios for b in r.leden}
    raden = {
        pk: Orgaan(soort=OrgaanSoort.GEMEENTERAAD, naam=f"Gemeenteraad {b.naam}", bestuur=b)
        for pk, b in sorted(besturen.items())
    }
    organen = [o for r in regios for o in r.organen] + list(raden.values())
    lader.insert(Orgaan, organen)
    _build_zetels(lader, regios, raden)
    lader.insert(
        Stuk,
        [
            Stuk(
                orgaan=r.organen[0],
                titel=f"Stuk {i}",
                tekst="Benchmarkstuk.",
                zichtbaarheid=[Zichtbaarheid.OPENBAAR, Zichtbaarheid.REGIO, Zichtbaarheid.ORGAAN][i % 3],
                datum=BEGIN + datetime.timedelta(days=30 * i),
            )
            for r in regios
            for i in range(STUKKEN)
        ],
    )
    build_orgaanrechten(lader, organen)
    return Structuur(regios, raden)


def _build_zetels(lader, regios, raden):
    zetels = []  # (orgaan, rol, namens)
    for r in regios:
        for orgaan in r.organen:
            zetels += [
                (orgaan, Rol.VOORZITTER if i == 0 else Rol.LID, r.leden[i % len(r.leden)])
                for i in range(ZETELS)
            ]
    for raad in raden.values():
        zetels += [(raad, Rol.VOORZITTER if i == 0 else Rol.LID, raad.bestuur) for i in range(ZETELS)]
    personen = lader.insert(
        Persoon, [Persoon(voornaam="Bench", achternaam=f"Persoon {i:05d}") for i in range(len(zetels))]
    )
    lader.insert(
        Lidmaatschap,
        [
            Lidmaatschap(persoon=p, orgaan=o, rol=rol, namens=namens, begindatum=BEGIN)
            for p, (o, rol, namens) in zip(personen, zetels, strict=True)
        ],
    )


PERMISSIE_MODELLEN = {Orgaan: OrgaanGroupObjectPermission, Regio: RegioGroupObjectPermission}


class Rechten:
    """Groups by name and permissions by 'app.codename', created in bulk when missing."""

    def __init__(self, lader):
        self.lader = lader
        self.groepen = dict(Group.objects.values_list("name", "pk"))
        self.perms = {
            f"{app}.{codename}": pk
            for pk, app, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "codename"
            )
        }

    def rows(self, model, grants):
        """`grants`: (perm, obj, group names); returns the rows of `model` (a direct group-permission model)."""
        nieuw = sorted({n for _, _, names in grants for n in names} - self.groepen.keys())
        for groep in self.lader.insert(Group, [Group(name=n) for n in nieuw]):
            self.groepen[groep.name] = groep.pk
        return [
            model(group_id=self.groepen[n], permission_id=self.perms[perm], content_object=obj)
            for perm, obj, names in grants
            for n in names
        ]


def build_orgaanrechten(lader, organen):
    """What `create_orgaan` grants each body's role groups (grants_for_orgaan), written in bulk."""
    grants = [g for o in organen for g in grants_for_orgaan(o)]
    rechten = Rechten(lader)
    for type_, model in PERMISSIE_MODELLEN.items():
        lader.insert(model, rechten.rows(model, [g for g in grants if isinstance(g[1], type_)]))
