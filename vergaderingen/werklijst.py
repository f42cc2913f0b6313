"""The meetings' part of the personal work list (`regioportaal.werklijst`): an agenda to publish, a meeting to
prepare, a planning day to register for before its deadline.

Who acts is the policies' rule, asked for a whole list at once: a body's agenda is published by its own secretariat
(`VergaderingPolicy.holds_publish`: `besturen.permissions.is_secretariaat`, the holders of `manage_regio` on its
region or of `manage_leden_orgaan` on a council), a published meeting is prepared by its members and secretariat
(`holds_propose`: `is_lid_of_secretariaat`), and a planning day takes registrations from the region's officials
(`BijeenkomstPolicy.holds_register`: `heeft_rol_in_regio`) until `inschrijving_open` closes, once per person. None of
these gives the platform administrator a shortcut. The rules are `besturen.permissions`' own, for a whole list at
once (`rollen_van`, `secretariaat_q`, `lid_of_secretariaat_q`, `regios_met_rol`): one query for the permissions, then
at most four whatever the data.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from besturen.models import Orgaan
from besturen.permissions import lid_of_secretariaat_q, regios_met_rol, rollen_van, secretariaat_q
from regioportaal.werklijst import WerkItem, register

from .models import Bijeenkomst, Inschrijving, Vergadering, VergaderingStatus
from .policies import inschrijving_open


def _komend(status):
    return (
        Vergadering.objects.filter(status=status, begin__gte=timezone.now())
        .select_related("orgaan__regio", "orgaan__bestuur")
        .order_by("begin", "pk")
    )


def _waar(vergadering):
    orgaan = vergadering.orgaan
    return orgaan.regio.naam if orgaan.regio_id else orgaan.bestuur.naam


def _dag(vergadering):
    return timezone.localtime(vergadering.begin).date()


def _vergaderingen(rollen):
    # The bodies as a subquery of their own: the rules' OR across the meeting and its body, asked of the joined rows,
    # had the database read every meeting (some ten milliseconds); asked of the bodies it follows the indexes.
    secretariaat = Q(orgaan__in=Orgaan.objects.filter(secretariaat_q(rollen)).values("pk"))
    lid = Q(orgaan__in=Orgaan.objects.filter(lid_of_secretariaat_q(rollen)).values("pk"))
    items = [
        WerkItem(
            soort=_("Agenda publiceren"),
            titel=str(vergadering),
            url=reverse("vergaderingen:agenda_beheer", kwargs={"pk": vergadering.pk}),
            deadline=_dag(vergadering),
            regio=_waar(vergadering),
        )
        for vergadering in _komend(VergaderingStatus.GEPLAND).filter(secretariaat)
    ]
    items += [
        WerkItem(
            soort=_("Vergadering voorbereiden"),
            titel=str(vergadering),
            url=vergadering.get_absolute_url(),
            deadline=_dag(vergadering),
            regio=_waar(vergadering),
        )
        for vergadering in _komend(VergaderingStatus.AGENDA_GEPUBLICEERD).filter(lid)
    ]
    return items


def _inschrijvingen(user, rollen):
    regios = regios_met_rol(rollen)
    if not regios:  # no query either way; building one costs milliseconds
        return []
    vandaag = timezone.localdate()
    bijeenkomsten = (
        Bijeenkomst.objects.filter(regio__in=regios, inschrijven_tot__gte=vandaag)
        .exclude(pk__in=Inschrijving.objects.filter(user=user).values("bijeenkomst"))
        .select_related("regio")
        .order_by("inschrijven_tot", "pk")
    )
    return [
        WerkItem(
            soort=_("Inschrijven voor een planningsdag"),
            titel=_("%(naam)s op %(datum)s")
            % {"naam": bijeenkomst.naam, "datum": formats.date_format(bijeenkomst.datum, "j F Y")},
            url=bijeenkomst.get_absolute_url(),
            deadline=bijeenkomst.inschrijven_tot,
            regio=bijeenkomst.regio.naam,
        )
        for bijeenkomst in bijeenkomsten
        if inschrijving_open(bijeenkomst, vandaag)
    ]


def werk_van(user):
    """The provider registered in `VergaderingenConfig.ready()`."""
    rollen = rollen_van(user)
    return [*_vergaderingen(rollen), *_inschrijvingen(user, rollen)]


register(werk_van)
