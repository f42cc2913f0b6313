"""The personal work list: what needs this person's action, across regions, soonest deadline first.

A higher app registers a provider in its AppConfig.ready() (`register(provider, rechten)`); a provider is a function
`provider(user)` that returns `WerkItem`s for the actions `user` must take, asking the app's own policies, in a
number of queries that does not grow with the data. The start page, the full list (`/werklijst/`) and the header
count (`/werklijst/aantal/`, loaded lazily) render what the providers give; this module imports no app.

A provider asks which objects the user holds a permission on once (`regioportaal.permissions.held_ids`: plain ids),
rather than with a guardian subquery per filter: those subqueries cost milliseconds each to build and compile, per
request. The permissions every provider declared (`rechten`: `("app.codename", Model)` pairs) are one question for
all of them (`rechten(user)`): one query per request, which `held_ids` keeps for the rest of it.
"""

import datetime
from dataclasses import dataclass

from .permissions import held_ids

_providers = []
_rechten = []


@dataclass(frozen=True)
class WerkItem:
    soort: str  # a translated label of the kind of action ("Raadsbesluit vastleggen")
    titel: str
    url: str
    deadline: datetime.date | None
    regio: str  # the region's name


def register(provider, rechten=()):
    """Add `provider(user) -> iterable of WerkItem` to the work list (once, however often the app loads); `rechten`:
    the `("app.codename", Model)` pairs whose held ids it reads from `rechten(user)`."""
    if provider not in _providers:
        _providers.append(provider)
    for recht in rechten:
        if recht not in _rechten:
            _rechten.append(recht)


def rechten(user):
    """`held_ids(user, ...)` of every permission the providers declared: {"app.codename": set of ids}, one query for
    all providers (and kept for the rest of a GET request by `held_ids`), with no superuser shortcut. Only for an
    active account (as `items_for` asks)."""
    return held_ids(user, *_rechten)


def _order(item):
    """Soonest deadline first; items without a deadline last; then by region and title."""
    return (item.deadline is None, item.deadline or datetime.date.max, item.regio, item.titel)


def items_for(user):
    """The work list of `user`, soonest deadline first; empty for the public and inactive accounts."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=_order)


def count_for(user):
    return len(items_for(user))
