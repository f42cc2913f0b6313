"""What an item of the information protocol says, assembled from what is recorded already: the opgaven's progress
reports (`opgaven.selectors`), the decisions of a meeting (`vergaderingen.selectors`) and the programme versions
(`programmas.selectors`). Read once per item (`gegevens`), written once per council (`tekst`)."""

from django.template.loader import render_to_string
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from opgaven.selectors import voortgang_over
from programmas.selectors import versies_van
from regioportaal.limieten import TEKST_MAX
from regioportaal.links import absolute_url
from vergaderingen.selectors import agenda

from ..models import Informatiesoort
from .selectors import OPGAVE_SOORTEN


def onderwerp(afspraak, moment):
    """The subject of an item: what, over which period, from which region."""
    return Truncator(
        capfirst(
            _("%(soort)s over %(periode)s (%(regio)s)")
            % {"soort": afspraak.get_soort_display(), "periode": moment.label, "regio": afspraak.regio}
        )
    ).chars(200)


def _laatste_versies(regio, vanaf_jaar):
    """The newest version of each of the region's programmes from `vanaf_jaar` on (one query)."""
    gezien, versies = set(), []
    for versie in versies_van(regio, besloten=True).filter(jaarprogramma__jaar__gte=vanaf_jaar):
        if versie.jaarprogramma_id not in gezien:
            gezien.add(versie.jaarprogramma_id)
            versies.append(versie)
    return versies


def gegevens(afspraak, moment):
    """Everything the item over `moment` shows, read once for all councils (a fixed number of queries)."""
    regio = afspraak.regio
    if afspraak.soort in OPGAVE_SOORTEN:
        return {
            "opgaven": [
                (
                    opgave,
                    opgave.rapporten[0] if opgave.rapporten else None,
                    absolute_url(opgave.get_absolute_url()),
                )
                for opgave in voortgang_over(regio, moment.begin, moment.eind)
            ]
        }
    if afspraak.soort == Informatiesoort.TERUGKOPPELING:
        vergadering = moment.vergadering
        return {
            "vergadering": vergadering,
            "punten": agenda(vergadering, met_besloten=False),
            "link": absolute_url(vergadering.get_absolute_url()),
        }
    return {
        "versies": [
            (versie, absolute_url(versie.get_absolute_url()))
            for versie in _laatste_versies(regio, moment.verzenddatum.year - 1)
        ]
    }


def tekst(afspraak, moment, data, bestuur):
    """The text the council of `bestuur` receives (bounded to what the log stores)."""
    inhoud = render_to_string(
        "raad/protocol/mail/item.txt",
        {
            "afspraak": afspraak,
            "moment": moment,
            "bestuur": bestuur,
            "regio": afspraak.regio,
            "regio_link": absolute_url(afspraak.regio.get_absolute_url()),
            **data,
        },
    )
    return Truncator(inhoud.strip()).chars(TEKST_MAX)
