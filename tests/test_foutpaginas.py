"""The portal's own error pages: 400, 403 and 404 in the base layout and the user's language with a way back;
500 as a self-contained page that needs neither a request context nor the database."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import path
from django.utils import translation
from django.views.defaults import server_error

import regioportaal.urls
from tests.factories import PASSWORD, RegioFactory, UserFactory

pytestmark = pytest.mark.django_db


def _kapot(request):
    raise RuntimeError("opzettelijk kapot")


def _verboden(request):
    raise PermissionDenied("interne reden die de gebruiker niet hoeft te zien")


urlpatterns = [
    path("test-kapot/", _kapot),
    path("test-verboden/", _verboden),
    *regioportaal.urls.urlpatterns,
]


@pytest.fixture(autouse=True)
def _productie(settings):
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def ingelogd(client):
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)
    return user


def _naar_engels(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_refused_action_gets_the_portals_403_in_the_layout(client, ingelogd, django_assert_max_num_queries):
    regio = RegioFactory()
    with django_assert_max_num_queries(10):
        response = client.get(f"/regio/{regio.slug}/beheer/")
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403.html", "base.html"]
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Geen toegang</h1>" in html
    assert "Inloggen als iemand anders" in html
    assert f"/inloggen/?next=/regio/{regio.slug}/beheer/" in html
    assert 'href="/">Terug naar de startpagina' in html
    assert str(ingelogd) in html


def test_403_for_an_anonymous_visitor_offers_to_log_in(client, settings):
    settings.ROOT_URLCONF = __name__
    response = client.get("/test-verboden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Geen toegang</h1>" in html
    assert "Inloggen als iemand anders" not in html
    assert "/inloggen/?next=/test-verboden/" in html
    assert "interne reden" not in html


def test_403_in_english_after_switching_language(client, ingelogd):
    regio = RegioFactory()
    _naar_engels(client)
    response = client.get(f"/regio/{regio.slug}/logboek/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Access denied</h1>" in html
    assert "Log in as someone else" in html
    assert "Back to the home page" in html


def test_unknown_page_gets_the_portals_404_in_the_layout(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/regio/bestaat-niet/")
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    html = response.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert 'href="/">Terug naar de startpagina' in html
    assert 'class="site-header"' in html


def test_404_in_english_after_switching_language(client, ingelogd):
    _naar_engels(client)
    response = client.get("/geen-pagina-hier/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert "Back to the home page" in html


def test_bad_request_gets_the_portals_400(client, settings, django_assert_max_num_queries):
    settings.ALLOWED_HOSTS = ["testserver"]
    with django_assert_max_num_queries(5):
        response = client.get("/", headers={"host": "niet-toegestaan.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Ongeldig verzoek</h1>" in html
    assert 'href="/">Terug naar de startpagina' in html


def test_500_handler_renders_the_standalone_page_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0), translation.override("nl"):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Er ging iets mis</h1>" in html
    assert 'href="/">Terug naar de startpagina' in html
    assert "portal.css" in html
    with django_assert_num_queries(0), translation.override("en"):
        html = server_error(request).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Something went wrong</h1>" in html


def test_an_unhandled_error_in_a_view_answers_500_with_the_portals_page(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/test-kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Er ging iets mis</h1>" in html
    assert "opzettelijk kapot" not in html
