"""Heavy work, measured on the benchmark database: `python -m bench.zwaar` prints JSON (scripts/bench.py calls it).

Issue 16, item 5, with the portal's own services:

- the review packet PDF of one member (`programmas.pdf.render_reviewpakket`, what `build_reviewpakket` renders) for
  the current version of bench-000 (20 members; the issue's target speaks of 18);
- the agenda PDFs of a meeting with 40 items (`vergaderingen.services.make_agenda_pdf`: the public and the full
  agenda, as the Celery task makes them), the items topped up to 40 in a transaction that is rolled back;
- the municipality import (`besturen.services.import_besturen`): the two real files again (every row unchanged, the
  yearly re-check), the same 652 rows under fresh codes (652 municipalities created) and a file 20 times as large
  (13,040 created), each in a transaction that is rolled back; time without and peak Python memory with
  `tracemalloc` (a second run: tracing slows the code down), so "flat" is the ratio of the two peaks (the 20x
  file's peak at most `FLAT_TARGET` times the 652 rows'; `peak_ratio` in the JSON).

Times are wall-clock seconds: the first run (WeasyPrint loads its fonts and styles once per process) and the median
of the next ones. Nothing is asserted here: the report says which target is met.
"""

import io
import json
import os
import statistics
import time
import tracemalloc

REVIEW_TARGET, AGENDA_TARGET, IMPORT_TARGET = 1.0, 2.0, 5.0  # seconds (issue 16, item 5)
FLAT_TARGET = 1.3  # the 20x file's peak memory over the 652 rows' (issue 16, item 5: "flat")
AGENDA_PUNTEN = 40
FACTOR = 20
RUNS = int(os.environ.get("BENCH_ZWAAR_RUNS", "3"))


class _Terugdraaien(Exception):
    """Raised to roll a measured write back."""


def _rolled_back(functie):
    """Run `functie()` in a transaction that is rolled back; returns its result."""
    from django.db import transaction

    uit = []
    try:
        with transaction.atomic():
            uit.append(functie())
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    return uit[0]


def _timed(functie, runs=RUNS):
    tijden = []
    for _ in range(runs):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return {"first": tijden[0], "median": statistics.median(tijden[1:] or tijden), "runs": runs}


def _peak(functie):
    """Peak Python memory (bytes, tracemalloc) while `functie()` runs."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        functie()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def reviewpakket():
    from besturen.models import Regio
    from programmas.models import Programmaregel, Versie, VersieStatus
    from programmas.pdf import render_reviewpakket

    regio = Regio.objects.filter(slug__startswith="bench-").order_by("slug").first()
    versie = Versie.objects.select_related("jaarprogramma__regio__programmaregeling").get(
        jaarprogramma__regio=regio, status=VersieStatus.VOORGELEGD
    )
    deelnemers = Programmaregel.deelnemers.through.objects.filter(programmaregel__versie=versie)
    bestuur = deelnemers.select_related("bestuur").order_by("bestuur__naam").first().bestuur
    grootte = []

    def maak():
        pdf = render_reviewpakket(versie, bestuur)
        assert pdf.startswith(b"%PDF-")
        grootte.append(len(pdf))

    uit = _timed(maak)
    uit.update(
        what=f"review packet of {bestuur.naam} for {versie} ({regio.slug})",
        members=deelnemers.values("bestuur").distinct().count(),
        bytes=grootte[-1],
        target=REVIEW_TARGET,
    )
    return uit


def agenda_pdf():
    from django.utils import timezone

    from besturen.models import Orgaan, Regio
    from vergaderingen.models import Agendapunt, Vergadering
    from vergaderingen.services import make_agenda_pdf

    regio = Regio.objects.filter(slug__startswith="bench-").order_by("slug").first()
    orgaan = Orgaan.objects.filter(regio=regio).order_by("pk").first()
    vergadering = (
        Vergadering.objects.filter(orgaan=orgaan, begin__gt=timezone.now()).order_by("begin").first()
    )
    grootte = []

    def meten():
        bestaand = vergadering.agendapunten.count()
        Agendapunt.objects.bulk_create(
            Agendapunt(
                vergadering=vergadering,
                volgnummer=n + 1,
                titel=f"Agendapunt {n + 1}",
                toelichting="Toelichting bij het agendapunt.",
                openbaar=n % 5 != 4,
                status="geagendeerd",
            )
            for n in range(bestaand, AGENDA_PUNTEN)
        )
        assert vergadering.agendapunten.count() == AGENDA_PUNTEN

        def maak():
            make_agenda_pdf(vergadering)
            grootte.append(vergadering.agenda_pdf_volledig.size)

        try:
            return _timed(maak)
        finally:  # the files outlive the rolled-back rows: remove them
            for bestand in (vergadering.agenda_pdf, vergadering.agenda_pdf_volledig):
                if bestand:
                    bestand.storage.delete(bestand.name)

    uit = _rolled_back(meten)
    uit.update(
        what=f"agenda PDFs (public and full) of {vergadering} with {AGENDA_PUNTEN} items",
        bytes=grootte[-1],
        target=AGENDA_TARGET,
    )
    return uit


def _bestanden():
    from besturen.demo import DATA_DIR

    return [DATA_DIR / "gemeenten-vlaanderen.csv", DATA_DIR / "gemeenten-nederland.csv"]


def _nieuwe_codes(bestaand, land_be):
    """Codes of the file's format that no government has yet, in order."""
    reeks = (f"{n:05d}" for n in range(10000, 100000)) if land_be else (f"GM{n:04d}" for n in range(10000))
    return (code for code in reeks if code not in bestaand)


