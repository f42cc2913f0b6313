"""The meetings' part of the personal work list (`regioportaal.werklijst`): an agenda to publish, a meeting to
prepare, a planning day to register for before its deadline.

Who acts is the policies' rule, asked for a whole list at once: a body's agenda is published by its own secretariat
(`VergaderingPolicy.holds_publish`: `besturen.permissions.is_secretariaat`, the holders of `manage_regio` on its
region or of `manage_leden_orgaan` on a council), a published meeting is prepared by its members and secretariat
(`holds_propose`: `is_lid_of_secretariaat`), and a planning day takes registrations from the region's officials
(`BijeenkomstPolicy.holds_register`: `heeft_rol_in_regio`) until `inschrijving_open` closes, once per person. None of
these gives the platform administrator a shortcut. The permissions are read once (`held_ids`); then at most four
queries whatever the data (none for a list the user holds no permission for).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from besturen.models import Orgaan, Regio
from regioportaal.werklijst import WerkItem, held_ids, register

from .models import Bijeenkomst, Inschrijving, Vergadering, VergaderingStatus
from .policies import inschrijving_open

MANAGE_REGIO = "besturen.manage_regio"
MANAGE_LEDEN_ORGAAN = "besturen.manage_leden_orgaan"
VIEW_BESLOTEN_ORGAAN = "besturen.view_besloten_orgaan"
VIEW_BESLOTEN_REGIO = "besturen.view_besloten_regio"


def _rechten(user):
    """The ids of the regions and bodies on which `user` holds the permissions below (one query)."""
    return held_ids(
        user,
        (MANAGE_REGIO, Regio),
        (MANAGE_LEDEN_ORGAAN, Orgaan),
        (VIEW_BESLOTEN_ORGAAN, Orgaan),
        (VIEW_BESLOTEN_REGIO, Regio),
    )


def _secretariaat_q(rechten):
    """The bodies whose own secretariat the user is (`besturen.permissions.is_secretariaat`), on meetings."""
    return Q(orgaan__regio__in=rechten[MANAGE_REGIO]) | Q(
        orgaan__regio__isnull=True, orgaan__in=rechten[MANAGE_LEDEN_ORGAAN]
    )


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


def _vergaderingen(rechten):
    secretariaat = _secretariaat_q(rechten)
    lid = secretariaat | Q(orgaan__in=rechten[VIEW_BESLOTEN_ORGAAN])
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


def _inschrijvingen(user, rechten):
    vandaag = timezone.localdate()
    bijeenkomsten = (
        Bijeenkomst.objects.filter(
            regio__in=rechten[VIEW_BESLOTEN_REGIO] | rechten[MANAGE_REGIO], inschrijven_tot__gte=vandaag
        )
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
    rechten = _rechten(user)
    return [*_vergaderingen(rechten), *_inschrijvingen(user, rechten)]


register(werk_van)
