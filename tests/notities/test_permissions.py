"""Who reads a note, both ways: the author; for a shared note the body's current members; nobody else (the platform
administrator included). Checked on the document's page, in the personal list and on the note's own pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from besturen import services as besturen_services
from besturen.models import OrgaanSoort, Rol
from notities.documenten import notities_url
from notities.models import Notitie
from tests import wereld
from tests.factories import maak_gebruiker

from .conftest import agendadocument, schrijf

PRIVE = "Alleen voor mij: navragen bij de ambtenaar."
GEDEELD_DBO = "Voor het DBO: de kosten per gemeente ontbreken."
GEDEELD_RAAD = "Voor de raad van Aalst: agenderen in de commissie."

ROLLEN = [rol for rol in wereld.ROLLEN if rol != "anoniem"]  # a note needs a login
# Who reads which note (the literal expectation): the DBO's private note is Victor's (the chair) own; the DBO note
# is shared with the DBO (secretary, chair, member); the council note is Rudi's, shared with Aalst's council.
LEZERS = {
    PRIVE: {"voorzitter"},
    GEDEELD_DBO: {"secretariaat", "voorzitter", "lid"},
    GEDEELD_RAAD: {"raadssecretaris", "raadslid"},
}


@pytest.fixture
def notities(world, doc):
    return {
        PRIVE: schrijf(doc, world.voorzitter, PRIVE),
        GEDEELD_DBO: schrijf(doc, world.voorzitter, GEDEELD_DBO, gedeeld_met=world.dbo),
        GEDEELD_RAAD: schrijf(doc, world.raadslid, GEDEELD_RAAD, gedeeld_met=world.raad_aalst),
    }


def _login(client, user):
    client.force_login(user)
    return client


def test_each_role_reads_exactly_the_notes_meant_for_it_on_the_document_page_and_in_its_list(
    client, world, doc, notities
):
    for rol in ROLLEN:
        client.force_login(world.users[rol])
        response = client.get(notities_url(doc))
        assert response.status_code == 200, (
            rol
        )  # a published agenda, a public item: everyone opens the document
        pagina = response.content.decode()
        lijst = client.get(reverse("notities:mijn")).content.decode()
        for tekst, lezers in LEZERS.items():
            assert (tekst in pagina) == (rol in lezers), (rol, tekst)
            assert (tekst in lijst) == (rol in lezers), (rol, tekst)


def test_only_the_author_may_edit_or_delete_and_who_cannot_read_gets_404(client, world, doc, notities):
    for rol in ROLLEN:
        client.force_login(world.users[rol])
        for tekst, notitie in notities.items():
            if notitie.auteur == world.users[rol]:
                verwacht = 200
            elif rol in LEZERS[tekst]:
                verwacht = 403
            else:
                verwacht = 404
            for naam in ("notities:bewerken", "notities:verwijderen"):
                assert client.get(reverse(naam, args=[notitie.pk])).status_code == verwacht, (
                    rol,
                    tekst,
                    naam,
                )
            if verwacht != 200:
                assert client.post(reverse("notities:verwijderen", args=[notitie.pk])).status_code == verwacht
    assert Notitie.objects.count() == 3


def test_a_member_who_left_the_body_no_longer_reads_its_shared_notes(client, world, doc, notities):
    client = _login(client, world.lid)
    assert GEDEELD_DBO in client.get(notities_url(doc)).content.decode()

    besturen_services.end_lidmaatschap(world.lid.lidmaatschap, einddatum=timezone.localdate(), door=None)

    assert GEDEELD_DBO not in client.get(notities_url(doc)).content.decode()
    assert GEDEELD_DBO not in client.get(reverse("notities:mijn")).content.decode()
    assert client.get(reverse("notities:bewerken", args=[notities[GEDEELD_DBO].pk])).status_code == 404


def test_a_new_member_of_the_body_reads_its_shared_notes(client, world, doc, notities):
    nieuw = maak_gebruiker(world.dbo, Rol.LID, "Nina", "Nieuw", namens=world.lede)
    html = _login(client, nieuw).get(notities_url(doc)).content.decode()
    assert GEDEELD_DBO in html
    assert PRIVE not in html


def test_a_council_member_of_another_council_does_not_read_the_councils_note(client, world, doc, notities):
    raad_lede = besturen_services.create_orgaan(
        door=None, soort=OrgaanSoort.GEMEENTERAAD, naam="Gemeenteraad Lede", bestuur=world.lede
    )
    raadslid_lede = maak_gebruiker(raad_lede, Rol.LID, "Lotte", "Lede", namens=world.lede)
    html = _login(client, raadslid_lede).get(notities_url(doc)).content.decode()
    assert not any(tekst in html for tekst in LEZERS)


def test_anonymous_visitors_are_sent_to_the_login_on_every_page(client, world, doc, notities):
    notitie = notities[PRIVE]
    for url in (
        reverse("notities:mijn"),
        notities_url(doc),
        reverse("notities:bewerken", args=[notitie.pk]),
        reverse("notities:verwijderen", args=[notitie.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.post(notities_url(doc), {"tekst": "x"}).status_code == 302
    assert client.post(reverse("notities:verwijderen", args=[notitie.pk])).status_code == 302
    assert Notitie.objects.count() == 3


def test_whoever_may_not_open_the_document_gets_404_and_cannot_write_on_it(client, world):
    besloten = agendadocument(world.dbo, publiceren=False)  # a draft agenda: only the DBO's members read it
    assert _login(client, world.raadslid).get(notities_url(besloten)).status_code == 404
    response = client.post(notities_url(besloten), {"tekst": "Toch een notitie"})
    assert response.status_code == 404
    assert not Notitie.objects.exists()
    client.force_login(world.lid)
    assert client.get(notities_url(besloten)).status_code == 200


def test_a_member_may_write_on_a_document_they_open_but_share_only_with_their_own_bodies(client, world, doc):
    client = _login(client, world.raadslid)
    response = client.post(notities_url(doc), {"tekst": "Voor het DBO", "gedeeld_met": world.dbo.pk})
    assert response.status_code == 200
    assert "gedeeld_met" in response.context["form"].errors
    assert not Notitie.objects.exists()

    client.post(notities_url(doc), {"tekst": "Voor de raad", "gedeeld_met": world.raad_aalst.pk})
    assert Notitie.objects.get().gedeeld_met == world.raad_aalst


def test_unknown_kinds_and_documents_are_404(client, world, doc):
    client = _login(client, world.voorzitter)
    assert client.get(reverse("notities:document", args=["stuk", doc.pk])).status_code == 404
    assert client.get(reverse("notities:document", args=["document", doc.pk + 999])).status_code == 404


def test_a_shared_note_on_a_document_a_member_may_not_open_shows_neither_its_text_nor_the_title(
    client, world
):
    """A DBO member who also sits in Aalst's council shares a note on a draft DBO agenda with that council: the
    council member sees in their list that a note exists, but not its text nor the document's name."""
    besloten = agendadocument(world.dbo, publiceren=False, naam="vertrouwelijke-nota.pdf")
    besturen_services.add_lidmaatschap(
        persoon=world.lid.lidmaatschap.persoon,
        orgaan=world.raad_aalst,
        rol=Rol.LID,
        namens=world.aalst,
        begindatum=timezone.localdate(),
        door=None,
    )
    schrijf(besloten, world.lid, "Vertrouwelijk: de grondprijs", gedeeld_met=world.raad_aalst)

    html = _login(client, world.raadslid).get(reverse("notities:mijn")).content.decode()
    assert "Notitie bij een document dat u niet kunt openen" in html
    assert "Vertrouwelijk: de grondprijs" not in html and "vertrouwelijke-nota" not in html

    html = _login(client, world.lid).get(reverse("notities:mijn")).content.decode()
    assert "Vertrouwelijk: de grondprijs" in html and "vertrouwelijke-nota" in html
