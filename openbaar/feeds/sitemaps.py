"""The sitemap of public pages: regions, member governments, bodies, published meetings, published opgaven and public
programme versions, one section each, paged by Django (`LIMIT` URLs a page)."""

from django.contrib.sitemaps import GenericSitemap

from . import selectors

LIMIT = 5000


class _Sitemap(GenericSitemap):
    limit = LIMIT


def sitemaps():
    """{section: sitemap}; a section's querysets are read only when its page is asked for."""
    return {
        "regios": _Sitemap({"queryset": selectors.regios()}, changefreq="weekly", priority=0.8),
        "besturen": _Sitemap({"queryset": selectors.besturen()}, changefreq="monthly", priority=0.5),
        "organen": _Sitemap({"queryset": selectors.organen()}, changefreq="weekly", priority=0.7),
        "vergaderingen": _Sitemap(
            {"queryset": selectors.vergaderingen(), "date_field": "bijgewerkt"},
            changefreq="weekly",
            priority=0.6,
        ),
        "opgaven": _Sitemap({"queryset": selectors.opgaven()}, changefreq="weekly", priority=0.6),
        "programmas": _Sitemap(
            {"queryset": selectors.programmaversies()}, changefreq="monthly", priority=0.5
        ),
    }
