"""Helpers every topic of vergaderingen.services uses: the audit scope, create-with-log, the meeting lock, documents."""

from django.core.files.storage import default_storage
from django.db import transaction

from besturen.services import regio_scope
from regioportaal.audit import log_action, snapshot
from regioportaal.uploads import atomic_with_files, store_file

from ..documenten import check_document
from ..models import (
    Document,
    Vergadering,
)


def _scope(orgaan):
    return regio_scope(orgaan.regio) if orgaan.regio_id else ""


def _create(model, fields, door, values, scope, reden=""):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    log_action(door, "aangemaakt", instance, snapshot(instance, fields), reden, scope)
    return instance


def _lock(vergadering):
    """Lock the meeting row: agenda changes of two secretaries happen one after the other."""
    vergadering.refresh_from_db(from_queryset=Vergadering.objects.select_for_update())
    return vergadering


def _store_document(upload, door, scope, **owner):
    soort = check_document(upload, veld="bestand")
    document = Document(naam=upload.name[-200:], soort=soort, grootte=upload.size, **owner)
    with atomic_with_files():  # a rollback deletes the written file again
        store_file(document.bestand, upload.name, upload)
        document.save()
        log_action(door, "document toegevoegd", document, {"naam": document.naam, "soort": soort}, "", scope)
    return document


def _delete_files(namen):
    """Delete stored files once the deletion of their rows is committed (a rollback keeps them)."""
    namen = [naam for naam in namen if naam]
    if namen:
        transaction.on_commit(lambda: [default_storage.delete(naam) for naam in namen])