def _vermenigvuldigd(pad, factor):
    """The file's rows `factor` times, each under a fresh code (and a distinct name): bytes."""
    from besturen.models import Bestuur

    regels = pad.read_text(encoding="utf-8").splitlines()
    kop, rijen = regels[0], [r for r in regels[1:] if r.strip()]
    land_be = kop.startswith("nis_code")
    codes = _nieuwe_codes(set(Bestuur.objects.values_list("code", flat=True)), land_be)
    uit = [kop]
    for ronde in range(factor):
        for rij in rijen:
            _, naam, rest = rij.split(",", 2)
            uit.append(f"{next(codes)},{naam} {ronde + 1},{rest}")
    return ("\n".join(uit) + "\n").encode("utf-8")


def _importeer(inhouden):
    from besturen.services import import_besturen

    aantal = 0
    for naam, inhoud in inhouden:
        bron = io.BytesIO(inhoud)
        resultaat = import_besturen(bron, door=None, grootte=len(inhoud), naam=naam)
        aantal += resultaat.aantal
    return aantal


def _import_gemeten(inhouden):
    """Time (two runs) and peak memory (a third, traced) of importing `inhouden`, each rolled back."""
    rijen = []
    tijd = _timed(lambda: rijen.append(_rolled_back(lambda: _importeer(inhouden))), runs=2)
    piek = _peak(lambda: _rolled_back(lambda: _importeer(inhouden)))
    return dict(tijd, rows=rijen[-1], bytes=sum(len(inhoud) for _, inhoud in inhouden), peak_bytes=piek)


def import_gemeenten():
    from besturen.models import Bestuur

    echte = [(pad.name, pad.read_bytes()) for pad in _bestanden()]
    uit = {"target": IMPORT_TARGET}
    gevallen = {
        "unchanged": echte,
        "created_1x": [(pad.name, _vermenigvuldigd(pad, 1)) for pad in _bestanden()],
        f"created_{FACTOR}x": [(pad.name, _vermenigvuldigd(pad, FACTOR)) for pad in _bestanden()],
    }
    voor = Bestuur.objects.count()
    for naam, inhouden in gevallen.items():
        uit[naam] = _import_gemeten(inhouden)
    assert Bestuur.objects.count() == voor  # everything rolled back
    uit["peak_ratio"] = uit[f"created_{FACTOR}x"]["peak_bytes"] / max(uit["created_1x"]["peak_bytes"], 1)
    uit["peak_target"] = FLAT_TARGET
    return uit


def measure():
    return {"reviewpakket": reviewpakket(), "agenda_pdf": agenda_pdf(), "import": import_gemeenten()}


def markdown(zwaar):
    """The heavy work as a Markdown table (for var/bench/results.md)."""

    def status(seconden, doel):
        return "met" if seconden < doel else "**not met**"

    r, a, i = zwaar["reviewpakket"], zwaar["agenda_pdf"], zwaar["import"]
    een, groot = i["created_1x"], i[f"created_{FACTOR}x"]
    regels = [
        "| work | first s | median s | target | | size |",
        "|---|---:|---:|---:|---|---|",
        f"| {r['what']} ({r['members']} members) | {r['first']:.2f} | {r['median']:.2f} | < {r['target']:g} s "
        f"| {status(r['median'], r['target'])} | {r['bytes'] / 1024:.0f} KB PDF |",
        f"| {a['what']} | {a['first']:.2f} | {a['median']:.2f} | < {a['target']:g} s "
        f"| {status(a['median'], a['target'])} | {a['bytes'] / 1024:.0f} KB PDF (full) |",
    ]
    for naam, label in (
        ("unchanged", "import of the two municipality files, every row unchanged"),
        ("created_1x", "import of 652 municipalities, all new"),
        (f"created_{FACTOR}x", f"import of a {FACTOR}x file, all new"),
    ):
        geval = i[naam]
        regels.append(
            f"| {label} ({geval['rows']} rows, {geval['bytes'] / 1024:.0f} KB) | {geval['first']:.2f} "
            f"| {geval['median']:.2f} "
            + (
                f"| < {i['target']:g} s | {status(geval['median'], i['target'])}"
                if naam != f"created_{FACTOR}x"
                else "| (memory) | "
            )
            + f" | peak {geval['peak_bytes'] / 1024 / 1024:.1f} MB (tracemalloc) |"
        )
    regels.append("")
    verhouding = groot["peak_bytes"] / max(een["peak_bytes"], 1)
    regels.append(
        f"Peak memory of the import: {een['peak_bytes'] / 1024 / 1024:.2f} MB for 652 rows, "
        f"{groot['peak_bytes'] / 1024 / 1024:.2f} MB for {groot['rows']} rows "
        f"({verhouding:.2f}x the peak for {FACTOR}x the rows; flat is at most {FLAT_TARGET:g}x: "
        f"{'met' if verhouding <= FLAT_TARGET else '**not met**'})."
    )
    return "\n".join(regels)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioportaal.settings")
    import django

    django.setup()
    print(json.dumps(measure()))


if __name__ == "__main__":
    main()
