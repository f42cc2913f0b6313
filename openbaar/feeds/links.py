"""The feeds a region or body page names in its <head> (`<link rel="alternate" type="application/atom+xml">`),
registered with `regioportaal.navigatie` so besturen never names openbaar."""

from django.utils.translation import gettext_lazy as _

from regioportaal import navigatie


def register():
    navigatie.register("regio_feed", _("Besluiten (Atom)"), "openbaar:regio_besluiten", 10)
    navigatie.register("regio_feed", _("Agenda's (Atom)"), "openbaar:regio_agendas", 20)
    navigatie.register("orgaan_feed", _("Besluiten (Atom)"), "openbaar:orgaan_besluiten", 10)
    navigatie.register("orgaan_feed", _("Agenda's (Atom)"), "openbaar:orgaan_agendas", 20)
