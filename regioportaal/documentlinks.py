"""Links a higher app adds next to a lower app's documents, without the lower app importing it.

An app registers, in its AppConfig.ready(), a function `(document) -> (label, url)` (or None: no link for this
document); the document templates render whatever is registered with `{% documentlinks document %}` (template tag
library `documentlinks`). The function must not query the database: a page renders it once per document.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Documentlink:
    naam: str
    link: Any
    volgorde: int = 50
    login: bool = True


_links = {}


def register(naam, link, *, volgorde=50, login=True):
    """Register (or replace) the link `naam`; `login`: shown only to logged-in users."""
    _links[naam] = Documentlink(naam, link, volgorde, login)


def links_voor(document, user=None):
    """[(label, url)] for `document`, in order; links that need a login only for a logged-in user."""
    ingelogd = bool(user is not None and user.is_authenticated)
    resultaat = []
    for entry in sorted(_links.values(), key=lambda entry: (entry.volgorde, entry.naam)):
        if entry.login and not ingelogd:
            continue
        link = entry.link(document)
        if link is not None:
            resultaat.append(link)
    return resultaat
