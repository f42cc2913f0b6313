"""The action log's event types of programmas: programmes, versions and their lines, councils' decisions, the
P&C steps, questions and review packets."""

from django.utils.translation import gettext_lazy as _

from regioportaal.gebeurtenissen import Gebeurtenis, register


@register
class ProgrammasGebeurtenis(Gebeurtenis):
    """What the secretariat, the councils and the system do to an annual programme and its versions."""

    JAARPROGRAMMA_OPGESTELD = (
        "jaarprogramma opgesteld",
        _("jaarprogramma opgesteld"),
        _("%(actor)s heeft jaarprogramma %(object)s opgesteld"),
    )
    JAARPROGRAMMA_GEWIJZIGD = (
        "jaarprogramma gewijzigd",
        _("jaarprogramma gewijzigd"),
        _("%(actor)s heeft jaarprogramma %(object)s gewijzigd"),
    )
    PROGRAMMAREGELING_GEWIJZIGD = (
        "programmaregeling gewijzigd",
        _("programmaregeling gewijzigd"),
        _("%(actor)s heeft de programmaregeling van %(object)s gewijzigd"),
    )
    REGEL_TOEGEVOEGD = (
        "regel toegevoegd",
        _("regel toegevoegd"),
        _("%(actor)s heeft een regel toegevoegd aan %(object)s"),
    )
    REGEL_GEWIJZIGD = (
        "regel gewijzigd",
        _("regel gewijzigd"),
        _("%(actor)s heeft een regel van %(object)s gewijzigd"),
    )
    REGEL_VERWIJDERD = (
        "regel verwijderd",
        _("regel verwijderd"),
        _("%(actor)s heeft een regel van %(object)s verwijderd"),
    )
    VASTE_BIJDRAGE = (
        "vaste bijdrage",
        _("vaste bijdrage vastgelegd"),
        _("%(actor)s heeft een vaste bijdrage in %(object)s vastgelegd"),
    )
    NIEUWE_VERSIE = "nieuwe versie", _("nieuwe versie"), _("%(actor)s heeft %(object)s opgesteld")
    INGEDIEND = "ingediend", _("ingediend"), _("%(actor)s heeft %(object)s ingediend")
    TERUGGESTUURD = "teruggestuurd", _("teruggestuurd"), _("%(actor)s heeft %(object)s teruggestuurd")
    VOORGELEGD = "voorgelegd", _("voorgelegd"), _("%(actor)s heeft %(object)s aan de raden voorgelegd")
    VASTGESTELD = "vastgesteld", _("vastgesteld"), _("%(actor)s heeft %(object)s vastgesteld")
    VERVANGEN = "vervangen", _("vervangen"), _("%(actor)s heeft %(object)s vervangen door een latere versie")
    CIJFERS_VASTGELEGD = (
        "cijfers vastgelegd",
        _("cijfers vastgelegd"),
        _("%(actor)s heeft de cijfers van %(object)s vastgelegd"),
    )
    STATUS_HERBEREKEND = (
        "status herberekend",
        _("status herberekend"),
        _("%(actor)s heeft de status van %(object)s herberekend"),
    )
    NAAR_GEDEPUTEERDE_STATEN = (
        "naar gedeputeerde staten",
        _("naar gedeputeerde staten"),
        _("%(actor)s heeft %(object)s naar gedeputeerde staten gestuurd"),
    )
    PC_STAP_VASTGELEGD = (
        "P&C-stap vastgelegd",
        _("P&C-stap vastgelegd"),
        _("%(actor)s heeft een stap van de P&C-cyclus van %(object)s vastgelegd"),
    )
    UITERSTE_DATUM_GEWIJZIGD = (
        "uiterste datum gewijzigd",
        _("uiterste datum gewijzigd"),
        _("%(actor)s heeft de uiterste datum van %(object)s gewijzigd"),
    )
    RAADSBESLUIT_VASTGELEGD = (
        "raadsbesluit vastgelegd",
        _("raadsbesluit vastgelegd"),
        _("%(actor)s heeft %(object)s vastgelegd"),
    )
    RAADSBESLUIT_GECORRIGEERD = (
        "raadsbesluit gecorrigeerd",
        _("raadsbesluit gecorrigeerd"),
        _("%(actor)s heeft %(object)s gecorrigeerd"),
    )
    ZIENSWIJZE_BEANTWOORD = (
        "zienswijze beantwoord",
        _("zienswijze beantwoord"),
        _("%(actor)s heeft de zienswijze %(object)s beantwoord"),
    )
    VRAAG_GESTELD = "vraag gesteld", _("vraag gesteld"), _("%(actor)s heeft een vraag gesteld: %(object)s")
    VRAAG_BEANTWOORD = (
        "vraag beantwoord",
        _("vraag beantwoord"),
        _("%(actor)s heeft een vraag beantwoord: %(object)s"),
    )
    REVIEWPAKKET_AANGEVRAAGD = (
        "reviewpakket aangevraagd",
        _("reviewpakket aangevraagd"),
        _("%(actor)s heeft een reviewpakket van %(object)s aangevraagd"),
    )
