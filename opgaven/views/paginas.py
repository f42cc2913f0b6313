"""The public pages of a region's strategy and opgaven: strategy, the filtered list, the synergy graph, one opgave."""

from decimal import Decimal
from html import escape as _escape
from itertools import groupby
from operator import attrgetter

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from besturen import selectors as besturen_selectors
from besturen import weergave
from besturen.models import Regio
from regioportaal.views import PageView, paginate

from .. import permissions, selectors, services
from ..forms import FilterForm
from ..grafieken import synergie_graaf, trend_grafiek
from ..models import Opgave, Status, Synergie
from ..policies import MandaatPolicy, OpgavePolicy, StrategiePolicy


class StrategieView(PageView):
    """Mission, vision, shared values, the numbered goals with the progress of their opgaven, and the themes."""

    template_name = "opgaven/strategie.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio.objects.select_related("strategie"), slug=kwargs["slug"])
        user = self.request.user
        zichtbaar = Opgave.objects.visible_to(user).filter(regio=regio)
        doelstellingen = list(
            regio.doelstellingen.filter(gearchiveerd=False).prefetch_related(
                Prefetch("opgaven", queryset=zichtbaar.order_by("titel"), to_attr="zichtbare_opgaven")
            )
        )
        voortgang = selectors.doelstelling_voortgang(regio, opgaven=zichtbaar)
        for doel in doelstellingen:
            doel.voortgang = voortgang.get(doel.pk)
        themas = list(
            regio.themas.filter(gearchiveerd=False).prefetch_related(
                Prefetch(
                    "portefeuillehouders",
                    queryset=selectors.huidige_portefeuilles().select_related("persoon"),
                    to_attr="huidige_portefeuillehouders",
                )
            )
        )
        return super().get_context_data(
            regio=regio,
            strategie=getattr(regio, "strategie", None),
            acties=StrategiePolicy().allowed(user, regio) if user.is_authenticated else {},
            waarden=regio.waarden.filter(gearchiveerd=False),
            doelstellingen=doelstellingen,
            themas=[t for t in themas if not t.transversaal],
            transversale_themas=[t for t in themas if t.transversaal],
            **kwargs,
        )


