"""The pages of the information protocol: the public protocol with the secretariat's warnings and buttons, the
secretariat's screens (may / may not), the log per council (its members and secretary, the secretariat), and
query-count bounds that do not grow with the data."""

import datetime

import pytest
from django.urls import reverse

from besturen import services as besturen_services
from raad.models import Frequentie, Informatieafspraak, Informatiesoort, Informatiezending
from raad.protocol import services
from regioportaal.models import ActionLog
from tests.factories import OpgaveFactory, VoortgangFactory, gemeente
from tests.raad.protocol_bouw import afspraak, bouw_protocol, op

pytestmark = pytest.mark.django_db

PROTOCOL = "raad:informatieprotocol"


@pytest.fixture
def p(world):
    return bouw_protocol(world)


def _get(client, user, name, *args):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, args=args))


def _log_url(p, bestuur=None):
    return reverse("raad:informatie", args=[(bestuur or p.w.aalst).code, "denderregio"])


def test_protocol_is_public_without_warnings_or_buttons(client, p):
    with op(datetime.date(2026, 4, 10)):
        response = _get(client, None, PROTOCOL, "denderregio")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Voortgang per opgave" in content and "1e kwartaal 2026" in content and "15 april 2026" in content
    assert "Ontbrekende voortgang" not in content and "Regionaal zwembad" not in content
    assert reverse("raad:afspraak_nieuw", args=["denderregio"]) not in content


def test_region_page_links_to_the_protocol(client, p):
    response = client.get(reverse("besturen:regio", args=["denderregio"]))
    assert reverse(PROTOCOL, args=["denderregio"]) in response.content.decode()


@pytest.mark.parametrize(
    ("datum", "gewaarschuwd"), [(datetime.date(2026, 4, 7), False), (datetime.date(2026, 4, 8), True)]
)
def test_secretariat_sees_missing_progress_from_a_week_before_the_send_date(client, p, datum, gewaarschuwd):
    with op(datum):
        content = _get(client, p.w.secretariaat, PROTOCOL, "denderregio").content.decode()
    assert ("Regionaal zwembad" in content) is gewaarschuwd
    assert "Ontbrekende voortgang" in content if gewaarschuwd else "Ontbrekende voortgang" not in content
    assert "Fietsnetwerk Denderregio" not in content
    assert reverse("raad:afspraak_nieuw", args=["denderregio"]) in content
    assert _log_url(p) in content


def test_warning_stays_while_the_item_is_due_and_goes_once_it_went_out(client, p):
    with op(datetime.date(2026, 4, 16)):
        assert "Regionaal zwembad" in _get(client, p.w.secretariaat, PROTOCOL, "denderregio").content.decode()
        services.send_due()
        content = client.get(reverse(PROTOCOL, args=["denderregio"])).content.decode()
    assert "Regionaal zwembad" not in content and "verzonden aan 2 raden" in content


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("secretariaat", 200),
        ("platformbeheerder", 200),
        ("voorzitter", 403),
        ("raadssecretaris", 403),
        ("raadslid", 403),
        ("secretariaat_drecht", 403),
        ("buitenstaander", 403),
        ("anoniem", 302),
    ],
)
def test_who_may_open_the_agreement_screens(client, p, rol, status):
    user = p.w.users[rol]
    assert _get(client, user, "raad:afspraak_nieuw", "denderregio").status_code == status
    assert (
        client.get(reverse("raad:afspraak_bewerken", args=["denderregio", p.afspraak.pk])).status_code
        == status
    )


def test_secretariat_adds_changes_ends_and_resumes_an_agreement(client, p):
    client.force_login(p.w.secretariaat)
    response = client.post(
        reverse("raad:afspraak_nieuw", args=["denderregio"]),
        {
            "soort": "jaarverslag",
            "frequentie": "jaarlijks",
            "dag": "1",
            "maand": "3",
            "ontvangers": "leden",
            "begindatum": "2026-01-01",
            "orgaan": str(p.w.dbo.pk),
        },
    )
    assert response.status_code == 302
    nieuw = Informatieafspraak.objects.get(soort=Informatiesoort.JAARVERSLAG)
    assert (nieuw.maand, nieuw.dag, nieuw.orgaan) == (3, 1, None)  # the body belongs to another frequency
    assert ActionLog.objects.filter(
        actie="aangemaakt", object_id=str(nieuw.pk), actor=p.w.secretariaat
    ).exists()

    client.post(
        reverse("raad:afspraak_bewerken", args=["denderregio", nieuw.pk]),
        {
            "soort": "jaarverslag",
            "frequentie": "jaarlijks",
            "dag": "15",
            "maand": "3",
            "ontvangers": "allen",
            "begindatum": "2026-01-01",
        },
    )
    nieuw.refresh_from_db()
    assert (nieuw.dag, nieuw.ontvangers) == (15, "allen")
    assert ActionLog.objects.get(actie="gewijzigd", object_id=str(nieuw.pk)).wijzigingen["dag"] == [1, 15]

    client.post(reverse("raad:afspraak_beeindigen", args=["denderregio", nieuw.pk]))
    nieuw.refresh_from_db()
    assert not nieuw.actief
    client.post(reverse("raad:afspraak_hervatten", args=["denderregio", nieuw.pk]))
    nieuw.refresh_from_db()
    assert nieuw.actief
    assert (
        ActionLog.objects.filter(
            actie__in=["informatieafspraak beëindigd", "informatieafspraak hervat"]
        ).count()
        == 2
    )


