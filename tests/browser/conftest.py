"""Browser test harness: Debian's Chromium through pytest-playwright, against pytest-django's live_server.

Every test in tests/browser/ is marked `browser` and runs with `transactional_db` (the live server's thread must
see the test's data); a test asks for `live_server` and `page` itself. Helpers, as plain functions and fixtures:

    from tests.browser.conftest import assert_no_axe_violations, login

    def test_something(page, live_server):
        login(page, live_server, "iemand@example.org", "wachtwoord")
        assert_no_axe_violations(page)

or the fixtures `axe` (== assert_no_axe_violations) and `login_as(email, password)`.
"""

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
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_configure(config):
    # pytest-playwright 0.10's own base_url fallback trips a pytest 9 deprecation warning; nothing of ours.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning",
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


def assert_no_axe_violations(page, disable_rules=()):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now; fail listing every violation."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --ignore-scripts` (make test does).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    options = {"runOnly": AXE_TAGS}
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    violations = page.evaluate(
        """async (options) => {
            const results = await axe.run(document, options);
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
            }));
        }""",
        options,
    )
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
            for node in v["nodes"]:
                lines.append(f"    at {node['target']}: {node['html'][:160]}")
                if node["summary"]:
                    lines.extend(
                        f"      {line.strip()}" for line in node["summary"].splitlines() if line.strip()
                    )
        pytest.fail("\n".join(lines), pytrace=False)


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
