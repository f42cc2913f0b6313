"""The opgaven demo: the Drechtsteden's strategy with a portfolio holder per theme, the Denderregio's opgaven on all
five goals, the Stadsregio Turnhout's two opgaven; loaded twice, the same rows."""

import io

import pytest
from django.core.management import call_command

from opgaven.models import Doelstelling, Opgave, Portefeuillehouder, Strategie, Thema, Waarde
from regioportaal.models import ActionLog
from tests import momentopname


def _rijen():
    return tuple(
        model.objects.count()
        for model in (Strategie, Waarde, Doelstelling, Thema, Opgave, Portefeuillehouder, ActionLog)
    )


@pytest.mark.django_db
def test_the_demo_enters_the_strategies_and_links_the_opgaven_once(snelle_wachtwoorden, media):
    momentopname.demo("load_demo")  # the regions, as a starting point
    call_command("load_opgaven_demo", stdout=io.StringIO())

    drecht = Strategie.objects.get(regio__slug="drechtsteden")
    assert drecht.missie.startswith("Samen stad aan het water.")
    assert list(Waarde.objects.filter(regio__slug="drechtsteden").values_list("naam", flat=True))[:2] == [
        "Autonomie",
        "Meerwaarde",
    ]
    assert Doelstelling.objects.filter(regio__slug="drechtsteden").count() == 4
    themas = Thema.objects.filter(regio__slug="drechtsteden")
    assert [t.naam for t in themas] == ["Sterke regio", "Aantrekkelijke regio", "Bereikbare regio"]
    for thema in themas:
        houder = thema.portefeuillehouders.get()
        assert houder.is_current() and houder.persoon.lidmaatschappen.filter(orgaan__afkorting="DSB").exists()

    dender = Doelstelling.objects.filter(regio__slug="denderregio").order_by("nummer")
    assert [d.nummer for d in dender] == [1, 2, 3, 4, 5]
    assert all(d.opgaven.filter(gepubliceerd=True).exists() for d in dender), (
        "no goal reads 'nog geen opgaven'"
    )
    assert Opgave.objects.filter(regio__slug="stadsregio-turnhout").count() == 2

    rijen = _rijen()
    call_command("load_opgaven_demo", stdout=io.StringIO())
    assert _rijen() == rijen
