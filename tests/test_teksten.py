"""A page's fixed texts translated once per language (regioportaal.teksten): the same text gettext gives, in the
active language, and afresh when a test changes where the translations are found."""

from django.utils import translation

from regioportaal.teksten import teksten


def test_each_language_gets_its_own_translation_as_gettext_gives_it():
    with translation.override("en"):
        engels = teksten().gettext("Statusbord")
        assert engels == translation.gettext("Statusbord")
    with translation.override("nl"):
        assert teksten().gettext("Statusbord") == "Statusbord"
    with translation.override("en"):
        assert teksten().gettext("Statusbord") == engels != "Statusbord"


def test_a_changed_language_setting_forgets_the_kept_texts(settings):
    with translation.override("en"):
        teksten().gettext("Statusbord")
        assert "Statusbord" in teksten()
        settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
        assert "Statusbord" not in teksten()
