"""The action log's event types of vergaderingen: meetings and their status, agendas, decisions, minutes, planning
days and personal calendar settings.

A meeting's change of status is stored as "status <new status>" (`services.vergadering._transition`): one event per
`VergaderingStatus`."""

from django.utils.translation import gettext_lazy as _

from regioportaal.gebeurtenissen import Gebeurtenis, register


@register
class VergaderingenGebeurtenis(Gebeurtenis):
    """What the secretariats, the members and the participants do to meetings and planning days."""

    STATUS_GEPLAND = "status gepland", _("vergadering gepland"), _("%(actor)s heeft %(object)s gepland")
    STATUS_AGENDA_GEPUBLICEERD = (
        "status agenda_gepubliceerd",
        _("agenda gepubliceerd"),
        _("%(actor)s heeft de agenda van %(object)s gepubliceerd"),
    )
    STATUS_AFGELOPEN = (
        "status afgelopen",
        _("vergadering afgelopen"),
        _("%(actor)s heeft %(object)s als gehouden gemarkeerd"),
    )
    STATUS_NOTULEN_GOEDGEKEURD = (
        "status notulen_goedgekeurd",
        _("notulen goedgekeurd"),
        _("%(actor)s heeft de notulen van %(object)s als goedgekeurd vastgelegd"),
    )
    STATUS_GEANNULEERD = (
        "status geannuleerd",
        _("vergadering geannuleerd"),
        _("%(actor)s heeft %(object)s geannuleerd"),
    )
    VERPLAATST = (
        "verplaatst",
        _("agendapunt verplaatst"),
        _("%(actor)s heeft agendapunt %(object)s verplaatst"),
    )
    NAAR_VOLGENDE_VERGADERING = (
        "naar volgende vergadering",
        _("naar volgende vergadering"),
        _("%(actor)s heeft agendapunt %(object)s naar de volgende vergadering verplaatst"),
    )
    VOORSTEL_AANVAARD = (
        "voorstel aanvaard",
        _("voorstel aanvaard"),
        _("%(actor)s heeft het voorstel %(object)s op de agenda gezet"),
    )
    VOORSTEL_AFGEWEZEN = (
        "voorstel afgewezen",
        _("voorstel afgewezen"),
        _("%(actor)s heeft het voorstel %(object)s afgewezen"),
    )
    DOCUMENT_TOEGEVOEGD = (
        "document toegevoegd",
        _("document toegevoegd"),
        _("%(actor)s heeft document %(object)s toegevoegd"),
    )
    AANWEZIGHEID_VASTGELEGD = (
        "aanwezigheid vastgelegd",
        _("aanwezigheid vastgelegd"),
        _("%(actor)s heeft de aanwezigheid bij %(object)s vastgelegd"),
    )
    BESLUIT_VASTGELEGD = (
        "besluit vastgelegd",
        _("besluit vastgelegd"),
        _("%(actor)s heeft het besluit over %(object)s vastgelegd"),
    )
    NOTULEN_OPGESTELD = (
        "notulen opgesteld",
        _("notulen opgesteld"),
        _("%(actor)s heeft de notulen van %(object)s opgesteld"),
    )
    NOTULEN_GEAGENDEERD = (
        "notulen geagendeerd",
        _("notulen geagendeerd"),
        _("%(actor)s heeft de notulen op de agenda gezet: %(object)s"),
    )
    INGESCHREVEN = "ingeschreven", _("ingeschreven"), _("%(actor)s heeft ingeschreven: %(object)s")
    INSCHRIJVING_GEANNULEERD = (
        "inschrijving geannuleerd",
        _("inschrijving geannuleerd"),
        _("%(actor)s heeft de inschrijving %(object)s geannuleerd"),
    )
    VAN_WACHTLIJST_OPGESCHOVEN = (
        "van wachtlijst opgeschoven",
        _("van de wachtlijst opgeschoven"),
        _("%(actor)s heeft %(object)s van de wachtlijst laten opschuiven"),
    )
    AGENDA_LINK_VERNIEUWD = (
        "agenda-link vernieuwd",
        _("agendalink vernieuwd"),
        _("%(actor)s heeft de persoonlijke agendalink van %(object)s vernieuwd"),
    )
    VOORKEUR_GEWIJZIGD = (
        "voorkeur gewijzigd",
        _("voorkeur gewijzigd"),
        _("%(actor)s heeft de voorkeur voor meldingen van %(object)s gewijzigd"),
    )
    DOCUMENT_VERWIJDERD = (
        "document verwijderd",
        _("document verwijderd"),
        _("%(actor)s heeft document %(object)s verwijderd"),
    )
    DOCUMENT_INGETROKKEN = (
        "document ingetrokken",
        _("document ingetrokken"),
        _("%(actor)s heeft document %(object)s ingetrokken"),
    )
    OPBRENGST_VASTGELEGD = (
        "opbrengst vastgelegd",
        _("opbrengst vastgelegd"),
        _("%(actor)s heeft de opbrengst van werksessie %(object)s vastgelegd"),
    )
