"""The action log's part of a person's data: the entries by or about them, and their pseudonymisation.

An entry is about a person when it names their person or account as its object, or their name or e-mail address in
its object, changes or reason (a seat "Lieve Lid (lid, DBO)", an invitation {"email": ...}). Pseudonymising replaces
that name and address by the pseudonym wherever they stand; the entry itself (who did what when) stays.
"""

import re

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from ..models import ActionLog


def _patterns(betrokkene):
    terms = [*betrokkene.emails, *betrokkene.namen]
    return [re.compile(r"(?<![\w.@-])" + re.escape(term) + r"(?![\w@-])", re.IGNORECASE) for term in terms]


def _about_q(betrokkene):
    q = Q(pk__in=[])
    for content_type_id, object_id in betrokkene.objecten:
        q |= Q(content_type_id=content_type_id, object_id=object_id)
    for term in [*betrokkene.emails, *betrokkene.namen]:
        q |= Q(object_repr__icontains=term) | Q(reden__icontains=term) | Q(wijzigingen_tekst__icontains=term)
    return q


def _mentions(entry, patterns):
    text = " ".join([entry.object_repr, entry.reden, repr(entry.wijzigingen)])
    return any(pattern.search(text) for pattern in patterns)


def entries_about(betrokkene):
    """The entries about the person (their object, or their name or address in the text), newest first."""
    patterns = _patterns(betrokkene)
    objects = betrokkene.objecten
    candidates = ActionLog.objects.annotate(wijzigingen_tekst=Cast("wijzigingen", TextField())).filter(
        _about_q(betrokkene)
    )
    return [
        entry
        for entry in candidates.select_related("content_type")
        if (entry.content_type_id, entry.object_id) in objects or _mentions(entry, patterns)
    ]


def entries_by(betrokkene):
    """The entries the person's account wrote."""
    if betrokkene.user is None:
        return ActionLog.objects.none()
    return ActionLog.objects.filter(actor=betrokkene.user).select_related("content_type")


def _replace(value, patterns, pseudoniem):
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(pseudoniem, value)
        return value
    if isinstance(value, list):
        return [_replace(item, patterns, pseudoniem) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, patterns, pseudoniem) for key, item in value.items()}
    return value


def pseudonymise(betrokkene):
    """Replace the person's name and e-mail address in every entry about them; returns how many entries changed."""
    patterns = _patterns(betrokkene)
    pseudoniem = betrokkene.pseudoniem
    objects = betrokkene.objecten
    changed = 0
    for entry in entries_about(betrokkene):
        values = {
            "object_repr": _replace(entry.object_repr, patterns, pseudoniem)[:255],
            "reden": _replace(entry.reden, patterns, pseudoniem),
            "wijzigingen": _replace(entry.wijzigingen, patterns, pseudoniem),
        }
        if (entry.content_type_id, entry.object_id) in objects:
            values["object_repr"] = pseudoniem
        if any(getattr(entry, field) != value for field, value in values.items()):
            ActionLog.objects.filter(pk=entry.pk).update(**values)
            changed += 1
    return changed
