"""Every text a person types has a length limit the form checks before anything is stored (issue 12)."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from regioportaal.limieten import NOTULEN_MAX, TEKST_MAX

ROOT = Path(__file__).resolve().parents[1]
APPS = ["besturen", "opgaven", "programmas", "vergaderingen", "notities", "raad", "openbaar", "regioportaal"]
# Text the portal writes itself, never a person: error messages, mail bodies it composed.
INTERNAL = {
    ("programmas", "Reviewpakket", "fout"),
    ("regioportaal", "Melding", "tekst"),
    ("regioportaal", "Melding", "fout"),
    ("regioportaal", "OutboxJob", "last_error"),
}


def test_every_text_field_of_a_model_has_a_limit():
    missing = [
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and field.max_length is None
        and (model._meta.app_label, model.__name__, field.name) not in INTERNAL
    ]
    assert not missing, missing


def test_the_minutes_may_be_longer_than_other_texts():
    notulen = apps.get_model("vergaderingen", "Vergadering")._meta.get_field("notulen")
    assert notulen.max_length == NOTULEN_MAX > TEKST_MAX


def _char_fields_without_limit(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "CharField"
            and getattr(node.func.value, "id", None) == "forms"
            and not any(keyword.arg == "max_length" for keyword in node.keywords)
        ):
            yield f"{path.relative_to(ROOT)}:{node.lineno}"


def test_every_text_field_of_a_form_has_a_limit():
    sources = [path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]
    assert sources
    missing = [where for path in sources for where in _char_fields_without_limit(path)]
    assert not missing, missing


def test_a_form_bigger_than_a_megabyte_is_refused_before_it_is_parsed():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 1024 * 1024
    assert NOTULEN_MAX * 4 <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # the longest minutes still fit, in UTF-8


def test_an_oversized_post_is_answered_400_and_not_stored(client, world):
    client.force_login(world.secretariaat)
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/", "x": "y" * (2 * 1024 * 1024)})
    assert response.status_code == 400
