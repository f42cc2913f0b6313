#!/usr/bin/env python3
"""Smoke test of a running Regioportaal with the demo: walk its pages anonymously and as every demo user.

Usage:
    python scripts/smoke_demo.py BASE_URL [--logins-from LOG] [--max-pages 60] [--max-shape 3] [--max-queries 3]
                                          [--timeout 60] [-v]

BASE_URL is the server, e.g. http://127.0.0.1:8000. LOG is the output of `make run` (or of `manage.py demo_logins`):
the script takes the logins and the password from the lines after "Demo-logins (wachtwoord voor allemaal: X):".
Without --logins-from it walks anonymously only. `.ci/run` runs it against `make run` (SQLite, demo loaded).

For the anonymous visitor and then for each demo user in turn (one after the other: SQLite, two cores) it

- logs in through the real login form (GET /inloggen/, the CSRF token from the form and the cookie, POST), and fails
  when the login does not take (no redirect away from the form, or no logout button on the start page afterwards);
- walks from the start page and the work list (/werklijst/) the same-origin `<a href>` links, GET only: no form is
  posted, logout and the language switch are left alone, static files are skipped, downloads (PDF, CSV, JSON,
  iCalendar) are fetched. A redirect is not followed blindly: its target is queued like a link. The pages the start
  pages link to come first; after them the pages whose shape (the path with its numbers as N) the visitors so far
  fetched least often, breadth-first among equals, so that each later user's budget goes to what only they reach.
  Bounds per visitor: --max-pages pages (the login included), --max-shape paths of one shape (/bestuur/N/),
  --max-queries query strings of one path.

Second factor: a user whose login is sent to the code step or to setting up an authenticator app (django-otp; by the
login itself or by the start page after it) is walked without it, and the summary names them. The demo gives no
account a TOTP device and `make run` runs with DEBUG on (so REQUIRE_2FA is off), so today no demo login asks for one.
With REQUIRE_2FA=1 the platform administrator and the secretariats would: there is no device secret to compute a code
from (a key is made at random when its owner sets one up), and setting one up would mean posting forms that change the
account. Their pages then all redirect to the second-factor step: reached, not covered.

Exits 1 on any 5xx response, any connection error or timeout, or any login that does not take, printing user, path
and status (a refused connection ends the run: the server is gone); 0 otherwise (403, 404 and redirects are fine).
Exit 2: bad arguments or no demo logins in the log. Standard library only.
"""

import argparse
import heapq
import http.client
import http.cookiejar
import itertools
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

LOGIN_PATH = "/inloggen/"
START_PATHS = ("/", "/werklijst/")
# Paths the walk never opens: logging out ends the session, the language switch changes it (and is a POST anyway),
# static files are not the application's code.
SKIP_PREFIXES = ("/uitloggen/", "/i18n/", "/static/")
SKIP_CONTAINS = ("logout",)  # the admin's own logout link
# Where a login that must pass the second factor is sent: the code step, or setting up an authenticator app.
SECOND_FACTOR_PREFIXES = ("/inloggen/code/", "/account/tweestapsverificatie/instellen/")
LOGOUT_FORM = re.compile(r"<form[^>]+action=\"/uitloggen/\"")
HEADER = re.compile(r"Demo-logins \(wachtwoord voor allemaal: (?P<password>.+)\):\s*$")
LOGIN_LINE = re.compile(r"^\s+(?P<email>[^\s@]+@\S+)(\s|$)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def read_logins(path):
    """(password, [email, ...]) from the output of `manage.py demo_logins` (also inside the output of `make run`)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = [ANSI.sub("", line.rstrip("\n")) for line in fh]
    for i, line in enumerate(lines):
        match = HEADER.search(line)
        if not match:
            continue
        emails = []
        for follow in lines[i + 1 :]:
            login = LOGIN_LINE.match(follow)
            if not login:
                break
            emails.append(login["email"])
        return match["password"], emails
    return None, []


class _Page(HTMLParser):
    """The links of a page and its forms (action, method, inputs)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "inputs": [],
                }
            )
        elif tag == "input" and self.forms:
            self.forms[-1]["inputs"].append(
                (attrs.get("name"), (attrs.get("type") or "text").lower(), attrs.get("value") or "")
            )


def parse(body):
    page = _Page()
    page.feed(body)
    page.close()
    return page


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand a redirect back as a response (urllib raises it as an HTTPError): the walk queues its target itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Response:
    status: int
    headers: object
    body: bytes


class Failure(Exception):
    """A connection error, a timeout or a broken response: no status to show."""


class Unreachable(Failure):
    """The server refuses connections: it is gone, and the rest of the walk would only repeat that."""


class Visitor:
    """One browser: its own cookies, no redirect following."""

    def __init__(self, base, timeout, verbose=False):
        self.base = base
        self.timeout = timeout
        self.verbose = verbose
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, path, data=None, headers=None):
        url = urllib.parse.urljoin(self.base, path)
        encoded = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(
            url, data=encoded, headers={"User-Agent": "regioportaal-smoke", **(headers or {})}
        )
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                return Response(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as err:
            try:
                body = err.read()
            except (OSError, http.client.HTTPException):
                body = b""
            return Response(err.code, err.headers, body)
        except (OSError, http.client.HTTPException) as err:  # URLError and timeouts are OSErrors
            if isinstance(getattr(err, "reason", err), ConnectionRefusedError):
                raise Unreachable(f"connection refused by {self.base}") from err
            raise Failure(f"{type(err).__name__}: {getattr(err, 'reason', err)}") from err

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)


