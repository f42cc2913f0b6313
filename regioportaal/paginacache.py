"""The page cache: rendered public pages (and feeds and sitemaps) for anonymous visitors, invalidated exactly.

What is cached: GET and HEAD of the views in `PAGINAS` (a URL-name allow-list: the public pages, feeds and sitemaps;
never the admin, the login, forms, the API or streamed exports), for a visitor who is not logged in and has no
pending messages, when the view answers 200 with the content type of its family, sets no cookie, chose no caching
of its own and varies on nothing the key does not carry.

The key: path with the full query string, the active language, the htmx headers (a partial is not the page), the
portal's date (pages say "upcoming" and "current"), and generation numbers (`regioportaal.generaties`): a page of
one region (a `slug` in its URL) keys on the global generation and its region's; every other page on the
generation that every write replaces. No TTL decides freshness: a write replaces the generations on commit, so the
next request misses and renders afresh (the entries expire after a day only to free memory).

The CSRF token: every page carries one (the htmx headers, the language switch). A page is stored with a
placeholder where this request's masked tokens were, and every serve (hit or miss) puts in a fresh
`get_token(request)`, so no visitor sees another's token and the CSRF cookie is set as usual. The portal uses no
CSP nonces (the policy allows no inline script or style), so nothing else in a page is per visitor.

Conditional requests: a cached page carries a strong ETag (the key, its generations and the visitor's CSRF secret,
so a page a browser kept holds a token that still works) and `Cache-Control: no-cache` (the browser asks every
time); `If-None-Match` with that ETag is answered 304 without rendering.

Requests that prefer RDF never reach the cache: `LinkedDataMiddleware` (earlier in MIDDLEWARE) answers them, and
this middleware lets every RDF-preferring request through uncached. `settings.PAGINACACHE` (env `PAGINACACHE`,
on by default) turns the cache off."""

import hashlib
import logging
import re

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone, translation
from django.utils.functional import empty
from django.utils.http import parse_etags

from . import generaties

logger = logging.getLogger(__name__)

HTML = "text/html"
RDF = ("text/turtle", "application/ld+json")  # what openbaar.ld.middleware.LinkedDataMiddleware answers
ATOM = "application/atom+xml"
XML = "application/xml"

# view name → (content type the page is stored with, whether its `slug` kwarg names its region)
PAGINAS = {
    "besturen:home": (HTML, False),
    "besturen:regio": (HTML, True),
    "besturen:orgaan": (HTML, False),
    "besturen:bestuur": (HTML, False),
    "vergaderingen:vergadering": (HTML, False),
    "vergaderingen:kalender": (HTML, False),
    "vergaderingen:regio_agenda": (HTML, True),
    "opgaven:opgaven": (HTML, True),
    "opgaven:opgave": (HTML, False),
    "opgaven:strategie": (HTML, True),
    "opgaven:onderdeel": (HTML, False),
    "programmas:overzicht": (HTML, True),
    "programmas:jaarprogramma": (HTML, False),
    "programmas:versie": (HTML, False),
    "raad:gemeente": (HTML, False),
    "raad:grip": (HTML, False),
    "openbaar:zoeken": (HTML, False),
    "openbaar:regio_besluiten": (ATOM, True),
    "openbaar:regio_agendas": (ATOM, True),
    "openbaar:orgaan_besluiten": (ATOM, False),
    "openbaar:orgaan_agendas": (ATOM, False),
    "openbaar:sitemap": (XML, False),
    "openbaar:sitemap_sectie": (XML, False),
}

HTMX_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_TRIGGER_NAME",
)
# A view's Vary may name only what the key carries (or what is the same for every anonymous visitor).
VARY_TOEGESTAAN = {"accept", "accept-language", "accept-encoding", "cookie", "hx-request"}
PLACEHOLDER = b"\x00csrf-token\x00"
TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
BEWAARTIJD = 24 * 60 * 60  # seconds; the date in the key rolls every page over daily anyway
PREFIX = "paginacache:pagina:"


def enabled():
    return getattr(settings, "PAGINACACHE", True)


def _anonymous(request):
    """No logged-in user: neither a loaded user nor a session that names one (reads the session, no query for a
    visitor without a session cookie)."""
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "_wrapped", None) is not empty and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    return session is None or SESSION_KEY not in session


def _prefers_rdf(request):
    """The client prefers RDF over HTML (as LinkedDataMiddleware decides; browsers, `*/*` and no Accept: HTML)."""
    if "HTTP_ACCEPT" not in request.META:
        return False
    return request.get_preferred_type([HTML, *RDF]) in RDF


