"""Links a higher app adds to a lower app's pages, without the lower app importing it.

An app registers its region links in its AppConfig.ready(); the region page (besturen) renders whatever is registered.
"""
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class RegioLink:
    label: str
    url_name: str
    volgorde: int = 50

    def url(self, regio):
        return reverse(self.url_name, kwargs={"slug": regio.slug})


_regio_links = []


def register_regio_link(label, url_name, volgorde=50):
    link = RegioLink(label, url_name, volgorde)
    if link not in _regio_links:
        _regio_links.append(link)


def regio_links(regio):
    """[(label, url)] for the region page, in order."""
    return [(link.label, link.url(regio)) for link in sorted(_regio_links, key=lambda link: link.volgorde)]