@dataclass
class Walk:
    who: str
    pages: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)  # (path, status or error)
    notes: list = field(default_factory=list)
    second_factor: bool = False
    unreachable: bool = False
    seconds: float = 0.0


def same_origin_path(base, current_url, href):
    """The path and query of `href` on `current_url` when it is on the server at `base`, else None."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    absolute = urllib.parse.urljoin(current_url, href)
    parts = urllib.parse.urlsplit(absolute)
    origin = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != (
        origin.scheme,
        origin.netloc,
    ):
        return None
    return urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))


def skipped(path):
    bare = path.split("?", 1)[0]
    return bare.startswith(SKIP_PREFIXES) or any(word in bare for word in SKIP_CONTAINS)


def login(visitor, email, password, walk):
    """Log in through the form; True when the session is logged in (the second factor may still be due)."""
    form_page = visitor.request(LOGIN_PATH)
    walk.statuses[form_page.status] += 1
    walk.pages += 1
    if form_page.status != 200:
        walk.failures.append((f"GET {LOGIN_PATH}", form_page.status))
        return False
    forms = [
        f
        for f in parse(form_page.body.decode("utf-8", "replace")).forms
        if f["method"] == "post" and any(kind == "password" for _, kind, _ in f["inputs"])
    ]
    if not forms:
        walk.failures.append((f"GET {LOGIN_PATH}", "no login form with a password field"))
        return False
    form = forms[0]
    data = {}
    for name, kind, value in form["inputs"]:
        if not name or kind in ("submit", "button", "checkbox", "radio"):
            continue
        if kind == "password":
            data[name] = password
        elif kind in ("email", "text"):
            data[name] = email
        else:
            data[name] = value  # csrfmiddlewaretoken, next
    if "csrfmiddlewaretoken" not in data or not visitor.cookie("csrftoken"):
        walk.failures.append((f"GET {LOGIN_PATH}", "no CSRF token in the form or no csrftoken cookie"))
        return False
    action = same_origin_path(visitor.base, urllib.parse.urljoin(visitor.base, LOGIN_PATH), form["action"])
    action = action or LOGIN_PATH
    referer = urllib.parse.urljoin(visitor.base, LOGIN_PATH)
    posted = visitor.request(action, data=data, headers={"Referer": referer})
    walk.statuses[posted.status] += 1
    walk.pages += 1
    target = _location_path(visitor, posted)
    if posted.status >= 500:
        walk.failures.append((f"POST {action}", posted.status))
        return False
    if posted.status not in (301, 302, 303) or not target:
        walk.failures.append((f"POST {action}", f"{posted.status}: login refused (no redirect)"))
        return False
    start = None
    if not target.startswith(SECOND_FACTOR_PREFIXES):
        start = visitor.request("/")
        walk.statuses[start.status] += 1
        walk.pages += 1
        if start.status >= 500:
            walk.failures.append(("GET /", start.status))
            return False
        target = _location_path(visitor, start) if start.status in (301, 302, 303) else ""
    if target.startswith(SECOND_FACTOR_PREFIXES):  # sent there by the login, or by the start page
        walk.second_factor = True
        walk.notes.append(f"the login asks for a second factor ({target}); walked without it")
        return True
    if not LOGOUT_FORM.search(start.body.decode("utf-8", "replace")):
        walk.failures.append(("GET /", f"{start.status}: not logged in after the login (no logout button)"))
        return False
    return True


def _location_path(visitor, resp):
    """The path a redirect points to ('' when there is none)."""
    location = resp.headers.get("Location", "") if resp.headers else ""
    return urllib.parse.urlsplit(urllib.parse.urljoin(visitor.base, location)).path if location else ""


def shape(path):
    """The page a path is an instance of: its numbers replaced (/bestuur/199/ and /bestuur/209/ are one shape)."""
    bare, _, query = path.partition("?")
    return re.sub(r"\d+", "N", bare) + ("?" if query else "")


def crawl(visitor, walk, limits, run_shapes):
    """Breadth-first from the start paths, the pages nearest to them first and then new ground first.

    Every page the start pages link to comes first, in order: they are where each visitor's own pages hang from (their
    region, body, meetings, work). After them the page whose shape the visitors of this run have fetched least often
    goes first (`run_shapes` counts), breadth-first among equals, so that the page budget of the later visitors goes
    to the pages only they reach (a secretariat's management pages) rather than again to the public pages all visitors
    share. Within one visitor at most limits.max_shape paths of one shape and limits.max_queries query strings of one
    path.
    """
    order = itertools.count()
    queue = []
    for start in START_PATHS:
        heapq.heappush(queue, (-1, next(order), start, 0))
    seen = set(START_PATHS)
    per_shape = Counter(shape(p) for p in START_PATHS)
    queries = Counter()
    while queue and walk.pages < limits.max_pages:
        rank, seq, path, depth = heapq.heappop(queue)
        if depth > 1 and run_shapes[shape(path)] > rank:  # fetched by another visitor since it was queued
            heapq.heappush(queue, (run_shapes[shape(path)], seq, path, depth))
            continue
        run_shapes[shape(path)] += 1
        try:
            resp = visitor.request(path)
        except Unreachable:
            raise
        except Failure as err:
            walk.pages += 1
            walk.failures.append((f"GET {path}", str(err)))
            continue
        walk.pages += 1
        walk.statuses[resp.status] += 1
        if visitor.verbose:
            print(f"  {resp.status} {path}", flush=True)
        if resp.status >= 500:
            walk.failures.append((f"GET {path}", resp.status))
            continue
        url = urllib.parse.urljoin(visitor.base, path)
        if resp.status in (301, 302, 303, 307, 308):
            hrefs, next_depth = [resp.headers.get("Location", "")], depth  # the same page, elsewhere
        elif resp.status == 200 and "text/html" in (resp.headers.get("Content-Type") or ""):
            hrefs, next_depth = parse(resp.body.decode("utf-8", "replace")).links, depth + 1
        else:
            continue
        for href in hrefs:
            target = same_origin_path(visitor.base, url, href)
            if target is None or target in seen or skipped(target):
                continue
            seen.add(target)
            if "?" in target:
                bare = target.split("?", 1)[0]
                queries[bare] += 1
                if queries[bare] > limits.max_queries:
                    continue
            kind = shape(target)
            per_shape[kind] += 1
            if per_shape[kind] > limits.max_shape:
                continue
            rank = -1 if next_depth <= 1 else run_shapes[kind]
            heapq.heappush(queue, (rank, next(order), target, next_depth))


def walk_one(base, email, password, args, run_shapes):
    walk = Walk(email or "(anonymous)")
    if args.verbose:
        print(f"== {walk.who}", flush=True)
    started = time.monotonic()
    visitor = Visitor(base, args.timeout, args.verbose)
    try:
        if email is None or login(visitor, email, password, walk):
            crawl(visitor, walk, args, run_shapes)
    except Unreachable as err:
        walk.failures.append(("(server)", str(err)))
        walk.unreachable = True
    except Failure as err:  # during the login
        walk.failures.append(("login", str(err)))
    walk.seconds = time.monotonic() - started
    return walk


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("base_url", help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--logins-from", metavar="LOG", help="output of `make run` with the demo logins")
    parser.add_argument("--max-pages", type=int, default=60, help="pages per visitor (default 60)")
    parser.add_argument(
        "--max-queries", type=int, default=3, help="query-string variants per path (default 3)"
    )
    parser.add_argument("--max-shape", type=int, default=3, help="paths of one shape per visitor (default 3)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request (default 60)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every page with its status")
    args = parser.parse_args(argv)
    base = args.base_url.rstrip("/") + "/"
    if urllib.parse.urlsplit(base).scheme not in ("http", "https"):
        parser.error("BASE_URL must start with http:// or https://")

    visitors = [(None, None)]
    if args.logins_from:
        password, emails = read_logins(args.logins_from)
        if not emails:
            print(
                f"no demo logins in {args.logins_from} (expected 'Demo-logins (wachtwoord ...):')",
                file=sys.stderr,
            )
            return 2
        visitors += [(email, password) for email in emails]

    started = time.monotonic()
    walks = []
    run_shapes = Counter()  # shape -> how many visitors fetched a page of it
    for email, password in visitors:
        walk = walk_one(base, email, password, args, run_shapes)
        walks.append(walk)
        counts = " ".join(f"{status}:{n}" for status, n in sorted(walk.statuses.items()))
        print(f"{walk.who:<58} {walk.pages:>3} pages {walk.seconds:5.1f}s  {counts}", flush=True)
        for note in walk.notes:
            print(f"  note: {note}", flush=True)
        for where, what in walk.failures:
            print(f"  FAIL {walk.who} {where} -> {what}", flush=True)
        if walk.unreachable:
            print("  the server is gone: the remaining visitors are not walked", flush=True)
            break

    total = Counter()
    for walk in walks:
        total.update(walk.statuses)
    failures = [(walk.who, where, what) for walk in walks for where, what in walk.failures]
    second = [walk.who for walk in walks if walk.second_factor]
    print()
    print(
        f"smoke: {len(walks)} of {len(visitors)} visitors walked (anonymous and {len(visitors) - 1} demo users), "
        f"{sum(w.pages for w in walks)} pages in {time.monotonic() - started:.1f}s; statuses "
        + (", ".join(f"{status}: {n}" for status, n in sorted(total.items())) or "none")
    )
    if second:
        print(f"smoke: behind the second factor, walked without it ({len(second)}): {', '.join(second)}")
    if failures:
        print(f"smoke: FAILED, {len(failures)} problem(s):")
        for who, where, what in failures:
            print(f"  {who} {where} -> {what}")
        return 1
    print("smoke: ok (no 5xx, no connection error, every login took)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
