"""Browser test harness: Debian's Chromium through pytest-playwright, against pytest-django's live_server.

Every test in tests/browser/ is marked `browser` and runs with `transactional_db` (the live server's thread must
see the test's data); a test asks for `live_server` and `page` itself. Helpers, as plain functions and fixtures:

    from tests.browser.conftest import assert_no_axe_violations, login

    def test_something(page, live_server):
        login(page, live_server, "iemand@example.org", "wachtwoord")
        assert_no_axe_violations(page)

or the fixtures `axe` (== assert_no_axe_violations) and `login_as(email, password)`. `assert_no_axe_violations`
checks the page at 1280 px and at 390 px (a phone) and restores the viewport; `assert_no_horizontal_overflow(page)`
fails when the page is wider than 320 px at 320 px (only tables may scroll, inside their `.table-scroll` region).

The Content-Security-Policy is checked on every test that opens a page (the autouse fixture `csp_violations`): the
test fails when the browser reports a CSP violation (console message or `securitypolicyviolation` event), when the
Permissions-Policy header does not parse, or when a page of the live server arrives without a strict policy. A test
that provokes violations on purpose is marked `@pytest.mark.csp_violations_expected` and reads the fixture's
`CspWatcher` itself. Inject scripts with `inject_axe(page)` / `page.evaluate(...)` (the DevTools protocol is not
subject to the page's policy), never with `page.add_script_tag(path=...)`: that adds an inline script, which the
policy refuses.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django would refuse its ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google's hosts, which this closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# How Chromium words a CSP violation or a Permissions-Policy it cannot parse in the console.
CSP_CONSOLE_MARKERS = ("Content Security Policy", "Content-Security-Policy", "Refused to")
PERMISSIONS_POLICY_CONSOLE_MARKER = "Permissions-Policy"
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'")
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_configure(config):
    # pytest-playwright 0.10's own base_url fallback trips a pytest 9 deprecation warning; nothing of ours.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning",
    )
    config.addinivalue_line(
        "markers",
        "csp_violations_expected: the test provokes CSP violations on purpose and checks them itself",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _browser_tests_use_transactional_db(transactional_db):
    """The live server answers from another thread: the test's data must be committed to be seen there."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install -y chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # LocaleMiddleware follows Accept-Language: the browser asks for Dutch, as the portal's users do.
    return {**browser_context_args, "locale": "nl-NL"}


class CspWatcher:
    """What one page's browser reports against the portal's policies, collected while the test runs.

    - `violations`: CSP violations, from the console and from `securitypolicyviolation` events;
    - `problems`: the above, Permissions-Policy parse errors, and documents of `origin` (the live server) that arrive
      without a Content-Security-Policy or with one that allows inline script or style or eval.
    """

    def __init__(self, page, origin=None):
        self.page = page
        self.origin = origin
        self.violations = []
        self.problems = []
        page.on("console", self._on_console)
        page.on("response", self._on_response)
        page.expose_function("__regioportaalCspViolation", self._on_violation_event)
        page.add_init_script(
            """document.addEventListener('securitypolicyviolation', (e) => {
                window.__regioportaalCspViolation(JSON.stringify({
                    directive: e.effectiveDirective, blocked: e.blockedURI, page: e.documentURI,
                    sample: e.sample, line: e.lineNumber,
                }));
            });"""
        )

    def _record(self, text):
        self.violations.append(text)
        self.problems.append(text)

    def _on_console(self, message):
        text = message.text
        if any(marker in text for marker in CSP_CONSOLE_MARKERS):
            self._record(f"console ({message.type}) on {self.page.url}: {text}")
        elif PERMISSIONS_POLICY_CONSOLE_MARKER in text:
            self.problems.append(f"console ({message.type}) on {self.page.url}: {text}")

    def _on_violation_event(self, detail):
        event = json.loads(detail)
        self._record(
            f"securitypolicyviolation on {event['page']}: {event['directive']} refused "
            f"{event['blocked'] or 'inline'} (line {event['line']}) {event['sample'] or ''}".rstrip()
        )

    def _on_response(self, response):
        if self.origin is None or response.request.resource_type != "document":
            return
        if not response.url.startswith(self.origin):
            return
        headers = response.headers
        if not headers.get("content-type", "").startswith("text/html"):
            return
        policy = headers.get("content-security-policy")
        if not policy:
            self.problems.append(f"{response.url} ({response.status}): no Content-Security-Policy header")
            return
        directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.split()}
        for directive in ("script-src", "style-src", "default-src"):
            unsafe = set(directives.get(directive, [])) & set(UNSAFE_SOURCES)
            if unsafe and not (directive == "style-src" and "/admin/" in response.url):
                self.problems.append(f"{response.url}: {directive} allows {', '.join(sorted(unsafe))}")

    def flush(self):
        """Let the browser's pending events reach the watcher (the page may already be gone)."""
        try:
            self.page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
        except Exception:  # a closed or crashed page has nothing left to report
            pass