def test_feedback_on_a_quarter_is_refused_next_to_the_form(client, p):
    client.force_login(p.w.secretariaat)
    response = client.post(
        reverse("raad:afspraak_nieuw", args=["denderregio"]),
        {
            "soort": "terugkoppeling",
            "frequentie": "kwartaal",
            "dag": "1",
            "ontvangers": "allen",
            "begindatum": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "Een terugkoppeling volgt op een vergadering" in response.content.decode()
    assert Informatieafspraak.objects.count() == 1


def test_a_body_of_another_region_is_no_choice(client, p):
    client.force_login(p.w.secretariaat)
    client.post(
        reverse("raad:afspraak_nieuw", args=["denderregio"]),
        {
            "soort": "terugkoppeling",
            "frequentie": "na_vergadering",
            "orgaan": str(p.w.regiobestuur_drecht.pk),
            "ontvangers": "allen",
            "begindatum": "2026-01-01",
        },
    )
    assert not Informatieafspraak.objects.filter(soort=Informatiesoort.TERUGKOPPELING).exists()


@pytest.mark.parametrize("rol", ["raadslid", "voorzitter", "buitenstaander"])
def test_who_may_not_end_an_agreement(client, p, rol):
    client.force_login(p.w.users[rol])
    response = client.post(reverse("raad:afspraak_beeindigen", args=["denderregio", p.afspraak.pk]))
    assert response.status_code == 403
    p.afspraak.refresh_from_db()
    assert p.afspraak.actief


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("raadslid", 200),
        ("raadssecretaris", 200),
        ("secretariaat", 200),
        ("platformbeheerder", 200),
        ("lid", 404),  # a member of the DBO for Lede, not of Aalst's council
        ("secretariaat_drecht", 404),
        ("buitenstaander", 404),
        ("anoniem", 302),
    ],
)
def test_who_may_read_what_a_council_received(client, p, rol, status):
    with op(datetime.date(2026, 4, 20)):
        services.send_due()
    zending = Informatiezending.objects.get(bestuur=p.w.aalst)
    user = p.w.users[rol]
    if user is not None:
        client.force_login(user)
    response = client.get(_log_url(p))
    assert response.status_code == status
    detail = client.get(reverse("raad:informatiezending", args=["41002", "denderregio", zending.pk]))
    assert detail.status_code == status
    if status == 200:
        assert "1e kwartaal 2026" in response.content.decode()
        assert "Tracé gekozen." in detail.content.decode() and "Rudi Raadslid" in detail.content.decode()


def test_log_of_a_government_outside_the_region_or_another_councils_item_is_404(client, p):
    with op(datetime.date(2026, 4, 20)):
        services.send_due()
    client.force_login(p.w.secretariaat)
    assert client.get(_log_url(p, p.w.dordrecht)).status_code == 404
    lede = Informatiezending.objects.get(bestuur=p.w.lede)
    client.force_login(p.w.raadslid)
    assert (
        client.get(reverse("raad:informatiezending", args=["41002", "denderregio", lede.pk])).status_code
        == 404
    )


def _meer_gegevens(p, n):
    """More of everything the pages read: opgaven with and without reports, agreements, councils and items."""
    for i in range(n):
        opgave = OpgaveFactory(regio=p.w.dender, status="lopend")
        if i % 2:
            VoortgangFactory(opgave=opgave, periode_eind=datetime.date(2026, 3, 1 + i))
        afspraak(
            p.w.dender, soort=Informatiesoort.JAARVERSLAG, frequentie=Frequentie.JAARLIJKS, dag=1 + i, maand=4
        )
        besturen_services.add_deelname(
            p.w.dender,
            gemeente(f"Gemeente {i}", f"9{i:04d}"),
            begindatum=datetime.date(2020, 1, 1),
            door=None,
        )
    for dag in range(20, 20 + n):
        with op(datetime.date(2026, 4, dag)):
            services.send_due()


@pytest.mark.parametrize("n", [0, 6])
def test_protocol_page_queries_do_not_grow_with_the_data(client, p, n, django_assert_max_num_queries):
    _meer_gegevens(p, n)
    client.force_login(p.w.secretariaat)
    with op(datetime.date(2026, 4, 10)), django_assert_max_num_queries(16):
        response = client.get(reverse(PROTOCOL, args=["denderregio"]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [0, 6])
def test_council_log_queries_do_not_grow_with_the_data(client, p, n, django_assert_max_num_queries):
    _meer_gegevens(p, n)
    with op(datetime.date(2026, 4, 20)):
        services.send_due()
    client.force_login(p.w.raadslid)
    with django_assert_max_num_queries(12):
        response = client.get(_log_url(p))
    assert response.status_code == 200
    zending = Informatiezending.objects.filter(bestuur=p.w.aalst).first()
    with django_assert_max_num_queries(12):
        assert (
            client.get(
                reverse("raad:informatiezending", args=["41002", "denderregio", zending.pk])
            ).status_code
            == 200
        )


def test_admin_lists_agreements_and_sent_items(client, p):
    with op(datetime.date(2026, 4, 20)):
        services.send_due()
    client.force_login(p.w.platformbeheerder)
    for model in ("informatieafspraak", "informatiezending"):
        assert client.get(reverse(f"admin:raad_{model}_changelist")).status_code == 200
    zending = Informatiezending.objects.first()
    assert client.get(reverse("admin:raad_informatiezending_change", args=[zending.pk])).status_code == 200
