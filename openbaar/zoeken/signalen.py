"""Keeping the search table current: every save or delete of a findable object (or of what decides its row) queues
its rows, and after the commit they are indexed from what the database then holds (`indexeren.index`); a change
that rolls back indexes nothing. Connected in `openbaar.apps.OpenbaarConfig.ready()`.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from besturen.models import Bestuur, Lidmaatschap, Orgaan, Persoon, Regio
from openbaar.models import Zoeksoort
from opgaven.models import Opgave
from programmas.models import Jaarprogramma, Versie
from vergaderingen.models import Agendapunt, Besluit, Vergadering

from . import indexeren


def _keys_vergadering(vergadering):
    punten = list(vergadering.agendapunten.values_list("pk", "besluit__pk"))
    return [
        (Zoeksoort.VERGADERING, vergadering.pk),
        *((Zoeksoort.AGENDAPUNT, punt) for punt, _besluit in punten),
        *((Zoeksoort.BESLUIT, besluit) for _punt, besluit in punten if besluit),
    ]


def _keys_agendapunt(punt):
    besluit = Besluit.objects.filter(agendapunt=punt).values_list("pk", flat=True).first()
    return [(Zoeksoort.AGENDAPUNT, punt.pk), *([(Zoeksoort.BESLUIT, besluit)] if besluit else [])]


# Per model: the rows a save touches, and the rows a delete touches (the object may be gone from the database).
BIJ_OPSLAAN = {
    Regio: lambda obj: [(Zoeksoort.REGIO, obj.pk)],
    Bestuur: lambda obj: [(Zoeksoort.BESTUUR, obj.pk)],
    Orgaan: lambda obj: [(Zoeksoort.ORGAAN, obj.pk)],
    Persoon: lambda obj: [(Zoeksoort.PERSOON, obj.pk)],
    Lidmaatschap: lambda obj: [(Zoeksoort.PERSOON, obj.persoon_id)] if obj.persoon_id else [],
    Vergadering: _keys_vergadering,
    Agendapunt: _keys_agendapunt,
    Besluit: lambda obj: [(Zoeksoort.BESLUIT, obj.pk)],
    Opgave: lambda obj: [(Zoeksoort.OPGAVE, obj.pk)],
    Jaarprogramma: lambda obj: [
        (Zoeksoort.PROGRAMMAVERSIE, pk) for pk in obj.versies.values_list("pk", flat=True)
    ],
    Versie: lambda obj: [(Zoeksoort.PROGRAMMAVERSIE, obj.pk)],
}
BIJ_VERWIJDEREN = {
    **BIJ_OPSLAAN,
    Vergadering: lambda obj: [(Zoeksoort.VERGADERING, obj.pk)],  # its items send their own signals
    Agendapunt: lambda obj: [(Zoeksoort.AGENDAPUNT, obj.pk)],
    Jaarprogramma: lambda obj: [],  # its versions send their own signals
}


def queue(keys):
    """Index `keys` (kind, pk) after the commit; nothing when the change rolls back."""
    if keys:
        transaction.on_commit(partial(flush, tuple(keys)))


def flush(keys):
    for soort, object_id in keys:
        indexeren.index(soort, object_id)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        queue(BIJ_OPSLAAN[sender](instance))


def _deleted(sender, instance, **kwargs):
    queue(BIJ_VERWIJDEREN[sender](instance))


def connect():
    for model in BIJ_OPSLAAN:
        post_save.connect(_saved, sender=model, dispatch_uid=f"openbaar-zoeken-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"openbaar-zoeken-weg-{model.__name__}")
