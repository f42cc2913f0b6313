"""`get_FOO_display` of the portal's own models without translating every choice on every call.

Django's `Model._get_FIELD_display` builds `dict(make_hashable(field.flatchoices))` on each call: hashing each
(value, label) pair translates every lazy label of the field (a version's status has eight), so a page that shows
twenty statuses, keys and outcomes translated a few hundred labels to show twenty (docs/performance.md, run 8).
`install` gives every field with a fixed list of choices of the portal's own apps a `get_FOO_display` that builds
that dict once per field and translates only the label it returns, in the active language, with Django's own
steps otherwise (`make_hashable` of the value, `force_str(..., strings_only=True)`; an unknown value is returned as
it is). A model that defines its own `get_FOO_display`, and a field whose choices are computed (a callable), keep
Django's."""

from functools import partialmethod
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_KEUZES = {}  # field → {value: lazy label}


def weergave(instantie, field):
    """As `Model._get_FIELD_display(instantie, field)`, the field's choices looked up once."""
    keuzes = _KEUZES.get(field)
    if keuzes is None:
        keuzes = _KEUZES[field] = dict(make_hashable(field.flatchoices))
    value = getattr(instantie, field.attname)
    return force_str(keuzes.get(make_hashable(value), value), strings_only=True)


def _van_django(methode):
    return isinstance(methode, partialmethod) and methode.func is Model._get_FIELD_display


def install():
    """Give the models of the project's own apps (the packages at the top of its directory) the cheaper
    `get_FOO_display` (once, at start)."""
    basis = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != basis:
            continue  # Django's and the libraries' apps (in the virtualenv) keep theirs
        for model in config.get_models():
            for field in model._meta.fields:
                naam = f"get_{field.name}_display"
                if not isinstance(field.choices, (list, tuple)) or not _van_django(model.__dict__.get(naam)):
                    continue
                setattr(model, naam, partialmethod(weergave, field=field))