class OpgavenView(PageView):
    """The opgaven of a region, filtered by GET parameters (shareable); htmx gets only the results."""

    template_name = "opgaven/opgaven.html"
    htmx_partial = "resultaten"

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.history_restore_request:  # htmx restores a whole page from history
            return [self.template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        regio = besturen_selectors.regio_met_slug(kwargs["slug"])
        if regio is None:
            raise Http404
        user = self.request.user
        zichtbaar = Opgave.objects.visible_to(user).filter(regio=regio)
        # The choices as plain rows (the region's own themes and goals in one query).
        themas, doelstellingen = selectors.filter_keuzes(regio)
        form = FilterForm(
            self.request.GET,
            themas=themas,
            doelstellingen=doelstellingen,
            opdrachtgevers=selectors.opdrachtgevers_van(zichtbaar).values_list(
                "pk", "voornaam", "achternaam"
            ),
        )
        # The rows as plain values (no model instances): `_lijst_rijen` reads them.
        opgaven = paginate(
            self.request,
            selectors.opgaven_list(regio, user, **form.filters()).values_list(*_LIJST_KOLOMMEN),
        )
        return super().get_context_data(
            regio=regio,
            form=form,
            opgaven=opgaven,
            rijen=_lijst_rijen(opgaven),
            acties=StrategiePolicy().allowed(user, regio),
            **kwargs,
        )


# A row of the list: (pk, titel, gepubliceerd, status, prioriteit, the opdrachtgever's person: id, voornaam, achternaam).
_LIJST_KOLOMMEN = (
    "pk",
    "titel",
    "gepubliceerd",
    "status",
    "prioriteit",
    "opdrachtgever__persoon_id",
    "opdrachtgever__persoon__voornaam",
    "opdrachtgever__persoon__achternaam",
)


def _geheel(getal):
    """`localize` of an int; below a thousand it has no separator in any language, so that needs no lookup."""
    return str(getal) if -1000 < getal < 1000 else str(localize(getal))


def _lijst_rijen(opgaven):
    """The rows of the opgaven list as HTML, written here as the template's loop wrote them (fifty rows: a template
    loop of seven cells cost more than the query): title with link and draft badge, status, priority, opdrachtgever,
    goal numbers and themes ("—" when empty). `opgaven`: a page of `_LIJST_KOLOMMEN` rows. Every cell is plain text
    (or a number's SafeString of digits and separators), escaped with `html.escape`: what Django's `escape` writes
    for it, without the lazy-text wrapper around every call."""
    statussen, url = weergave.labels(Status.choices), weergave.url_maker("opgaven:opgave")
    niet_gepubliceerd = gettext("niet gepubliceerd")  # outside the f-string: makemessages reads it there
    badge = f' <span class="badge">{conditional_escape(niet_gepubliceerd)}</span>'
    statussen = {waarde: _escape(label) for waarde, label in statussen.items()}
    doelen, themas = selectors.lijst_koppelingen([rij[0] for rij in opgaven])
    rijen = []
    for pk, titel, gepubliceerd, status, prioriteit, persoon, voornaam, achternaam in opgaven:
        label = statussen.get(status)
        if label is None:
            label = _escape(str(status))
        opdrachtgever = _escape(f"{voornaam} {achternaam}") if persoon else "—"
        doelstellingen = _escape(", ".join(_geheel(nummer) for nummer in doelen.get(pk, ()))) or "—"
        themas_tekst = _escape(", ".join(themas.get(pk, ()))) or "—"
        rijen.append(
            f'\n      <tr>\n        <th scope="row"><a href="{_escape(url(pk))}">'
            f"{_escape(titel)}</a>{'' if gepubliceerd else badge}</th>\n"
            f"        <td>{label}</td>\n"
            f'        <td class="num">{_escape(_geheel(prioriteit))}</td>\n'
            f"        <td>{opdrachtgever}</td>\n"
            f"        <td>{doelstellingen}</td>\n"
            f"        <td>{themas_tekst}</td>\n"
            "      </tr>\n    "
        )
    return mark_safe("".join(rijen))


class SynergieView(PageView):
    """The synergy graph of a region's opgaven, with the same links as a list."""

    template_name = "opgaven/synergie.html"

    def get_context_data(self, **kwargs):
        regio = get_object_or_404(Regio, slug=kwargs["slug"])
        zichtbaar = Opgave.objects.visible_to(self.request.user).filter(regio=regio)
        opgaven = list(selectors.with_prioriteit(zichtbaar).order_by("titel"))
        links = list(
            Synergie.objects.filter(van__in=zichtbaar, naar__in=zichtbaar)
            .order_by("pk")
            .values_list("van_id", "naar_id", "reden")
        )
        per_opgave = {opgave.pk: [] for opgave in opgaven}
        titels = {opgave.pk: opgave for opgave in opgaven}
        for van, naar, reden in links:
            per_opgave[van].append((titels[naar], reden))
            per_opgave[naar].append((titels[van], reden))
        for opgave in opgaven:
            opgave.verbonden = sorted(per_opgave[opgave.pk], key=lambda pair: pair[0].titel)
        return super().get_context_data(
            regio=regio,
            opgaven=opgaven,
            aantal_links=len(links),
            graaf=synergie_graaf(opgaven, links),
            **kwargs,
        )


class OpgaveView(PageView):
    """One opgave with all its parts, its mandates, progress, synergy and the explanation of its priority."""

    template_name = "opgaven/opgave.html"

    def get_context_data(self, **kwargs):
        opgave = selectors.opgave_voor_pagina(kwargs["pk"])
        user = self.request.user
        if opgave is None or not permissions.can_view_opgave(user, opgave):
            raise Http404
        selectors.onderdelen_bij(opgave)
        acties = OpgavePolicy().allowed(user, opgave)

        besloten = {}  # unpublished partners share this opgave's region: one check answers for all of them

        def zichtbaar(partner):
            if partner.gepubliceerd:
                return True
            if "antwoord" not in besloten:
                besloten["antwoord"] = permissions.can_view_opgave(user, partner)
            return besloten["antwoord"]

        for synergie in opgave.synergie_van.all():
            synergie.naar.regio = opgave.regio
        for synergie in opgave.synergie_naar.all():
            synergie.van.regio = opgave.regio
        synergie = [(s.naar, s.reden) for s in opgave.synergie_van.all()] + [
            (s.van, s.reden) for s in opgave.synergie_naar.all()
        ]
        prioriteit, uitleg = selectors.prioriteit_uitleg(opgave, zichtbaar=zichtbaar)

        rapporten = list(opgave.voortgang.all())
        laatste_meting = {}
        for rapport in rapporten:
            for waarde in rapport.waarden.all():
                laatste_meting[waarde.indicator_id] = (waarde.waarde, rapport.periode_eind)
        indicatoren = list(opgave.indicatoren.all())
        for indicator in indicatoren:
            indicator.laatste = laatste_meting.get(indicator.pk)

        budget = list(opgave.budget.all())
        budget_per_jaar = [
            {"jaar": jaar, "regels": regels, "totaal": sum((r.bedrag for r in regels), Decimal("0"))}
            for jaar, regels in ((jaar, list(regels)) for jaar, regels in groupby(budget, attrgetter("jaar")))
        ]

        vandaag = timezone.localdate()
        mandaat_policy = MandaatPolicy()
        mandaten = list(opgave.mandaten.all())
        for mandaat in mandaten:
            mandaat.verplicht = sum((v.bedrag for v in mandaat.verplichtingen.all()), Decimal("0"))
            mandaat.resterend = mandaat.budgetplafond - mandaat.verplicht
            mandaat.geldig = mandaat.begindatum <= vandaag <= mandaat.einddatum
            mandaat.acties = mandaat_policy.allowed(user, mandaat)

        return super().get_context_data(
            opgave=opgave,
            regio=opgave.regio,
            prioriteit=prioriteit,
            prioriteit_uitleg=uitleg,
            synergie=sorted(
                [(partner, reden) for partner, reden in synergie if zichtbaar(partner)],
                key=lambda pair: pair[0].titel,
            ),
            indicatoren=indicatoren,
            budget_per_jaar=budget_per_jaar,
            budget_totaal=sum((r.bedrag for r in budget), Decimal("0")),
            capaciteit=opgave.capaciteit.all(),
            mandaten=mandaten,
            rapporten=rapporten,
            grafiek=trend_grafiek(rapporten),
            acties=acties,
            ontbrekend=services.ontbrekende_onderdelen(opgave)
            if acties.get("update_opgave") and opgave.status in (Status.IDEE, Status.IN_VOORBEREIDING)
            else [],
            **kwargs,
        )
