"""PDF rendering with WeasyPrint, offline: only files under the static directory and data: URLs are read.

Import this module where a PDF is made, not at the top of a module that is always loaded: WeasyPrint loads its
stylesheets on import.
"""

import logging
from pathlib import Path
from urllib.request import url2pathname

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# WeasyPrint logs every rendering step at INFO; the portal's root logger is at INFO. Keep its warnings only.
logging.getLogger("weasyprint").setLevel(logging.WARNING)


def static_dir():
    return Path(settings.BASE_DIR, "static").resolve()


class LocalFetcher(URLFetcher):
    """Read files under the static directory and data: URLs; refuse everything else (the network above all)."""

    def __init__(self):
        super().__init__(allowed_protocols=["file", "data"], allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:"))).resolve()
            if not path.is_relative_to(static_dir()):
                raise ValueError(f"Buiten de statische map: {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"Geen lokaal bestand: {url}")
        return super().fetch(url, headers)


def render_pdf(html):
    """Render the HTML document `html` to PDF bytes; relative URLs point into the static directory."""
    return HTML(string=html, base_url=static_dir().as_uri() + "/", url_fetcher=LocalFetcher()).write_pdf()
