"""Freeze the versions that passed submission before figures were frozen (0003 added Bijdrage and the stored rules).

Every version adopted, routed or decided on (vastgesteld, voorgelegd, goedgekeurd, afgewezen, terug) without
`bevroren_op` gets what `services._bevries` would have stored when it was routed or adopted: one Bijdrage per line and
participating member, from the members' current populations (with their reference date and source), and the region's
decision rule, procedure, key and mix share on the version (the defaults when the region never set any); councils'
decisions without a population get the member's. These are the figures the pages showed until now, so nothing a
council sees changes. The line amounts are left as they are (they are what the board adopted).

The split uses `programmas.verdeling.verdeel`, a pure module without models. A version whose line cannot be split
(fixed contributions above its amount) is left unfrozen, as it was. Reversing the migration leaves the rows: it does
nothing.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

from programmas.verdeling import Lid, VerdelingFout, verdeel

NA_INDIENING = ("vastgesteld", "voorgelegd", "goedgekeurd", "afgewezen", "terug")
BEVROREN_VELDEN = (
    "procedure",
    "beslisregel",
    "drempel_leden",
    "drempel_bevolking",
    "amendement",
    "sleutel",
    "aandeel_bevolking",
)
# The model defaults of Programmaregeling when this migration was written, for a region without settings.
STANDAARD = {
    "procedure": "instemming",
    "beslisregel": "unaniem",
    "drempel_leden": Decimal("0.6667"),
    "drempel_bevolking": Decimal("0.5"),
    "amendement": "niet",
    "sleutel": "bevolking",
    "aandeel_bevolking": Decimal("0.5"),
    "bedrag_per_inwoner": None,
}


def _instellingen(Programmaregeling, regio_id, programma):
    regeling = Programmaregeling.objects.filter(regio_id=regio_id).first()
    waarden = dict(STANDAARD)
    if regeling is not None:
        waarden = {naam: getattr(regeling, naam) for naam in STANDAARD}
    waarden["procedure"] = programma.procedure or waarden["procedure"]
    return waarden


def _bijdragen(Bijdrage, versie, regeling):
    """The Bijdrage rows of `versie` (unsaved), or None when a line cannot be split."""
    rijen = []
    for regel in versie.regels.prefetch_related("deelnemers", "vaste_bijdragen").order_by("pk"):
        deelnemers = sorted(regel.deelnemers.all(), key=lambda b: (b.code, b.pk))
        sleutel = regel.sleutel or regeling["sleutel"]
        vast = {v.bestuur_id: v.bedrag for v in regel.vaste_bijdragen.all()}
        try:
            shares = verdeel(
                regel.bedrag,
                [Lid(b.pk, b.inwoners or 0) for b in deelnemers],
                sleutel,
                vast=vast,
                aandeel_bevolking=regeling["aandeel_bevolking"],
                volgorde={b.pk: b.code for b in deelnemers},
            )
        except VerdelingFout:
            return None
        tarief = None
        if sleutel == "per_inwoner":
            tarief = (
                regel.tarief_per_inwoner
                if regel.tarief_per_inwoner is not None
                else regeling["bedrag_per_inwoner"]
            )
        for bestuur in deelnemers:
            rijen.append(
                Bijdrage(
                    versie_id=versie.pk,
                    regel_id=regel.pk,
                    bestuur_id=bestuur.pk,
                    inwoners=bestuur.inwoners,
                    peildatum=bestuur.inwoners_peildatum,
                    bron=bestuur.inwoners_bron or "",
                    sleutel=sleutel,
                    aandeel_bevolking=regeling["aandeel_bevolking"],
                    tarief_per_inwoner=tarief,
                    vast_bedrag=vast.get(bestuur.pk),
                    centen=int(shares[bestuur.pk] * 100),
                )
            )
    return rijen


def bevries_bestaande_versies(apps, schema_editor):
    Versie = apps.get_model("programmas", "Versie")
    Bijdrage = apps.get_model("programmas", "Bijdrage")
    Raadsbesluit = apps.get_model("programmas", "Raadsbesluit")
    Programmaregeling = apps.get_model("programmas", "Programmaregeling")
    nu = timezone.now()
    versies = (
        Versie.objects.filter(status__in=NA_INDIENING, bevroren_op__isnull=True)
        .select_related("jaarprogramma")
        .order_by("pk")
    )
    for versie in versies:
        regeling = _instellingen(Programmaregeling, versie.jaarprogramma.regio_id, versie.jaarprogramma)
        rijen = _bijdragen(Bijdrage, versie, regeling)
        if rijen is None:
            continue
        # A row written by hand for a line is kept; the rest of the version is filled in.
        bestaand = set(Bijdrage.objects.filter(versie_id=versie.pk).values_list("regel_id", "bestuur_id"))
        Bijdrage.objects.bulk_create([r for r in rijen if (r.regel_id, r.bestuur_id) not in bestaand])
        for veld in BEVROREN_VELDEN:
            if getattr(versie, veld) in (None, ""):
                setattr(versie, veld, regeling[veld])
        versie.bevroren_op = nu
        versie.save(update_fields=[*BEVROREN_VELDEN, "bevroren_op"])
        for besluit in Raadsbesluit.objects.filter(versie_id=versie.pk, inwoners__isnull=True).select_related(
            "bestuur"
        ):
            if besluit.bestuur.inwoners is not None:
                besluit.inwoners = besluit.bestuur.inwoners
                besluit.save(update_fields=["inwoners"])


class Migration(migrations.Migration):
    dependencies = [
        ("besturen", "0003_bevolkingscijfers_bestaande_besturen"),
        ("programmas", "0003_bevroren_cijfers_en_wgr"),
    ]

    operations = [
        migrations.RunPython(bevries_bestaande_versies, migrations.RunPython.noop, elidable=True),
    ]
