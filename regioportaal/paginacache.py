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

Logged-in users: the same pages and the logged-in pages of `INGELOGD` (the work list, the status board, Mijn
gemeente, the agenda builder) are cached per session, never shared: the key also carries the session's key and
a hash of its data (the user, their verified second factor, their choices; not the activity stamp), the hour (the
work list drops a meeting once it has begun) and the generations `ALLES` and `PRIVE` (every write, and the writes
of rows only logged-in pages show: notifications, unsubscriptions, sent messages, authenticator apps), so a right
granted or taken away, a group joined or a password changed shows on the next request. A page is kept 15 minutes
at most, compressed. A hit still runs every middleware above (the session's idle timeout and second-factor gate)
and loads the user (one query) to check the session still names them; it gets a fresh CSRF token and no ETag
(`private, no-store` as before). A page whose view changed the session, logged out or left a message is not
stored; an anonymous page is never served to a logged-in user, nor the other way round.

Requests that prefer RDF never reach the cache: `LinkedDataMiddleware` (earlier in MIDDLEWARE) answers them, and
this middleware lets every RDF-preferring request through uncached. `settings.PAGINACACHE` (env `PAGINACACHE`,
on by default) turns the cache off."""

import hashlib
import json
import logging
import zlib

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone, translation
from django.utils.functional import empty
from django.utils.http import parse_etags

from . import generaties, security

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

# Pages only a logged-in user sees, cached per session like the pages above (see "Logged-in users" above).
INGELOGD = {
    "werklijst": HTML,
    "programmas:statusbord": HTML,
    "programmas:mijn_gemeente": HTML,
    "vergaderingen:agenda_beheer": HTML,
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
# A masked CSRF token: a run of exactly 64 letters and digits (as the pattern `(?<![A-Za-z0-9])[A-Za-z0-9]{64}
# (?![A-Za-z0-9])` finds them). `_token_starts` finds the runs in a copy of the page where every letter and digit is
# "a" and every other byte a space (`bytes.translate` and `bytes.find` run in C: a tenth of the pattern's time).
TOKEN_LENGTH = 64
_TEKENS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_RUNS = bytes(ord("a") if byte in _TEKENS else ord(" ") for byte in range(256))
_RUN = b"a" * TOKEN_LENGTH
BEWAARTIJD = 24 * 60 * 60  # seconds; the date in the key rolls every page over daily anyway
# A logged-in page is one session's: kept a quarter of an hour, compressed (the 35 kB grip page takes 6 kB of Redis).
BEWAARTIJD_INGELOGD = 15 * 60
PREFIX = "paginacache:pagina:"
PREFIX_INGELOGD = "paginacache:sessie:"


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
        if match is None or (match.view_name not in PAGINAS and match.view_name not in INGELOGD):
            return None
        if _pending_messages(request) or _prefers_rdf(request):
            return None  # an RDF request: LinkedDataMiddleware's (or the page's) business, never cached
        if not _anonymous(request):
            return self._lookup_ingelogd(request, match.view_name)
        if match.view_name not in PAGINAS:
            return None
        content_type, regional = PAGINAS[match.view_name]
        try:
            gens = generaties.voor_pagina(view_kwargs.get("slug") if regional else None)
            key = self._key(request, match.view_name, gens)
            stored = cache.get(key)
        except Exception:  # the cache is down: the page is rendered as if it did not exist
            logger.warning("page cache unavailable", exc_info=True)
            return None
        request._paginacache = (key, content_type, None)
        if stored is None:
            return None
        return self._serve(request, key, stored)

    def _lookup_ingelogd(self, request, view_name):
        """A logged-in user's page, from the cache of this session (see "Logged-in users" above)."""
        sessie = _sessie_staat(request)
        if sessie is None:
            return None
        content_type = PAGINAS[view_name][0] if view_name in PAGINAS else INGELOGD[view_name]
        try:
            key = self._key(request, view_name, generaties.voor_ingelogde_pagina(), sessie)
            stored = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return None
        # Whether the session had changes not yet saved at this point: if it has none now and none at the end, the
        # view changed nothing in it (every change to a session marks it modified) and `_store_ingelogd` need not
        # work out its state again.
        request._paginacache = (key, content_type, sessie)
        request._paginacache_sessie_gewijzigd = request.session.modified
        if stored is None:
            return None
        status, headers, body = stored
        body = zlib.decompress(body)
        response = HttpResponse(body.replace(PLACEHOLDER, get_token(request).encode()), status=status)
        for name, value in headers:
            response[name] = value
        response._paginacache_hit = True
        return response

    @staticmethod
    def _key(request, view_name, gens, sessie=None):
        """The page's key; a logged-in user's (`sessie`, from `_sessie_staat`) also carries the session and the
        hour."""
        nu = timezone.localtime()
        delen = [
            view_name,
            request.get_full_path(),
            translation.get_language() or "",
            *(request.META.get(header, "") for header in HTMX_HEADERS),
            nu.date().isoformat(),
            *gens,
        ]
        if sessie is None:
            return PREFIX + hashlib.sha256("\x1f".join(delen).encode()).hexdigest()
        delen += [str(nu.hour), sessie]
        return PREFIX_INGELOGD + hashlib.sha256("\x1f".join(delen).encode()).hexdigest()

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
        key, content_type, sessie = plan
        if sessie is not None:
            return self._store_ingelogd(request, response, key, content_type, sessie)
        if not self._cacheable(request, response, content_type):
            return response
        body = _met_placeholder(request, response.content)
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

    def _store_ingelogd(self, request, response, key, content_type, sessie):
        """Stores a logged-in user's page for this session, with no ETag: `NoStoreForLoggedInMiddleware` keeps it
        out of every browser and proxy cache as before."""
        if not self._cacheable(request, response, content_type, ingelogd=True):
            return response
        ongewijzigd = not request._paginacache_sessie_gewijzigd and not request.session.modified
        if not ongewijzigd and _sessie_staat(request) != sessie:
            return response  # the view changed the session (or logged out): the page is not the key's
        body = _met_placeholder(request, response.content)
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        try:
            cache.set(key, (response.status_code, headers, zlib.compress(body, 1)), BEWAARTIJD_INGELOGD)
        except Exception:
            logger.warning("page not stored in the page cache", exc_info=True)
        return response

    @staticmethod
    def _cacheable(request, response, content_type, ingelogd=False):
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
        if _anonymous(request) == ingelogd or _pending_messages(request):
            return False  # the view logged someone in or out, or left a message
        return True


def _met_placeholder(request, body):
    """The page with a placeholder where this request's masked CSRF tokens were."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return body
    delen = []
    vorige = 0
    for begin in _token_starts(body):
        if _is_token_of(body[begin : begin + TOKEN_LENGTH], secret):
            delen += [body[vorige:begin], PLACEHOLDER]
            vorige = begin + TOKEN_LENGTH
    if not delen:
        return body
    delen.append(body[vorige:])
    return b"".join(delen)


def _token_starts(body):
    """Where each run of exactly TOKEN_LENGTH letters and digits begins in `body`, in order."""
    runs = body.translate(_RUNS)
    begin = runs.find(_RUN)
    while begin != -1:  # the search starts at a run's end (or the page's start): `begin` starts a run
        einde = runs.find(b" ", begin)
        if einde == -1:
            einde = len(runs)
        if einde - begin == TOKEN_LENGTH:
            yield begin
        begin = runs.find(_RUN, einde)


def _sessie_staat(request):
    """What a logged-in user's page may depend on besides the database: the session's key and its data (the user,
    their second factor, their choices), without the activity stamp `SessionSecurityMiddleware` refreshes every
    minute. None when the session names no user, or names one that is no longer logged in (a changed password,
    a deactivated account: the user is loaded and checked, one query)."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if session is None or user is None or session.session_key is None or SESSION_KEY not in session:
        return None
    if not user.is_authenticated or str(user.pk) != str(session[SESSION_KEY]):
        return None
    data = {k: v for k, v in session.items() if k != security.ACTIVE}
    staat = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return session.session_key + ":" + hashlib.sha256(staat.encode()).hexdigest()


def _is_token_of(candidate, secret):
    try:
        return _unmask_cipher_token(candidate.decode()) == secret
    except Exception:
        return False
