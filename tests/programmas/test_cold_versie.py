"""The written-out queries behind the version page and 'my municipality' give what the ORM selectors give."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.utils import timezone, translation
from guardian.shortcuts import assign_perm

from besturen import permissions as besturen_permissions
from besturen.models import Rol
from besturen.selectors import besturen_of_raadslid, current_seats
from opgaven.models import Opgave
from programmas import permissions, selectors, services
from programmas.forms import (
    GsVerzendingForm,
    NieuweRegelForm,
    NieuweVersieForm,
    TerugsturenForm,
    VaststellenForm,
    VoorleggenForm,
    VraagForm,
)
from programmas.models import Programmaregel, Raadsbesluit, VersieStatus, Vraag
from programmas.policies import RAADSBESLUIT
from tests.factories import maak_gebruiker

from .bouw import programma


def _via_orm(user, versie):
    deelnemers = Programmaregel.deelnemers.through.objects.filter(programmaregel__versie=versie).values(
        "bestuur_id"
    )
    return besturen_of_raadslid(user, deelnemers)


def _te_registreren_via_policy(user, versie):
    return list(
        RAADSBESLUIT.objects(
            user, "record", Raadsbesluit.objects.filter(versie=versie).order_by("bestuur__naam")
        ).select_related("bestuur")
    )


def test_mijn_besturen_as_the_selector(wereld):
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    # A member of two councils, one seat ended: only the current seat counts.
    dubbel = maak_gebruiker(
        wereld.raden[wereld.leden[1].pk],
        Rol.LID,
        "Dora",
        "Dubbel",
        namens=wereld.leden[1],
        email="dora@example.org",
    )
    persoon = dubbel.lidmaatschap.persoon
    persoon.lidmaatschappen.create(
        orgaan=wereld.raden[wereld.leden[2].pk],
        rol=Rol.LID,
        namens=wereld.leden[2],
        begindatum=datetime.date(2019, 1, 1),
        einddatum=timezone.localdate(),
    )
    persoon.lidmaatschappen.create(
        orgaan=wereld.raden[wereld.leden[0].pk],
        rol=Rol.LID,
        namens=wereld.leden[0],
        begindatum=datetime.date(2019, 1, 1),
    )
    for user in [*wereld.users.values(), dubbel, AnonymousUser()]:
        verwacht = _via_orm(user, versie)
        assert permissions.mijn_besturen(user, versie) == verwacht
        assert [b.naam for b in permissions.mijn_besturen(user, versie)] == [b.naam for b in verwacht]
    assert permissions.mijn_besturen(dubbel, versie) == sorted(wereld.leden[:2], key=lambda b: b.naam)
    assert permissions.mijn_besturen(wereld.raadslid, versie) == [wereld.leden[0]]


def test_te_registreren_as_the_policy(wereld):
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    # One council secretary also holds the right on a second decision directly (not through a group).
    assign_perm(
        "programmas.record_raadsbesluit",
        wereld.raadssecretaris,
        Raadsbesluit.objects.get(versie=versie, bestuur=wereld.leden[2]),
    )
    for user in [*wereld.users.values(), AnonymousUser()]:
        verwacht = _te_registreren_via_policy(user, versie)
        besluiten = permissions.te_registreren(user, versie)
        assert besluiten == verwacht
        assert [b.bestuur.naam for b in besluiten] == [b.bestuur.naam for b in verwacht]
    assert [b.bestuur for b in permissions.te_registreren(wereld.raadssecretaris, versie)] == [
        wereld.leden[0],
        wereld.leden[2],
    ]
    assert [b.bestuur for b in permissions.te_registreren(wereld.raadssecretaris_b, versie)] == [
        wereld.leden[1]
    ]
    assert permissions.te_registreren(wereld.secretariaat, versie) == []


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_veld_writes_what_field_html_writes(wereld, taal):
    """`{% veld field %}` gives the HTML of `{% include "field.html" %}` for every field of the version page's and
    'my municipality's forms: empty, filled in, refused with errors, hidden."""
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    regels = list(versie.regels.select_related("opgave"))
    for regel in regels:
        regel.titel = regel.opgave.titel + ' <"&>'
    formulieren = [
        VraagForm(regels=regels, besturen=wereld.leden[:1], initial={"bestuur": wereld.leden[0].pk}),
        VraagForm(regels=regels, besturen=wereld.leden[:2]),
        VraagForm({"tekst": "Waarom <zo>?", "regel": "x"}, regels=regels, besturen=wereld.leden[:2]),
        VraagForm(
            {"tekst": "Waarom & hoe?", "bestuur": wereld.leden[0].pk}, regels=regels, besturen=wereld.leden
        ),
        TerugsturenForm(),
        TerugsturenForm({"reden": 'te duur "zo" <b>'}),
        VaststellenForm(),
        VaststellenForm({"besluitdatum": "gisteren"}),
        VoorleggenForm(vroegst=datetime.date(2027, 3, 1)),
        VoorleggenForm(initial={"deadline": datetime.date(2027, 5, 1)}),
        GsVerzendingForm(),
        NieuweVersieForm(),
        NieuweVersieForm({"toelichting": "regel één\nregel twee"}),
        NieuweRegelForm(opgaven=Opgave.objects.filter(regio=wereld.regio)),
        NieuweRegelForm({"bedrag": "1.5x"}, opgaven=Opgave.objects.filter(regio=wereld.regio)),
    ]
    via_include = engines["django"].from_string(
        '{% for field in form %}{% include "field.html" %}{% endfor %}'
    )
    via_veld = engines["django"].from_string(
        "{% load programma %}{% for field in form %}{% veld field %}{% endfor %}"
    )
    with translation.override(taal):
        for form in formulieren:
            form.is_valid()
            verwacht = via_include.render({"form": form})
            assert via_veld.render({"form": form}) == verwacht
            assert "<label" in verwacht or all(veld.is_hidden for veld in form)


def test_can_adopt_as_the_seats(wereld):
    """The adopting body's (vice-)chair adopts, today's seat only; the members of that body do not."""
    versie = programma(wereld, tot=VersieStatus.INGEDIEND)
    vice = maak_gebruiker(wereld.bestuur, Rol.ONDERVOORZITTER, "Vera", "Vice", email="vera@example.org")
    oud = maak_gebruiker(wereld.bestuur, Rol.VOORZITTER, "Otto", "Oud", email="otto@example.org")
    oud.lidmaatschap.einddatum = timezone.localdate()
    oud.lidmaatschap.save()
    later = maak_gebruiker(
        wereld.bestuur,
        Rol.VOORZITTER,
        "Lia",
        "Later",
        email="lia@example.org",
        begindatum=timezone.localdate() + datetime.timedelta(days=1),
    )
    for user in [*wereld.users.values(), vice, oud, later]:
        if user is None:
            continue
        verwacht = (
            besturen_permissions.is_regio_secretariaat(user, wereld.regio)
            or current_seats(
                user=user, orgaan=wereld.bestuur, rollen=[Rol.VOORZITTER, Rol.ONDERVOORZITTER]
            ).exists()
        )
        assert permissions.can_adopt(user, versie, wereld.bestuur) == verwacht
        assert permissions.can_adopt(user, versie, wereld.bestuur.pk) == verwacht
    assert permissions.can_adopt(wereld.voorzitter, versie, wereld.bestuur)
    assert permissions.can_adopt(vice, versie, wereld.bestuur)
    assert not permissions.can_adopt(oud, versie, wereld.bestuur)
    assert not permissions.can_adopt(later, versie, wereld.bestuur)
    assert not permissions.can_adopt(wereld.bestuurslid, versie, wereld.bestuur)


def test_vragen_van_as_the_orm(wereld, django_assert_max_num_queries):
    """The questions with their member, line and opgave in place, as the ORM's select_related leaves them."""
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    regel = versie.regels.select_related("opgave").first()
    eerste = services.ask_question(versie, tekst="Over de regel?", door=wereld.raadslid, regel=regel)
    services.ask_question(versie, tekst="Over het geheel?", door=wereld.raadslid)
    services.answer_question(eerste, antwoord="Zo.", door=wereld.secretariaat)
    verwacht = list(
        Vraag.objects.filter(versie=versie)
        .select_related("bestuur", "regel__opgave")
        .order_by("gesteld_op", "id")
    )
    with django_assert_max_num_queries(1):
        vragen = selectors.vragen_van(versie)
        beschreven = [
            (
                v.pk,
                v.tekst,
                v.antwoord,
                v.gesteld_op,
                v.bestuur.naam,
                v.regel and (v.regel.pk, v.regel.opgave.titel),
            )
            for v in vragen
        ]
    assert vragen == verwacht
    assert beschreven == [
        (
            v.pk,
            v.tekst,
            v.antwoord,
            v.gesteld_op,
            v.bestuur.naam,
            v.regel and (v.regel.pk, v.regel.opgave.titel),
        )
        for v in verwacht
    ]
    assert [v.regel for v in vragen] == [regel, None]
    assert selectors.vragen_van(versie, besturen=[wereld.leden[1]]) == []


def test_the_version_page_offers_a_new_version_only_while_the_programme_has_no_concept(
    wereld, client, django_assert_max_num_queries, settings
):
    """The page answers from the versions it read (no query of its own), as the policy answers from the database."""
    settings.PAGINACACHE = False
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    actie = f'action="/versie/{versie.pk}/actie/nieuwe-versie/"'
    client.force_login(wereld.secretariaat)
    assert actie in client.get(f"/versie/{versie.pk}/").content.decode()
    concept = services.new_versie(versie, door=wereld.secretariaat)
    with django_assert_max_num_queries(20):
        pagina = client.get(f"/versie/{versie.pk}/").content.decode()
    assert actie not in pagina
    assert "Nieuwe versie maken" not in pagina
    assert concept.status == VersieStatus.CONCEPT
