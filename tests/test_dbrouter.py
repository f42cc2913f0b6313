"""The read-replica router: which reads go to the replica, and a request end to end with both aliases on one database.

The suite runs without a replica (DATABASE_REPLICA_URL unset: DATABASES has `default` only, tests/test_schaal.py);
the end-to-end test adds the `replica` alias for itself, pointing at the test database, as TEST MIRROR does when the
variable is set.
"""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connections, router
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from besturen.models import Regio
from regioportaal import dbrouter
from regioportaal.dbrouter import READ_PRIMARY_COOKIE, ReplicaMiddleware, ReplicaRouter
from tests.factories import PASSWORD, DeelnameFactory, OrgaanFactory, RegioFactory, UserFactory
from vergaderingen.models import Agendapunt, AgendapuntStatus, Document, Vergadering, VergaderingStatus

ROUTER = ReplicaRouter()


def _in_request(method="GET", cookies=None, view=None, paginacache=False):
    """Run `view()` inside ReplicaMiddleware for a request; returns (what the view returned, the response)."""
    request = getattr(RequestFactory(), method.lower())("/")
    request.COOKIES.update(cookies or {})
    seen = {}

    def get_response(request):
        if paginacache:  # as PaginaCacheMiddleware.process_view marks a page it will store
            request._paginacache = ("paginacache:pagina:x", "text/html")
        seen["result"] = view() if view else None
        return HttpResponse("ok")

    response = ReplicaMiddleware(get_response)(request)
    return seen["result"], response


def test_outside_a_request_everything_reads_from_the_primary():
    """Celery tasks and management commands: no request, no replica."""
    assert ROUTER.db_for_read(Regio) == "default"


def test_a_get_reads_from_the_replica_and_writes_to_the_primary():
    db, response = _in_request("GET", view=lambda: ROUTER.db_for_read(Regio))
    assert db == "replica" and READ_PRIMARY_COOKIE not in response.cookies
    assert _in_request("HEAD", view=lambda: ROUTER.db_for_read(Regio))[0] == "replica"
    assert _in_request("GET", view=lambda: ROUTER.db_for_write(Regio))[0] == "default"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_an_unsafe_request_reads_from_the_primary_and_keeps_the_client_there_for_a_while(method, settings):
    settings.REPLICA_STICKY_SECONDS = 7
    db, response = _in_request(method, view=lambda: ROUTER.db_for_read(Regio))
    assert db == "default"
    assert response.cookies[READ_PRIMARY_COOKIE]["max-age"] == 7
    assert response.cookies[READ_PRIMARY_COOKIE]["httponly"]


def test_a_client_that_just_wrote_reads_from_the_primary():
    db, _response = _in_request(
        "GET", cookies={READ_PRIMARY_COOKIE: "1"}, view=lambda: ROUTER.db_for_read(Regio)
    )
    assert db == "default"


def test_after_a_write_the_rest_of_the_request_reads_from_the_primary():
    def view():
        voor = ROUTER.db_for_read(Regio)
        ROUTER.db_for_write(Regio)
        return voor, ROUTER.db_for_read(Regio)

    (voor, na), response = _in_request("GET", view=view)
    assert (voor, na) == ("replica", "default")
    assert READ_PRIMARY_COOKIE in response.cookies  # a GET that changed data: the next pages show it too


def test_the_session_stamp_alone_keeps_the_client_on_the_replica():
    """The activity stamp saved after a logged-in page is bookkeeping: it sets no cookie."""
    _db, response = _in_request("GET", view=lambda: ROUTER.db_for_write(Session))
    assert READ_PRIMARY_COOKIE not in response.cookies


def test_security_state_is_never_read_from_the_replica():
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (Session, AccessAttempt, TOTPDevice):
        assert _in_request("GET", view=lambda m=model: ROUTER.db_for_read(m))[0] == "default"


def test_a_page_rendered_for_the_page_cache_reads_from_the_primary():
    """A cached page outlives replication lag: rendered from a lagging replica it would stay stale."""
    assert _in_request("GET", view=lambda: ROUTER.db_for_read(Regio), paginacache=True)[0] == "default"


def test_results_cached_under_a_generation_are_read_from_the_primary():
    def view():
        with dbrouter.primary_reads():
            binnen = ROUTER.db_for_read(Regio)
        return binnen, ROUTER.db_for_read(Regio)

    assert _in_request("GET", view=view)[0] == ("default", "replica")
    with dbrouter.primary_reads():  # outside a request: nothing to change
        assert ROUTER.db_for_read(Regio) == "default"


def test_pages_that_cache_fragments_read_from_the_primary_while_other_pages_use_the_replica():
    """The grip page and the version page keep fragments under generation numbers: their context and their template
    are read from the primary (PageView.reads_primary), or a fragment from a lagging replica would stay stale."""
    from programmas.views.versie import VersieView
    from raad.grip.views import GripView
    from regioportaal.views import PageView

    def page(cls):
        class Probe(cls):
            template_name = None

            def get_context_data(self, **kwargs):
                return {"db": ROUTER.db_for_read(Regio)}

            def render_to_response(self, context, **response_kwargs):
                response = HttpResponse(context["db"])
                response.render = lambda: response.__setattr__("db", ROUTER.db_for_read(Regio)) or response
                return response

        def view():
            response = Probe.as_view()(RequestFactory().get("/"))
            return response.content.decode(), getattr(response, "db", None)

        return _in_request("GET", view=view)[0]

    assert page(GripView) == ("default", "default")
    assert page(VersieView) == ("default", "default")
    assert page(PageView) == ("replica", None)  # an ordinary page reads from the replica (and renders lazily)


