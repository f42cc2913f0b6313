"""A page's fixed texts, each translated once per language and process.

`gettext` asks the active language and its catalogue again on every call (some 2 µs a text); a page written in
Python (the version page, the grip page) writes some fifty to sixty fixed texts. `teksten()` is the active language's
`Teksten`: a function writing such a page binds its `gettext` (as `gettext` or `_`), so its calls stay as
makemessages reads them and each text is looked up in the catalogue once per process."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language, gettext

# The settings whose change gives another translation of the same text (a test changing them gets the texts afresh).
TAALINSTELLINGEN = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"})


class Teksten(dict):
    """The fixed texts of one language, each translated on first use: `t.gettext(msgid)` is `gettext(msgid)`."""

    def gettext(self, msgid):
        tekst = self.get(msgid)
        if tekst is None:
            tekst = self[msgid] = gettext(msgid)
        return tekst


_TEKSTEN = {}  # language → its `Teksten`: a function of the code and the translations alone


def teksten():
    """The `Teksten` of the active language."""
    taal = get_language()
    t = _TEKSTEN.get(taal)
    if t is None:
        t = _TEKSTEN[taal] = Teksten()
    return t


@receiver(setting_changed)
def _vergeet_teksten(setting, **kwargs):
    if setting in TAALINSTELLINGEN:
        _TEKSTEN.clear()
