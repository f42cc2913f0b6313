"""Every write on notes: the guard first, one transaction, an action-log entry without the note's text."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regioportaal.audit import log_action
from regioportaal.permissions import NotAllowed

from . import permissions
from .documenten import soort_van
from .gebeurtenissen import NotitiesGebeurtenis as G
from .models import Notitie
from .policies import NOTITIE


def _check_groep(door, gedeeld_met, *, huidig=None):
    """A note is shared only with a body its author sits in today (or stays shared with the body it already was)."""
    if gedeeld_met is None or (huidig is not None and gedeeld_met.pk == huidig):
        return
    if not permissions.groepen_van(door).filter(pk=gedeeld_met.pk).exists():
        raise ValidationError({"gedeeld_met": _("U kunt alleen delen met een orgaan waarvan u nu lid bent.")})


def _wijzigingen(notitie):
    return {"pagina": notitie.pagina, "gedeeld_met": str(notitie.gedeeld_met or "")}


def create_notitie(doc, *, tekst, door, pagina=None, gedeeld_met=None):
    """Write a note on `doc` (an agenda document, a decision document or a review packet), private or shared."""
    soort = soort_van(doc)
    if soort is None:
        raise ValueError(f"Geen document voor een notitie: {doc!r}")
    if not permissions.can_annotate(door, doc):
        raise NotAllowed(_("U mag dit document niet zien."))
    _check_groep(door, gedeeld_met)
    with transaction.atomic():
        notitie = Notitie.objects.create(
            auteur=door, tekst=tekst, pagina=pagina, gedeeld_met=gedeeld_met, **{soort.slug: doc}
        )
        log_action(door, G.NOTITIE_GESCHREVEN, notitie, _wijzigingen(notitie))
    return notitie


def update_notitie(notitie, *, tekst, door, pagina=None, gedeeld_met=None):
    """The author changes the text, the page or with whom the note is shared."""
    NOTITIE.require(door, "edit", notitie)
    with transaction.atomic():
        notitie = (
            Notitie.objects.select_for_update(of=("self",)).select_related("gedeeld_met").get(pk=notitie.pk)
        )
        _check_groep(door, gedeeld_met, huidig=notitie.gedeeld_met_id)
        voor = _wijzigingen(notitie)
        notitie.tekst, notitie.pagina, notitie.gedeeld_met = tekst, pagina, gedeeld_met
        notitie.save(update_fields=["tekst", "pagina", "gedeeld_met", "gewijzigd_op"])
        na = _wijzigingen(notitie)
        log_action(door, G.NOTITIE_GEWIJZIGD, notitie, {k: [voor[k], na[k]] for k in na if voor[k] != na[k]})
    return notitie


def delete_notitie(notitie, *, door):
    """The author deletes the note."""
    NOTITIE.require(door, "delete", notitie)
    with transaction.atomic():
        notitie = Notitie.objects.select_for_update().get(pk=notitie.pk)
        log_action(door, G.NOTITIE_VERWIJDERD, notitie, _wijzigingen(notitie))
        notitie.delete()