def _pending_messages(request):
    if not hasattr(request, "_messages"):
        return False
    return len(get_messages(request)) > 0


class PaginaCacheMiddleware:
    """Serves and stores the pages of `PAGINAS` (see the module docstring). Last in MIDDLEWARE, so every other
    middleware (sessions, CSRF cookie, language, security headers) does its work on a cached page as on any other."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._paginacache = None
        response = self.get_response(request)
        plan = request._paginacache
        if plan is None or getattr(response, "_paginacache_hit", False):
            return response
        return self._store(request, response, plan)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not enabled() or request.method not in ("GET", "HEAD"):
            return None
        match = request.resolver_match
        if match is None or match.view_name not in PAGINAS:
            return None
        if not _anonymous(request) or _pending_messages(request):
            return None
        if _prefers_rdf(request):
            return None  # an RDF request: LinkedDataMiddleware's (or the page's) business, never cached
        content_type, regional = PAGINAS[match.view_name]
        try:
            gens = generaties.voor_pagina(view_kwargs.get("slug") if regional else None)
            key = self._key(request, match.view_name, gens)
            stored = cache.get(key)
        except Exception:  # the cache is down: the page is rendered as if it did not exist
            logger.warning("page cache unavailable", exc_info=True)
            return None
        request._paginacache = (key, content_type)
        if stored is None:
            return None
        return self._serve(request, key, stored)

    @staticmethod
    def _key(request, view_name, gens):
        delen = [
            view_name,
            request.get_full_path(),
            translation.get_language() or "",
            *(request.META.get(header, "") for header in HTMX_HEADERS),
            timezone.localdate().isoformat(),
            *gens,
        ]
        return PREFIX + hashlib.sha256("\x1f".join(delen).encode()).hexdigest()

    @staticmethod
    def _etag(request, key, body):
        """A fresh token for the page (None for a page without one: a feed, a sitemap) and the page's ETag. A page
        with a token names the visitor's CSRF secret in its ETag: a copy a browser kept is valid only while its
        token is (get_token first, so a visitor without a CSRF cookie gets its secret now)."""
        if PLACEHOLDER not in body:
            return None, '"' + hashlib.sha256(key.encode()).hexdigest()[:40] + '"'
        token = get_token(request)
        secret = request.META.get("CSRF_COOKIE", "")
        return token, '"' + hashlib.sha256(f"{key}:{secret}".encode()).hexdigest()[:40] + '"'

    @staticmethod
    def _not_modified(request, etag):
        header = request.META.get("HTTP_IF_NONE_MATCH")
        if not header:
            return False
        etags = parse_etags(header)
        return "*" in etags or etag in etags

    def _serve(self, request, key, stored):
        status, headers, body = stored
        token, etag = self._etag(request, key, body)
        if self._not_modified(request, etag):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(
                body if token is None else body.replace(PLACEHOLDER, token.encode()), status=status
            )
        for name, value in headers:
            if not (response.status_code == 304 and name.lower() == "content-type"):
                response[name] = value
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        response._paginacache_hit = True
        return response

    def _store(self, request, response, plan):
        key, content_type = plan
        if not self._cacheable(request, response, content_type):
            return response
        secret = request.META.get("CSRF_COOKIE")
        body = response.content
        if secret:
            body = TOKEN.sub(lambda m: PLACEHOLDER if _is_token_of(m.group(0), secret) else m.group(0), body)
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in ("content-length",)
        ]
        try:
            cache.set(key, (response.status_code, headers, body), BEWAARTIJD)
        except Exception:
            logger.warning("page not stored in the page cache", exc_info=True)
            return response
        _token, etag = self._etag(request, key, body)
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        if self._not_modified(request, etag):
            not_modified = HttpResponseNotModified()
            for name, value in headers:
                if name.lower() != "content-type":
                    not_modified[name] = value
            not_modified["ETag"] = etag
            not_modified["Cache-Control"] = "no-cache"
            return not_modified
        return response

    @staticmethod
    def _cacheable(request, response, content_type):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.get("Content-Type", "").split(";")[0].strip() != content_type:
            return False
        if "ETag" in response or "no-store" in response.get("Cache-Control", ""):
            return False  # the view chose its own validator, or said never to keep it
        # A view's own freshness (the feeds' `private, max-age=900`) gives way to `no-cache`: revalidated, never stale.
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if not vary <= VARY_TOEGESTAAN:
            return False
        if not _anonymous(request) or _pending_messages(request):
            return False  # the view logged someone in or left a message
        return True


def _is_token_of(candidate, secret):
    try:
        return _unmask_cipher_token(candidate.decode()) == secret
    except Exception:
        return False
