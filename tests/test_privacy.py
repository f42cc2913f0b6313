"""Privacy rights (issue 12, item 7): a person's export and erasure across every app, retention, the statements."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from besturen.models import Lidmaatschap, Persoon, Reactie, Stuk
from opgaven.models import Verplichting, Voortgang, VoortgangStatus
from programmas.models import Jaarprogramma, Versie, Vraag
from regioportaal import privacy
from regioportaal.meldingen import notify
from regioportaal.models import ActionLog, Melding, OutboxJob
from regioportaal.permissions import NotAllowed
from regioportaal.privacy.retention import purge_expired
from tests.factories import PASSWORD, MandaatFactory, OpgaveFactory
from vergaderingen.models import (
    Aanwezigheid,
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Bijeenkomst,
    Blok,
    Inschrijving,
    KalenderToken,
    Sessiekeuze,
    Stem,
    Stemming,
    Vergadering,
    VergaderingStatus,
    Werksessie,
)

LIEVE = "lieve.lid@example.org"
VICTOR = "victor.voorzitter@example.org"


def _sporen(w, user, tag, jaar):
    """Something of `user` in every app, each text marked with `tag` (to find it, or prove it absent)."""
    lid = user.lidmaatschap
    notify([user], f"Melding {tag}", f"Tekst {tag}")
    stuk = Stuk.objects.create(orgaan=w.dbo, titel=f"Stuk {tag}", auteur=user)
    Reactie.objects.create(stuk=stuk, auteur=user, tekst=f"Reactie {tag}")
    opgave = OpgaveFactory(regio=w.dender, titel=f"Opgave {tag}")
    mandaat = MandaatFactory(opgave=opgave, verleend_door=w.dbo, houder=lid)
    Verplichting.objects.create(
        mandaat=mandaat, bedrag=Decimal("10"), omschrijving=f"Verplichting {tag}", vastgelegd_door=user
    )
    Voortgang.objects.create(
        opgave=opgave,
        periode_eind=datetime.date(2025, 6, 30),
        status=VoortgangStatus.OP_KOERS,
        besteed=Decimal("1"),
        toelichting="-",
        auteur=user,
    )
    programma = Jaarprogramma.objects.create(regio=w.dender, jaar=jaar, titel=f"Programma {tag}")
    versie = Versie.objects.create(jaarprogramma=programma, nummer=1)
    Vraag.objects.create(versie=versie, bestuur=lid.namens, tekst=f"Vraag {tag}", gesteld_door=user)
    bijeenkomst = Bijeenkomst.objects.create(
        regio=w.dender,
        naam=f"Planningsdag {tag}",
        datum=timezone.localdate() + datetime.timedelta(days=30),
        locatie="Aalst",
        inschrijven_tot=timezone.localdate() + datetime.timedelta(days=20),
    )
    blok = Blok.objects.create(
        bijeenkomst=bijeenkomst, soort="werksessies", titel="Ochtend", begin=datetime.time(9)
    )
    sessie = Werksessie.objects.create(blok=blok, thema=f"Sessie {tag}", capaciteit=5)
    inschrijving = Inschrijving.objects.create(bijeenkomst=bijeenkomst, user=user, bestuur=lid.namens)
    Sessiekeuze.objects.create(inschrijving=inschrijving, blok=blok, werksessie=sessie, status="bevestigd")
    KalenderToken.objects.create(user=user, token_hash=f"hash-{tag}")
    begin = timezone.now() - datetime.timedelta(days=7)
    vergadering = Vergadering.objects.create(
        orgaan=w.dbo,
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        status=VergaderingStatus.NOTULEN_GOEDGEKEURD,
    )
    Agendapunt.objects.create(
        vergadering=vergadering,
        titel=f"Voorstel {tag}",
        status=AgendapuntStatus.VOORGESTELD,
        voorgesteld_door=user,
    )
    punt = Agendapunt.objects.create(vergadering=vergadering, volgnummer=1, titel=f"Besluitpunt {tag}")
    besluit = Besluit.objects.create(agendapunt=punt, tekst=f"Besloten {tag}", uitkomst="aangenomen")
    stemming = Stemming.objects.create(besluit=besluit, voor=1)
    Stem.objects.create(stemming=stemming, lidmaatschap=lid, keuze="voor")
    Aanwezigheid.objects.create(vergadering=vergadering, lidmaatschap=lid, status="aanwezig")
    return besluit


@pytest.fixture
def sporen(world):
    world.besluit_lieve = _sporen(world, world.lid, "LIEVE-SPOOR", 2031)
    world.besluit_victor = _sporen(world, world.voorzitter, "VICTOR-SPOOR", 2032)
    return world


def _tekst(data):
    return json.dumps(data, ensure_ascii=False, default=str)


# --- Export -----------------------------------------------------------------------------------------------------


def test_every_app_registers_a_provider():
    assert [p.naam for p in privacy.providers()] == [
        "regioportaal",
        "besturen",
        "opgaven",
        "programmas",
        "vergaderingen",
        "notities",
    ]


def test_export_holds_the_persons_data_from_every_app_and_nothing_of_another(sporen):
    w = sporen
    data = privacy.export(privacy.find(LIEVE), door=w.platformbeheerder)
    delen = data["onderdelen"]
    tekst = _tekst(data)
    assert delen["regioportaal"]["account"]["e-mailadres"] == LIEVE
    assert delen["regioportaal"]["meldingen"][0]["onderwerp"] == "Melding LIEVE-SPOOR"
    assert delen["regioportaal"]["logboek over u"], "the log entries about her (account, seat)"
    assert delen["besturen"]["persoon"]["achternaam"] == "Lid"
    assert [lid["orgaan"] for lid in delen["besturen"]["lidmaatschappen"]] == [
        "Burgemeestersoverleg Denderregio"
    ]
    assert delen["besturen"]["reacties"][0]["tekst"] == "Reactie LIEVE-SPOOR"
    assert delen["opgaven"]["verplichtingen vastgelegd"][0]["omschrijving"] == "Verplichting LIEVE-SPOOR"
    assert len(delen["opgaven"]["voortgangsrapportages"]) == 1
    assert delen["programmas"]["vragen gesteld"][0]["vraag"] == "Vraag LIEVE-SPOOR"
    inschrijving = delen["vergaderingen"]["inschrijvingen voor planningsdagen"][0]
    assert inschrijving["bijeenkomst"] == "Planningsdag LIEVE-SPOOR"
    assert inschrijving["werksessies"] == ["Sessie LIEVE-SPOOR (bevestigd)"]
    assert delen["vergaderingen"]["persoonlijke agendalink"]
    assert "hash-LIEVE-SPOOR" not in tekst  # the calendar secret is not handed out
    assert delen["vergaderingen"]["voorgestelde agendapunten"][0]["titel"] == "Voorstel LIEVE-SPOOR"
    assert delen["vergaderingen"]["stemmen"] == [{"agendapunt": "Besluitpunt LIEVE-SPOOR", "stem": "voor"}]
    assert len(delen["vergaderingen"]["aanwezigheid"]) == 1
    for ander in ("VICTOR-SPOOR", VICTOR, "Victor", "Voorzitter", "sara.secretaris", "beheer@example.org"):
        assert ander not in tekst, ander


def test_export_is_logged_and_a_pdf_and_json_download(sporen, client):
    w = sporen
    client.force_login(w.lid)
    response = client.post(reverse("mijn_gegevens"), {"formaat": "json"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["onderdelen"]["besturen"]["persoon"]["e-mailadres"] == LIEVE
    response = client.post(reverse("mijn_gegevens"), {"formaat": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ActionLog.objects.filter(actie=privacy.ACTIE_EXPORT, actor=w.lid).count() == 2


def test_management_command_exports_json(sporen, capsys):
    call_command("privacy_export", LIEVE.upper())
    data = json.loads(capsys.readouterr().out)
    assert data["onderdelen"]["besturen"]["persoon"]["voornaam"] == "Lieve"


# --- Who may ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["secretariaat", "voorzitter", "raadssecretaris", "buitenstaander"])
def test_only_the_person_and_the_platform_admin_may_export(world, rol):
    lieve = privacy.find(LIEVE)
    assert privacy.may_export(world.lid, lieve)
    assert privacy.may_export(world.platformbeheerder, lieve)
    assert not privacy.may_export(world.users[rol], lieve)
    with pytest.raises(NotAllowed):
        privacy.export(lieve, door=world.users[rol])


@pytest.mark.parametrize("rol", ["secretariaat", "lid", "voorzitter", "buitenstaander"])
def test_only_the_platform_admin_may_erase(world, rol, client):
    lieve = privacy.find(LIEVE)
    with pytest.raises(NotAllowed):
        privacy.erase(lieve, door=world.users[rol])
    client.force_login(world.users[rol])
    assert client.get(reverse("privacy_beheer")).status_code == 403
    response = client.post(
        reverse("privacy_beheer"), {"email": LIEVE, "actie": "wissen", "bevestiging": LIEVE}
    )
    assert response.status_code == 403
    assert get_user_model().objects.filter(email=LIEVE).exists()


def test_anonymous_is_sent_to_the_login(client):
    for name in ("mijn_gegevens", "privacy_beheer"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response["Location"]


# --- Erasure ----------------------------------------------------------------------------------------------------


def _log_text():
    rows = ActionLog.objects.annotate(w=Cast("wijzigingen", TextField())).values_list(
        "object_repr", "reden", "w"
    )
    return "\n".join(" ".join(row) for row in rows)


def test_erasure_keeps_the_public_record_removes_the_rest_and_pseudonymises_the_log(sporen, client):
    w = sporen
    lieve_user, lieve = w.lid, w.lid.lidmaatschap.persoon
    assert LIEVE in _log_text() and "Lieve Lid" in _log_text()
    client.force_login(w.platformbeheerder)
    page = client.get(reverse("privacy_beheer"), {"email": LIEVE})
    assert page.status_code == 200 and "Lieve Lid" in page.content.decode()
    refused = client.post(
        reverse("privacy_beheer"), {"email": LIEVE, "actie": "wissen", "bevestiging": "iets"}
    )
    assert refused.status_code == 422
    assert Persoon.objects.get(pk=lieve.pk).email == LIEVE

    response = client.post(
        reverse("privacy_beheer"), {"email": LIEVE, "actie": "wissen", "bevestiging": LIEVE}
    )
    assert response.status_code == 302

    # The public record: the office holder's name, seat, vote and attendance on the published decision stay.
    lieve.refresh_from_db()
    assert str(lieve) == "Lieve Lid" and lieve.email == "" and lieve.user is None
    assert Lidmaatschap.objects.filter(persoon=lieve).count() == 1
    assert Stem.objects.filter(lidmaatschap__persoon=lieve, stemming__besluit=w.besluit_lieve).exists()
    assert Aanwezigheid.objects.filter(lidmaatschap__persoon=lieve).exists()
    assert Besluit.objects.filter(pk=w.besluit_lieve.pk, tekst="Besloten LIEVE-SPOOR").exists()
    # The rest: the account emptied, her notifications, comments, registrations and calendar link gone,
    # authorship removed.
    lieve_user.refresh_from_db()
    assert not lieve_user.is_active and not lieve_user.has_usable_password()
    assert lieve_user.email.endswith(".invalid") and lieve_user.get_full_name() == ""
    assert not lieve_user.groups.exists()
    assert not Melding.objects.filter(user=lieve_user).exists()
    assert not Reactie.objects.filter(tekst="Reactie LIEVE-SPOOR").exists()
    assert Stuk.objects.get(titel="Stuk LIEVE-SPOOR").auteur is None
    assert not Inschrijving.objects.filter(user=lieve_user).exists()
    assert not KalenderToken.objects.filter(user=lieve_user).exists()
    assert Vraag.objects.get(tekst="Vraag LIEVE-SPOOR").gesteld_door is None
    assert Verplichting.objects.get(omschrijving="Verplichting LIEVE-SPOOR").vastgelegd_door is None
    assert Agendapunt.objects.get(titel="Voorstel LIEVE-SPOOR").voorgesteld_door is None
    # The log: her name and address replaced by the pseudonym; the erasure audited without them.
    log = _log_text()
    assert LIEVE not in log and "Lieve Lid" not in log
    assert f"verwijderde persoon P{lieve.pk}" in log
    audit = ActionLog.objects.get(actie=privacy.ACTIE_ERASE)
    assert audit.actor == w.platformbeheerder and audit.object_repr == f"verwijderde persoon P{lieve.pk}"
    assert "Lieve" not in json.dumps(audit.wijzigingen)
    # Another person is untouched.
    assert Reactie.objects.filter(tekst="Reactie VICTOR-SPOOR").exists()
    assert "Victor Voorzitter" in log and VICTOR in log
    assert Melding.objects.filter(user=w.voorzitter).exists()
    # She can no longer log in.
    assert not client.login(email=LIEVE, password=PASSWORD)


def test_a_person_without_a_seat_is_deleted(world):
    bert = world.buitenstaander
    persoon_pk = bert.persoon.pk
    call_command("privacy_erase", "bert.buiten@example.org", "--noinput")
    assert not Persoon.objects.filter(pk=persoon_pk).exists()
    assert "bert.buiten@example.org" not in _log_text() and "Bert Buiten" not in _log_text()
    audit = ActionLog.objects.get(actie=privacy.ACTIE_ERASE)
    assert audit.actor is None and audit.object_repr == f"verwijderde persoon P{persoon_pk}"


# --- Retention --------------------------------------------------------------------------------------------------


def test_retention_deletes_only_what_is_past_its_period(world, settings):
    settings.RETENTION_DAYS = {"meldingen": 365, "uitnodigingen": 30, "outbox": 90, "beveiliging": 90}
    now = timezone.now()
    oud, nieuw = notify([world.lid], "Oud", "x")[0], notify([world.lid], "Nieuw", "x")[0]
    Melding.objects.filter(pk=oud.pk).update(aangemaakt=now - datetime.timedelta(days=366))
    jobs = {
        "klaar-oud": OutboxJob.objects.create(task="x.y", finished_at=now - datetime.timedelta(days=91)),
        "klaar-nieuw": OutboxJob.objects.create(task="x.y", finished_at=now - datetime.timedelta(days=10)),
        "opgegeven-oud": OutboxJob.objects.create(task="x.y", given_up_at=now - datetime.timedelta(days=91)),
        "open-oud": OutboxJob.objects.create(task="x.y"),
        "uitnodiging-oud": OutboxJob.objects.create(
            task="besturen.tasks.send_uitnodiging", args=[1], finished_at=now - datetime.timedelta(days=31)
        ),
    }
    OutboxJob.objects.filter(pk=jobs["open-oud"].pk).update(created=now - datetime.timedelta(days=400))
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="x@example.org",
        ip_address="10.0.0.1",
        user_agent="t",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/inloggen/",
        failures_since_start=1,
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=now - datetime.timedelta(days=91))

    from regioportaal.privacy.tasks import purge_expired_data

    counts = purge_expired_data.delay().get()
    assert counts["meldingen"] == 1 and counts["uitnodigingen"] == 1 and counts["outbox"] == 2
    assert counts["beveiliging"] == 1
    assert list(Melding.objects.filter(user=world.lid)) == [nieuw]
    left = set(OutboxJob.objects.values_list("pk", flat=True))
    assert jobs["klaar-nieuw"].pk in left and jobs["open-oud"].pk in left
    assert not {jobs["klaar-oud"].pk, jobs["opgegeven-oud"].pk, jobs["uitnodiging-oud"].pk} & left
    assert purge_expired()["meldingen"] == 0


def test_retention_runs_nightly(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "regioportaal.privacy.tasks.purge_expired_data" in tasks


# --- The statements -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["privacyverklaring", "toegankelijkheidsverklaring"])
def test_statements_render_and_are_linked_from_every_footer(db, client, name):
    home = client.get(reverse("besturen:home")).content.decode()
    footer = home[home.index('<footer class="site-footer">') :]
    assert f'href="{reverse(name)}"' in footer
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1 and '<html lang="nl">' in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(reverse(name)).status_code == 200
