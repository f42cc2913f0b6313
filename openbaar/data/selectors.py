"""Reads for the bulk open data: every public list of one region as flat rows (`values_list`, one query each), and
the latest change per region of each list (one grouped query each, whatever the number of regions).

PUBLIC is what an anonymous visitor sees on the portal, asked of the lower apps' own rules: the region's members
(`besturen.selectors.regio_leden`), its bodies and their current seats (`organen_van`, `rollen_in_regio`; never an
e-mail address), meetings with a published agenda (`vergaderingen.models.gepubliceerd_q`), their public items
(`vergaderingen.permissions.can_view_agendapunt`'s rule: `openbaar` and on the agenda), decisions on those items,
published opgaven (`Opgave.objects.visible_to(None)`), public programme versions (`versies_van(besloten=False)`)
and the split stored when a public version was frozen (`Bijdrage`, never recomputed).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Sum

from besturen import selectors as besturen_selectors
from besturen.models import Deelname
from opgaven.selectors import opgaven_visible_to
from programmas.models import Bijdrage, Versie
from programmas.selectors import versies_van
from vergaderingen.models import OP_DE_AGENDA, Agendapunt, Besluit, Vergadering, gepubliceerd_q

ANONIEM = AnonymousUser()


def leden(regio):
    return besturen_selectors.regio_leden(regio).values_list(
        "bestuur_id",
        "bestuur__naam",
        "bestuur__soort",
        "bestuur__code",
        "bestuur__land",
        "bestuur__provincie",
        "bestuur__inwoners",
        "bestuur__inwoners_peildatum",
        "bestuur__inwoners_bron",
        "begindatum",
    )


def organen(regio):
    return (
        besturen_selectors.organen_van(regio=regio)
        .order_by("naam", "pk")
        .values_list("pk", "naam", "afkorting", "soort", "aantal_leden")
    )


def zetels(regio):
    """Current seats in the region's own bodies: holder's name, role, body, for whom, since (no address)."""
    return (
        besturen_selectors.rollen_in_regio(regio)
        .filter(orgaan__regio=regio)
        .values_list(
            "pk",
            "persoon__voornaam",
            "persoon__achternaam",
            "externe_partij__naam",
            "rol",
            "orgaan_id",
            "orgaan__naam",
            "namens__naam",
            "begindatum",
        )
    )


def _vergaderingen_q(regio):
    return Vergadering.objects.filter(gepubliceerd_q(), orgaan__regio=regio)


def vergaderingen(regio):
    return (
        _vergaderingen_q(regio)
        .order_by("begin", "pk")
        .values_list(
            "pk", "orgaan_id", "orgaan__naam", "begin", "einde", "locatie", "status", "agenda_gepubliceerd_op"
        )
    )


def _openbare_punten(regio):
    """The public items of the region's published meetings: public and on the agenda (or withdrawn after it)."""
    return Agendapunt.objects.filter(
        gepubliceerd_q("vergadering__"),
        vergadering__orgaan__regio=regio,
        openbaar=True,
        status__in=OP_DE_AGENDA,
    )


def agendapunten(regio):
    return (
        _openbare_punten(regio)
        .order_by("vergadering__begin", "vergadering_id", "volgnummer")
        .values_list(
            "pk",
            "vergadering_id",
            "vergadering__orgaan__naam",
            "vergadering__begin",
            "volgnummer",
            "titel",
            "toelichting",
            "status",
            "addendum",
        )
    )


def besluiten(regio):
    return (
        Besluit.objects.filter(agendapunt__in=_openbare_punten(regio))
        .order_by("agendapunt__vergadering__begin", "agendapunt__vergadering_id", "agendapunt__volgnummer")
        .values_list(
            "agendapunt_id",
            "agendapunt__vergadering_id",
            "agendapunt__vergadering__orgaan__naam",
            "agendapunt__vergadering__begin",
            "agendapunt__volgnummer",
            "agendapunt__titel",
            "uitkomst",
            "tekst",
            "stemming__voor",
            "stemming__tegen",
            "stemming__onthouding",
        )
    )


def opgaven(regio):
    return (
        opgaven_visible_to(ANONIEM)
        .filter(regio=regio)
        .order_by("titel", "pk")
        .values_list("pk", "titel", "samenvatting", "status", "begin_jaar", "eind_jaar")
    )


def programmaversies(regio):
    return versies_van(regio, besloten=False).values_list(
        "pk",
        "jaarprogramma__jaar",
        "jaarprogramma__soort",
        "jaarprogramma__titel",
        "nummer",
        "status",
        "ingediend_op",
        "vastgesteld_op",
        "voorgelegd_op",
        "deadline",
        "besluit_referentie",
    )


def _bevroren_openbare_versies(regio_ids=None):
    versies = Versie.objects.filter(openbaar=True, bevroren_op__isnull=False)
    if regio_ids is not None:
        versies = versies.filter(jaarprogramma__regio__in=regio_ids)
    return versies


def verdeling(regio):
    """Each member's total per public frozen version, from the stored shares (`Bijdrage`), with the figures used."""
    return (
        Bijdrage.objects.filter(versie__in=_bevroren_openbare_versies().filter(jaarprogramma__regio=regio))
        .values("versie_id", "bestuur_id")
        .annotate(
            centen_totaal=Sum("centen"),
            inwoners_gebruikt=Max("inwoners"),
            peildatum_gebruikt=Max("peildatum"),
            bron_gebruikt=Max("bron"),
        )
        .order_by(
            "-versie__jaarprogramma__jaar", "versie__jaarprogramma__soort", "-versie__nummer", "bestuur__naam"
        )
        .values_list(
            "versie_id",
            "versie__jaarprogramma__jaar",
            "versie__jaarprogramma__soort",
            "versie__nummer",
            "versie__status",
            "bestuur_id",
            "bestuur__naam",
            "bestuur__code",
            "inwoners_gebruikt",
            "peildatum_gebruikt",
            "bron_gebruikt",
            "centen_totaal",
        )
    )


# --- Latest change per region: {regio_id: datetime}, one grouped query each -----------------------------------


def _per_regio(qs, regio_veld, tijd_veld):
    rijen = qs.values(regio_veld).annotate(laatst=Max(tijd_veld)).values_list(regio_veld, "laatst").order_by()
    return {regio_id: laatst for regio_id, laatst in rijen if laatst is not None}


def leden_bijgewerkt(regio_ids):
    """When the members' latest population figure was read in."""
    return _per_regio(
        Deelname.objects.current().filter(regio__in=regio_ids),
        "regio",
        "bestuur__bevolkingscijfers__ingelezen_op",
    )


def vergaderingen_bijgewerkt(regio_ids):
    """When a published meeting (or its agenda) last changed."""
    return _per_regio(
        Vergadering.objects.filter(gepubliceerd_q(), orgaan__regio__in=regio_ids),
        "orgaan__regio",
        "bijgewerkt",
    )


def besluiten_bijgewerkt(regio_ids):
    return _per_regio(
        Besluit.objects.filter(
            gepubliceerd_q("agendapunt__vergadering__"),
            agendapunt__vergadering__orgaan__regio__in=regio_ids,
            agendapunt__openbaar=True,
        ),
        "agendapunt__vergadering__orgaan__regio",
        "vastgelegd_op",
    )


def programmas_bijgewerkt(regio_ids):
    """When a public version's figures were last frozen (adoption or routing)."""
    return _per_regio(_bevroren_openbare_versies(regio_ids), "jaarprogramma__regio", "bevroren_op")
