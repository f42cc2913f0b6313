"""`get_FOO_display` of the portal's own models looks its field's choices up once (regioportaal.keuzes) and gives
what Django's gives, in every language, for every choice and for a value outside them."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from regioportaal import keuzes


def _velden():
    for model in apps.get_models():
        for field in model._meta.fields:
            methode = model.__dict__.get(f"get_{field.name}_display")
            if isinstance(methode, partialmethod) and methode.func is keuzes.weergave:
                yield model, field


def test_the_portals_fields_with_choices_have_it_and_djangos_apps_keep_theirs():
    velden = {(model._meta.label, field.name) for model, field in _velden()}
    assert ("programmas.Versie", "status") in velden and ("besturen.Lidmaatschap", "rol") in velden
    assert not any(
        label.split(".")[0] in {"auth", "admin", "contenttypes", "sessions"} for label, _ in velden
    )


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_every_choice_and_an_unknown_value_read_as_django_reads_them(taal):
    gezien = 0
    with translation.override(taal):
        for model, field in _velden():
            for value in [*(value for value, _label in field.flatchoices), "geen-keuze", None]:
                instantie = model()
                setattr(instantie, field.attname, value)
                ons = getattr(instantie, f"get_{field.name}_display")()
                django = Model._get_FIELD_display(instantie, field)
                assert (ons, type(ons)) == (django, type(django)), (model, field.name, value)
                gezien += 1
    assert gezien > 100


def test_the_label_follows_the_active_language():
    from programmas.models import Versie, VersieStatus

    versie = Versie(status=VersieStatus.CONCEPT)
    with translation.override("nl"):
        nl = versie.get_status_display()
    with translation.override("en"):
        en = versie.get_status_display()
    assert nl == "concept" and en != nl
