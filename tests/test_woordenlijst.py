"""The glossary (docs/woordenlijst.md) lists every model and every choices class of the portal, under its app."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

APPS = ("regioportaal", "besturen", "opgaven", "programmas", "vergaderingen", "notities", "raad", "openbaar")
GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "woordenlijst.md"


def listed_per_app():
    """Map each app label to the class names in backticks in the first cell of the table rows under `## `label``."""
    listed = {}
    section = None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = re.match(r"## `(\w+)`", line)
            section = listed.setdefault(heading.group(1), set()) if heading else None
        elif section is not None and line.startswith("|"):
            section.update(re.findall(r"`([A-Z]\w*)`", line.split("|")[1]))
    return listed


def model_names(label):
    return {model.__name__ for model in apps.get_app_config(label).get_models()}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def choices_names(label):
    """The choices classes (`TextChoices`, `IntegerChoices`) defined in the app's modules."""
    names = set()
    for cls in _subclasses(models.Choices):
        config = apps.get_containing_app_config(cls.__module__)
        if config is not None and config.label == label:
            names.add(cls.__name__)
    return names


@pytest.mark.parametrize("label", APPS)
def test_every_model_has_a_row_under_its_app(label):
    missing = model_names(label) - listed_per_app().get(label, set())
    assert not missing, f"docs/woordenlijst.md, section `{label}`: add a row for {sorted(missing)}"


@pytest.mark.parametrize("label", APPS)
def test_every_choices_class_has_a_row_under_its_app(label):
    missing = choices_names(label) - listed_per_app().get(label, set())
    assert not missing, f"docs/woordenlijst.md, section `{label}`: add a row for {sorted(missing)}"


@pytest.mark.parametrize("label", APPS)
def test_glossary_names_no_class_the_app_does_not_have(label):
    stale = listed_per_app().get(label, set()) - model_names(label) - choices_names(label)
    assert not stale, f"docs/woordenlijst.md, section `{label}`: {sorted(stale)} no longer exist in the app"


def test_glossary_has_a_section_per_app_and_no_other():
    assert set(listed_per_app()) == set(APPS)
