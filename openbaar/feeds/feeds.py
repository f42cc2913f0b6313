"""Atom feeds of published decisions and published agendas, per region and per body (Django's syndication framework).

A feed is one kind (decisions or agendas) for one scope (a region's own bodies, or one body): the kind gives the
entries, the scope the object, title and link. Only what an anonymous visitor sees (`selectors`).
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from besturen.models import Orgaan, Regio
from regioportaal.links import absolute_url

from . import selectors


class _Feed(Feed):
    feed_type = Atom1Feed
    url_name = ""

    def feed_guid(self, obj):
        """The feed's own URL on the site (SITE_URL): a body's two feeds share its page link, not their id."""
        return absolute_url(reverse(self.url_name, kwargs=self.url_kwargs(obj)))

    def title(self, obj):
        return self.soort_titel() % {"naam": obj}

    def author_name(self, obj):
        return str(obj)

    def link(self, obj):
        return obj.get_absolute_url()

    def item_author_name(self, item):
        return str(self.orgaan_van(item))

    def item_categories(self, item):
        return [self.orgaan_van(item).naam]

    def get_context_data(self, **kwargs):
        return {"item": kwargs["item"], "obj": kwargs["obj"]}

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "private, max-age=900"  # as the body's iCalendar feed
        return response


class _Besluiten(_Feed):
    description_template = "openbaar/feeds/besluit.html"

    def soort_titel(self):
        return _("Besluiten van %(naam)s")

    def subtitle(self, obj):
        return _("De laatste %(aantal)d openbare besluiten, de nieuwste eerst.") % {
            "aantal": selectors.FEED_MAX
        }

    def orgaan_van(self, besluit):
        return besluit.agendapunt.vergadering.orgaan

    def item_title(self, besluit):
        punt = besluit.agendapunt
        return _("%(punt)s: %(uitkomst)s (%(vergadering)s)") % {
            "punt": punt,
            "uitkomst": besluit.get_uitkomst_display(),
            "vergadering": punt.vergadering,
        }

    def item_link(self, besluit):
        punt = besluit.agendapunt
        return f"{punt.vergadering.get_absolute_url()}#punt-{punt.pk}"

    def item_pubdate(self, besluit):
        return besluit.agendapunt.vergadering.begin

    def item_updateddate(self, besluit):
        return max(besluit.vastgelegd_op, besluit.agendapunt.vergadering.begin)


class _Agendas(_Feed):
    description_template = "openbaar/feeds/agenda.html"

    def soort_titel(self):
        return _("Agenda's van %(naam)s")

    def subtitle(self, obj):
        return _("De laatste %(aantal)d gepubliceerde agenda's, de laatste vergadering eerst.") % {
            "aantal": selectors.FEED_MAX
        }

    def orgaan_van(self, vergadering):
        return vergadering.orgaan

    def item_title(self, vergadering):
        if vergadering.geannuleerd:
            return _("Agenda %(vergadering)s (geannuleerd)") % {"vergadering": vergadering}
        return _("Agenda %(vergadering)s") % {"vergadering": vergadering}

    def item_link(self, vergadering):
        return vergadering.get_absolute_url()

    def item_pubdate(self, vergadering):
        return vergadering.agenda_gepubliceerd_op or vergadering.begin

    def item_updateddate(self, vergadering):
        return vergadering.bijgewerkt


class _Regio:
    """Scope: the region's own bodies."""

    def get_object(self, request, slug):
        return get_object_or_404(Regio, slug=slug)

    def url_kwargs(self, regio):
        return {"slug": regio.slug}


class _Orgaan:
    """Scope: one body."""

    def get_object(self, request, pk):
        return get_object_or_404(Orgaan, pk=pk)

    def url_kwargs(self, orgaan):
        return {"pk": orgaan.pk}


class RegioBesluitenFeed(_Regio, _Besluiten):
    url_name = "openbaar:regio_besluiten"

    def items(self, regio):
        return selectors.openbare_besluiten(regio=regio)


class OrgaanBesluitenFeed(_Orgaan, _Besluiten):
    url_name = "openbaar:orgaan_besluiten"

    def items(self, orgaan):
        return selectors.openbare_besluiten(orgaan=orgaan)


class RegioAgendasFeed(_Regio, _Agendas):
    url_name = "openbaar:regio_agendas"

    def items(self, regio):
        return selectors.openbare_agendas(regio=regio)


class OrgaanAgendasFeed(_Orgaan, _Agendas):
    url_name = "openbaar:orgaan_agendas"

    def items(self, orgaan):
        return selectors.openbare_agendas(orgaan=orgaan)
