"""Links a higher app adds to a lower app's pages and to the main menu, without the lower app importing it.

An app registers its links in its AppConfig.ready(); the pages render whatever is registered:
- "regio" links take the region's slug, "orgaan" links the body's pk;
- "bestuur" links take a government's official code (`gemeente`), "bestuur_regio" links that code and a region's
  slug (`gemeente`, `regio`): a page about the government, or about the government in one of its regions;
- "regio_feed" and "orgaan_feed" links are a region's or body's Atom feeds, named in the page's <head>;
- "menu" links take no argument and show only to logged-in users when `login` is set.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Link:
    soort: str
    label: str
    url_name: str
    volgorde: int = 50
    login: bool = False


_links = []


def register(soort, label, url_name, volgorde=50, login=False):
    link = Link(soort, label, url_name, volgorde, login)
    if link not in _links:
        _links.append(link)


def generatie():
    """Changes whenever a link is registered (links are only added): what keeps a rendered menu (`kop`) current."""
    return len(_links)


def register_regio_link(label, url_name, volgorde=50):
    register("regio", label, url_name, volgorde)


def _sorted(soort):
    return sorted((link for link in _links if link.soort == soort), key=lambda link: link.volgorde)


def regio_links(regio, soort="regio"):
    """[(label, url)] for a region page, in order (`soort="regio_feed"`: its feeds)."""
    return [(link.label, reverse(link.url_name, kwargs={"slug": regio.slug})) for link in _sorted(soort)]


def orgaan_links(orgaan, soort="orgaan"):
    """[(label, url)] for a body page, in order (`soort="orgaan_feed"`: its feeds)."""
    return [(link.label, reverse(link.url_name, kwargs={"pk": orgaan.pk})) for link in _sorted(soort)]


def bestuur_links(bestuur, regio=None):
    """[(label, url)] for a government's page, or with `regio` for a page about the government in that region."""
    if regio is None:
        return [
            (link.label, reverse(link.url_name, kwargs={"gemeente": bestuur.code}))
            for link in _sorted("bestuur")
        ]
    kwargs = {"gemeente": bestuur.code, "regio": regio.slug}
    return [(link.label, reverse(link.url_name, kwargs=kwargs)) for link in _sorted("bestuur_regio")]


def menu_links(user):
    """[(label, url, url_name)] for the main menu."""
    return menu_links_voor(bool(user and user.is_authenticated))


def menu_links_voor(ingelogd):
    """[(label, url, url_name)] for the main menu of a logged-in user (`ingelogd`) or the public."""
    return [
        (link.label, reverse(link.url_name), link.url_name)
        for link in _sorted("menu")
        if ingelogd or not link.login
    ]
