"""The agenda as PDF with WeasyPrint, offline: only files under the static directory and data: URLs are read."""

import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# WeasyPrint logs every rendering step at INFO; the portal's root logger is at INFO. Keep its warnings only.
logging.getLogger("weasyprint").setLevel(logging.WARNING)


def static_dir():
    return Path(settings.BASE_DIR, "static").resolve()


class LocalFetcher(URLFetcher):
    """Fetch stylesheets and images from the static directory only; everything else (the network) is refused."""

    def __init__(self):
        super().__init__(allowed_protocols=["file", "data"], allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            from urllib.request import url2pathname

            path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
            if not path.is_relative_to(static_dir()):
                raise ValueError(f"Buiten de statische map: {url}")
        return super().fetch(url, headers)


def render_pdf(template, context):
    """Render `template` with `context` to PDF bytes."""
    html = render_to_string(template, context)
    base_url = static_dir().as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=LocalFetcher()).write_pdf()
