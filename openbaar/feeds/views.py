"""The sitemap (index and sections) and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .sitemaps import sitemaps


@require_GET
def sitemap_index(request):
    return sitemap_views.index(request, sitemaps(), sitemap_url_name="openbaar:sitemap_sectie")


@require_GET
def sitemap_sectie(request, section):
    return sitemap_views.sitemap(request, sitemaps(), section=section)


@require_GET
def robots_txt(request):
    """What crawlers may index: the public pages, not the admin, accounts, management screens or personal links."""
    sitemap = request.build_absolute_uri(reverse("openbaar:sitemap"))
    return TemplateResponse(
        request, "openbaar/feeds/robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8"
    )
