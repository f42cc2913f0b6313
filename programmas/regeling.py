"""Which settings a version follows: the region's defaults, the programme's own route, or what the version stored.

Reads only (nothing here creates a row): a region without settings gets unsaved defaults. Once a version is frozen
(routed or adopted) its procedure, decision rule, thresholds, amendment rule and key are the ones stored on it.
"""

from django.db.models.base import ModelState

from . import beslisregels
from .models import Programmaregeling

BEVROREN_VELDEN = (
    "procedure",
    "beslisregel",
    "drempel_leden",
    "drempel_bevolking",
    "amendement",
    "sleutel",
    "aandeel_bevolking",
)


def regeling_van(regio):
    """The region's settings, or unsaved defaults when the secretariat never set any."""
    try:
        return regio.programmaregeling
    except Programmaregeling.DoesNotExist:
        return Programmaregeling(regio=regio)


def regeling_voor(versie, regeling=None):
    """The settings `versie` follows, as an unsaved copy: stored ones once frozen, else the live ones."""
    live = regeling if regeling is not None else regeling_van(versie.jaarprogramma.regio)
    kopie = _kopie(live)
    if versie.bevroren_op is not None:
        opgeslagen = versie.__dict__
        for veld in BEVROREN_VELDEN:
            waarde = opgeslagen[veld] if veld in opgeslagen else getattr(versie, veld)
            # Not `waarde in (None, "")`: comparing a Decimal with "" goes through the numbers ABCs.
            if waarde is not None and not (waarde.__class__ is str and waarde == ""):
                setattr(kopie, veld, waarde)
    else:
        kopie.procedure = versie.jaarprogramma.procedure or live.procedure
    return kopie


def _kopie(instantie):
    """A shallow copy of a model instance with its own state and cache of related objects, as `copy.copy` makes it
    (through `Model.__getstate__`), without pickling's detour and `copy.copy` of the state: pages that list
    programmes copy the settings once per programme (the grip page ten times a request)."""
    staat = instantie._state
    kopie_staat = ModelState()
    kopie_staat.__dict__.update(staat.__dict__)
    kopie_staat.fields_cache = staat.fields_cache.copy()
    kopie = instantie.__class__.__new__(instantie.__class__)
    kopie.__dict__.update(instantie.__dict__)
    kopie._state = kopie_staat
    return kopie


def procedure_van(versie, regeling=None):
    return regeling_voor(versie, regeling).procedure


def regel_uit(regeling):
    """The decision rule of a set of settings, for `beslisregels`."""
    return beslisregels.Regel(
        procedure=regeling.procedure,
        beslisregel=regeling.beslisregel,
        drempel_leden=regeling.drempel_leden,
        drempel_bevolking=regeling.drempel_bevolking,
        amendement=regeling.amendement,
    )


def regel_van(versie, regeling=None):
    """The decision rule of `versie` (stored once frozen) for `beslisregels.evaluate`."""
    return regel_uit(regeling_voor(versie, regeling))


def sleutel_van(regel, regeling):
    return regel.sleutel or regeling.sleutel


def tarief_van(regel, regeling):
    return regel.tarief_per_inwoner if regel.tarief_per_inwoner is not None else regeling.bedrag_per_inwoner