@pytest.fixture(autouse=True)
def csp_violations(request, _browser_tests_use_transactional_db):
    """Fail every test whose page reports a CSP violation (see CspWatcher); None for a test without a page."""
    if "page" not in request.fixturenames:
        yield None
        return
    page = request.getfixturevalue("page")
    origin = request.getfixturevalue("live_server").url if "live_server" in request.fixturenames else None
    watcher = CspWatcher(page, origin)
    yield watcher
    watcher.flush()
    if watcher.problems and not request.node.get_closest_marker("csp_violations_expected"):
        pytest.fail(
            f"{len(watcher.problems)} Content-Security-Policy problem(s):\n"
            + "\n".join(f"- {problem}" for problem in watcher.problems),
            pytrace=False,
        )


def inject_axe(page):
    """Put axe-core into the page as it is now, past its Content-Security-Policy (no-op when already there)."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --ignore-scripts` (make test does).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())


_AXE_SOURCE = []


def _axe_source():
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    return _AXE_SOURCE[0]


# axe runs at a desktop and a phone width: the layout must hold from 320 px up, and some failures (a table that
# scrolls without being focusable) only show when the page is narrow.
AXE_WIDTHS = (1280, 390)


def _axe_violations(page, options):
    inject_axe(page)
    return page.evaluate(
        """async (options) => {
            const results = await axe.run(document, options);
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
            }));
        }""",
        options,
    )


def assert_no_axe_violations(page, disable_rules=(), widths=AXE_WIDTHS):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now, at each of `widths` (px; 1280 and 390 by
    default), and give the page its viewport back; fail listing every violation with the width it showed at."""
    # resultTypes: axe details only the violations (the verdict is the same, the run much shorter).
    options = {"runOnly": AXE_TAGS, "resultTypes": ["violations"]}
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    viewport = page.viewport_size
    height = viewport["height"] if viewport else 800
    lines = []
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": height})
            violations = _axe_violations(page, options)
            if violations:
                lines.append(f"{len(violations)} axe violation(s) at {width} px on {page.url}:")
            for v in violations:
                lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
                for node in v["nodes"]:
                    lines.append(f"    at {node['target']}: {node['html'][:160]}")
                    if node["summary"]:
                        lines.extend(
                            f"      {line.strip()}" for line in node["summary"].splitlines() if line.strip()
                        )
    finally:
        if viewport:
            page.set_viewport_size(viewport)
    if lines:
        pytest.fail("\n".join(lines), pytrace=False)


def assert_no_horizontal_overflow(page, width=320):
    """At `width` px the page is no wider than the window: nothing to scroll sideways except inside scroll regions
    (tables). Gives the page its viewport back; fails naming the widest elements."""
    viewport = page.viewport_size
    try:
        page.set_viewport_size({"width": width, "height": viewport["height"] if viewport else 800})
        breedte, breedste = page.evaluate(
            """(width) => {
                const wide = [];
                for (const el of document.querySelectorAll('body *')) {
                    // Inside a scroll region only what escapes it counts (an absolutely positioned element does).
                    const inScroll = el.parentElement && el.parentElement.closest('.table-scroll');
                    if (inScroll && getComputedStyle(el).position !== 'absolute') continue;
                    const rect = el.getBoundingClientRect();
                    if (rect.right > width + 0.5) {
                        wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
                                  `${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : ''}` +
                                  ` (${Math.round(rect.right)} px)`);
                    }
                }
                // Text can overflow its own box (a long address or word): measure the text itself too.
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const range = document.createRange();
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const parent = node.parentElement;
                    if (!node.textContent.trim() || !parent) continue;
                    if (parent.closest('.table-scroll') && getComputedStyle(parent).position !== 'absolute') continue;
                    range.selectNodeContents(node);
                    const rect = range.getBoundingClientRect();
                    if (rect.right > width + 0.5) {
                        wide.push(`text "${node.textContent.trim().slice(0, 40)}" in ${parent.tagName.toLowerCase()}` +
                                  ` (${Math.round(rect.right)} px)`);
                    }
                }
                return [document.documentElement.scrollWidth, wide.slice(0, 8)];
            }""",
            width,
        )
    finally:
        if viewport:
            page.set_viewport_size(viewport)
    assert breedte <= width, f"{page.url} is {breedte} px wide at {width} px; too wide: {', '.join(breedste)}"


def login(page, live_server, email, password):
    """Log in through the real login page (/inloggen/); fails if the portal keeps us on the login page."""
    page.goto(live_server.url + "/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if page.url.split("?")[0].rstrip("/").endswith("/inloggen"):
        errors = page.locator(".errorlist").all_inner_texts()
        pytest.fail(
            f"Login as {email} failed: {' '.join(errors) or 'still on the login page'}", pytrace=False
        )
    return page


@pytest.fixture
def axe():
    return assert_no_axe_violations


@pytest.fixture
def login_as(page, live_server):
    def _login_as(email, password):
        return login(page, live_server, email, password)

    return _login_as
