"""Questions of council members on a version, and the secretariat's answers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regioportaal import outbox
from regioportaal.permissions import require

from .. import permissions
from ..models import (
    Vraag,
)
from ..policies import VRAAG
from ._gedeeld import _log


@transaction.atomic
def ask_question(versie, *, tekst, door, regel=None, bestuur=None):
    """A council member of a participating member asks a question on a version; the secretariat is told."""
    VRAAG.require(door, "ask", versie)
    besturen = permissions.mijn_besturen(door, versie)
    if bestuur is None:
        bestuur = besturen[0]
    require(bestuur in besturen, _("U zit niet in de raad van %(bestuur)s.") % {"bestuur": bestuur})
    if regel is not None and regel.versie_id != versie.pk:
        raise ValidationError({"regel": _("Deze regel hoort bij een andere versie.")})
    if not tekst.strip():
        raise ValidationError({"tekst": _("Stel een vraag.")})
    vraag = Vraag.objects.create(versie=versie, regel=regel, bestuur=bestuur, tekst=tekst, gesteld_door=door)
    _log(door, "vraag gesteld", vraag, versie.jaarprogramma.regio, {"bestuur": str(bestuur)})
    outbox.enqueue("programmas.tasks.notify", "vraag", versie.pk, vraag.pk)
    return vraag


@transaction.atomic
def answer_question(vraag, *, antwoord, door):
    """The secretariat answers; the answer is shared with every member council of the region."""
    vraag = Vraag.objects.select_for_update().select_related("versie__jaarprogramma__regio").get(pk=vraag.pk)
    VRAAG.require(door, "answer", vraag)
    if not antwoord.strip():
        raise ValidationError({"antwoord": _("Geef een antwoord.")})
    vraag.antwoord = antwoord
    vraag.beantwoord_door = door if door and door.is_authenticated else None
    vraag.beantwoord_op = timezone.now()
    vraag.save()
    _log(door, "vraag beantwoord", vraag, vraag.versie.jaarprogramma.regio)
    outbox.enqueue("programmas.tasks.notify", "beantwoord", vraag.versie_id, vraag.pk)
    return vraag