def test_inside_a_transaction_reads_stay_on_the_primary(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert _in_request("GET", view=lambda: ROUTER.db_for_read(Regio))[0] == "default"


def test_migrations_run_on_the_primary_only_and_objects_relate_across_both():
    assert ROUTER.allow_migrate("default", "besturen") is True
    assert ROUTER.allow_migrate("replica", "besturen") is False
    a, b = Regio(naam="A"), Regio(naam="B")
    a._state.db, b._state.db = "replica", "default"
    assert ROUTER.allow_relation(a, b) is True


# --- End to end --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def replica_alias():
    """The `replica` alias on the test database, as TEST MIRROR makes it (module-scoped: it must exist before the
    test's database access is set up, which checks the aliases a test names)."""
    connections.settings["replica"] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    try:
        yield
    finally:
        connections["replica"].close()
        del connections["replica"]
        del connections.settings["replica"]


@pytest.fixture
def replica(replica_alias, settings, monkeypatch):
    """The router and the middleware installed, as settings.py does when DATABASE_REPLICA_URL is set."""
    monkeypatch.setattr(router, "routers", [ReplicaRouter()])
    settings.MIDDLEWARE = ["regioportaal.dbrouter.ReplicaMiddleware", *settings.MIDDLEWARE]
    connection = connections["replica"]
    # the test database's name (the alias may have been made before the test database was)
    connection.settings_dict["NAME"] = connections["default"].settings_dict["NAME"]
    yield connection
    connection.close()


def _tabellen(queries):
    return " ".join(q["sql"] for q in queries)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_pages_read_from_the_replica_until_the_visitor_writes_and_then_see_the_write(
    client, replica, settings
):
    """Committed rows (a transactional test): the replica is a second connection that sees what the primary wrote."""
    primair = connections["default"]
    regio = RegioFactory(naam="Denderregio")
    user = UserFactory()
    url = reverse("besturen:regio", args=[regio.slug])

    # an anonymous page the page cache stores: rendered from the primary, once
    with CaptureQueriesContext(replica) as gelezen, CaptureQueriesContext(primair) as geschreven:
        response = client.get(url)
    assert response.status_code == 200 and "Denderregio" in response.content.decode()
    assert not gelezen.captured_queries and "besturen_regio" in _tabellen(geschreven.captured_queries)

    # without the page cache, the anonymous page comes from the replica alone
    settings.PAGINACACHE = False
    with CaptureQueriesContext(replica) as gelezen, CaptureQueriesContext(primair) as geschreven:
        response = client.get(url)
    assert response.status_code == 200 and "Denderregio" in response.content.decode()
    assert "besturen_regio" in _tabellen(gelezen.captured_queries) and not geschreven.captured_queries

    # a login writes: the visitor's next pages read from the primary
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and READ_PRIMARY_COOKIE in response.cookies
    with CaptureQueriesContext(replica) as gelezen, CaptureQueriesContext(primair) as geschreven:
        response = client.get(url)
    assert response.status_code == 200 and response.context["user"] == user
    assert not gelezen.captured_queries and "besturen_regio" in _tabellen(geschreven.captured_queries)

    client.cookies.pop(READ_PRIMARY_COOKIE)  # its seconds are over
    cache.clear()  # the header's region switcher is read afresh, to be cached under its generation
    with CaptureQueriesContext(replica) as gelezen, CaptureQueriesContext(primair) as geschreven:
        response = client.get(url)
    assert response.status_code == 200 and response.context["user"] == user
    assert "besturen_regio" in _tabellen(gelezen.captured_queries)  # the page
    assert "django_session" not in _tabellen(gelezen.captured_queries)
    primair_sql = _tabellen(geschreven.captured_queries)
    assert "django_session" in primair_sql  # the session: always the primary
    assert "besturen_regio" in primair_sql  # the region switcher, cached under a generation: the primary too


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_written_out_public_lists_read_from_the_replica_as_the_orm_did(client, replica, settings):
    """The start page's cards, a region page's bodies and members, a body page's seats and a meeting page's items
    and documents are written-out queries: without the page cache an anonymous visitor's page reads them from the
    replica only."""
    regio = RegioFactory(naam="Denderregio")
    DeelnameFactory(regio=regio)
    orgaan = OrgaanFactory(regio=regio)
    nu = timezone.now()
    vergadering = Vergadering.objects.create(
        orgaan=orgaan,
        begin=nu,
        einde=nu + datetime.timedelta(hours=2),
        status=VergaderingStatus.AGENDA_GEPUBLICEERD,
        agenda_gepubliceerd_op=nu,
    )
    punt = Agendapunt.objects.create(
        vergadering=vergadering, volgnummer=1, titel="Punt", status=AgendapuntStatus.GEAGENDEERD
    )
    Document.objects.create(agendapunt=punt, naam="nota.pdf", bestand="nota.pdf", grootte=1)
    settings.PAGINACACHE = False
    for url, tabellen in (
        ("/", ["besturen_regio", "besturen_deelname"]),
        (reverse("besturen:regio", args=[regio.slug]), ["besturen_deelname", "besturen_orgaan"]),
        (orgaan.get_absolute_url(), ["besturen_lidmaatschap", "besturen_orgaan"]),
        (vergadering.get_absolute_url(), ["vergaderingen_agendapunt", "vergaderingen_document"]),
    ):
        with (
            CaptureQueriesContext(replica) as gelezen,
            CaptureQueriesContext(connections["default"]) as primair,
        ):
            response = client.get(url)
        assert response.status_code == 200
        assert all(tabel in _tabellen(gelezen.captured_queries) for tabel in tabellen), url
        assert not primair.captured_queries, url


def test_the_sticky_seconds_come_from_the_settings(settings):
    settings.REPLICA_STICKY_SECONDS = 30
    assert dbrouter.sticky_seconds() == 30
