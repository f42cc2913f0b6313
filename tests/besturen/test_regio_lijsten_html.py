"""The start page's cards and the region page's members' table, written out (issue 16, cold pages): the written-out
queries return what the ORM selectors they replace return, and the HTML written in Python is what the template
loops over the ORM's rows wrote, every value escaped, in both languages. The ORM selectors (`regio_list`,
`regio_leden`) and the loops below stay as their specification."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from besturen import selectors, weergave
from besturen.models import BestuurSoort, Land, Lidmaatschap, OrgaanSoort, Rechtsvorm, Rol
from regioportaal.paginering import paginate_sql
from regioportaal.templatetags.portaal import getal, procent
from tests.factories import BestuurFactory, DeelnameFactory, OrgaanFactory, PersoonFactory, RegioFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2025, 6, 1)
LASTIG = "<b>&\"'"  # every character escaping changes


def rijen(query):
    kolommen, rest, params = query
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {kolommen} {rest}", params)
        return cursor.fetchall()


@pytest.fixture
def regios():
    """Regions with current, ended and future members, members without a population, a member of a thousand
    inhabitants and more, one without members, and names that need escaping."""
    eerste = RegioFactory(
        naam=f"Aa {LASTIG}", slug="aa", land=Land.NEDERLAND, rechtsvorm=Rechtsvorm.GEMEENSCHAPPELIJKE_REGELING
    )
    tweede = RegioFactory(naam="Bb", slug="bb")
    RegioFactory(naam="Cc zonder leden", slug="cc")
    groot = BestuurFactory(naam=f"Groot {LASTIG}", code=f"9{LASTIG}", inwoners=1234567)
    for bestuur, begin, einde in (
        (groot, datetime.date(2019, 1, 1), None),
        (BestuurFactory(naam="Klein", inwoners=999), datetime.date(2019, 1, 1), None),
        (BestuurFactory(naam="Zonder cijfer", inwoners=None), datetime.date(2019, 1, 1), None),
        (
            BestuurFactory(naam="Klein", soort=BestuurSoort.OCMW, inwoners=1000),
            datetime.date(2020, 1, 1),
            None,
        ),
        (BestuurFactory(naam="Vertrokken", inwoners=50000), datetime.date(2019, 1, 1), VANDAAG),
        (BestuurFactory(naam="Toekomstig", inwoners=70000), datetime.date(2026, 1, 1), None),
    ):
        DeelnameFactory(regio=eerste, bestuur=bestuur, begindatum=begin, einddatum=einde)
    DeelnameFactory(regio=tweede, bestuur=BestuurFactory(naam="Enig", inwoners=None))
    return eerste, tweede


# The start page's cards ---------------------------------------------------------------------------------------------


def test_the_cards_query_gives_what_regio_list_gives(regios):
    verwacht = [
        (r.naam, r.slug, r.land, r.rechtsvorm, r.aantal_leden, r.inwoners)
        for r in selectors.regio_list(VANDAAG)
    ]
    assert rijen(selectors.regio_kaarten_query(VANDAAG)) == verwacht
    assert [rij[4:] for rij in verwacht] == [(4, 1236566), (1, None), (0, None)]


def _kaarten_zoals_eerst(regios):
    """The cards as the template's loop wrote them from `regio_list`'s regions (and the strings the view made)."""
    rechtsvormen = dict(Rechtsvorm.choices)
    landen = dict(Land.choices)
    for regio in regios:
        regio.url = regio.get_absolute_url()
        regio.soort = f"{capfirst(str(rechtsvormen[regio.rechtsvorm]))} · {landen[regio.land]}"
        omvang = ngettext("%(n)s lid", "%(n)s leden", regio.aantal_leden) % {
            "n": localize(regio.aantal_leden)
        }
        if regio.inwoners:
            omvang += ", " + gettext("%(inwoners)s inwoners") % {"inwoners": getal(regio.inwoners)}
        regio.omvang = omvang
    template = engines["django"].from_string(
        "{% for regio in regios %}\n"
        '  <li class="card">\n'
        '    <h2><a href="{{ regio.url }}">{{ regio.naam }}</a></h2>\n'
        '    <p class="meta">{{ regio.soort }}</p>\n'
        "    <p>{{ regio.omvang }}</p>\n"
        "  </li>\n"
        "  {% endfor %}"
    )
    return template.render({"regios": regios})


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_cards_are_what_the_template_loop_wrote(regios, taal):
    with translation.override(taal):
        verwacht = _kaarten_zoals_eerst(list(selectors.regio_list(VANDAAG)))
        gekregen = weergave.regio_kaarten(rijen(selectors.regio_kaarten_query(VANDAAG)))
    assert gekregen == verwacht
    assert "&lt;b&gt;&amp;&quot;&#x27;" in gekregen
    assert ("1.236.566 inwoners" if taal == "nl" else "1,236,566") in gekregen


def test_the_start_page_pages_its_cards(settings, regios):
    settings.PAGINATE_BY = 2
    request = RequestFactory().get("/", {"pagina": "2"})
    pagina = paginate_sql(request, *selectors.regio_kaarten_query(VANDAAG))
    assert [rij[0] for rij in pagina] == ["Cc zonder leden"]
    assert pagina.paginator.count == 3 and pagina.number == 2


# The region page's members -------------------------------------------------------------------------------------------


def test_the_members_query_gives_what_regio_leden_gives(regios):
    for regio in regios:
        verwacht = [
            (d.bestuur.pk, d.bestuur.naam, d.bestuur.soort, d.bestuur.code, d.bestuur.inwoners, d.begindatum)
            for d in selectors.regio_leden(regio, VANDAAG)
        ]
        assert rijen(selectors.regio_leden_query(regio, VANDAAG)) == verwacht
    assert len(verwacht) == 1


def _leden_zoals_eerst(leden, totaal):
    """The members' rows as the template's loop wrote them from `regio_leden`'s memberships."""
    soorten = dict(BestuurSoort.choices)
    for deelname in leden:
        inwoners = deelname.bestuur.inwoners
        deelname.aandeel = (inwoners / totaal * 100) if (inwoners is not None and totaal) else None
        deelname.bestuur_url = deelname.bestuur.get_absolute_url()
        deelname.soort = soorten[deelname.bestuur.soort]
        deelname.inwoners_tekst = getal(inwoners)
        deelname.aandeel_tekst = procent(deelname.aandeel)
    template = engines["django"].from_string(
        "{% for deelname in leden %}\n"
        "    <tr>\n"
        '      <td><a href="{{ deelname.bestuur_url }}">{{ deelname.bestuur.naam }}</a></td>\n'
        "      <td>{{ deelname.soort }}</td>\n"
        "      <td>{{ deelname.bestuur.code }}</td>\n"
        '      <td class="num">{{ deelname.inwoners_tekst }}</td>\n'
        '      <td class="num">{{ deelname.aandeel_tekst }}</td>\n'
        '      <td>{{ deelname.begindatum|date:"j F Y" }}</td>\n'
        "    </tr>\n"
        "    {% endfor %}"
    )
    return template.render({"leden": leden})


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("totaal", [1236566, 0])
def test_the_members_rows_are_what_the_template_loop_wrote(regios, taal, totaal):
    with translation.override(taal):
        verwacht = _leden_zoals_eerst(list(selectors.regio_leden(regios[0], VANDAAG)), totaal)
        gekregen = weergave.leden_rijen(rijen(selectors.regio_leden_query(regios[0], VANDAAG)), totaal)
    assert gekregen == verwacht
    assert gekregen.count("<tr>") == 4
    assert "Groot &lt;b&gt;&amp;&quot;&#x27;" in gekregen and "9&lt;b&gt;" in gekregen


def test_the_region_page_shows_its_members_and_their_total(client, regios):
    leden = list(selectors.regio_leden(regios[0]))  # today's members
    pagina = client.get(f"/regio/{regios[0].slug}/").content.decode()
    # each member's two numbers, and the total's two
    assert pagina.count('<td class="num">') == 2 * len(leden) + 2
    totaal = sum(d.bestuur.inwoners or 0 for d in leden)
    assert f'<td class="num">{getal(totaal)}</td>' in pagina
    assert weergave.leden_rijen(rijen(selectors.regio_leden_query(regios[0])), totaal) in pagina
    leeg = client.get("/regio/cc/").content.decode()
    assert "Deze regio heeft nog geen leden." in leeg


# Whole numbers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_whole_numbers_are_written_as_django_writes_them(taal):
    getallen = [0, 7, -7, 999, 1000, -1000, 1234, 99999, 100000, 1234567, -1234567, 10**12, Decimal("1234")]
    with translation.override(taal):
        als_localize, als_getal = weergave.geheel_maker(), weergave.geheel_maker(force_grouping=True)
        assert [als_localize(n) for n in getallen] == [str(localize(n)) for n in getallen]
        assert [als_getal(n) for n in getallen] == [getal(n) for n in getallen]


def test_whole_numbers_follow_the_settings(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override("nl"):
        assert weergave.geheel_maker()(1234567) == str(localize(1234567)) == "1.234.567"


# The region page's bodies ---------------------------------------------------------------------------------------------


@pytest.fixture
def organen(regios):
    """Bodies of the first region with and without current seats, one whose name needs escaping."""
    regio = regios[0]
    raad = OrgaanFactory(regio=regio, naam=f"Raad {LASTIG}", soort=OrgaanSoort.REGIORAAD)
    OrgaanFactory(regio=regio, naam="Werkgroep zonder leden", soort=OrgaanSoort.WERKGROEP)
    OrgaanFactory(regio=regios[1], naam="Elders")
    for persoon, begin, einde in (
        (PersoonFactory(), datetime.date(2019, 1, 1), None),
        (PersoonFactory(), datetime.date(2019, 1, 1), datetime.date(2020, 1, 1)),
        (PersoonFactory(), datetime.date(2030, 1, 1), None),
    ):
        Lidmaatschap.objects.create(
            persoon=persoon, orgaan=raad, rol=Rol.LID, begindatum=begin, einddatum=einde
        )
    return regio


def test_the_bodies_query_is_the_statement_the_orm_sends(organen):
    """The same statement, so the database returns the bodies in the same order (the queryset names none)."""
    sql, params = selectors.organen_van_regio_query(organen, VANDAAG)
    assert (sql, tuple(params)) == selectors.organen_van(regio=organen, day=VANDAAG).query.sql_with_params()


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_bodies_list_is_what_the_template_loop_wrote(organen, taal):
    soorten = dict(OrgaanSoort.choices)
    with translation.override(taal):
        bodies = list(selectors.organen_van(regio=organen, day=VANDAAG))
        for orgaan in bodies:
            orgaan.url = orgaan.get_absolute_url()
            orgaan.soort_tekst = soorten[orgaan.soort]
            orgaan.leden_tekst = ngettext("%(n)s lid", "%(n)s leden", orgaan.aantal_leden) % {
                "n": localize(orgaan.aantal_leden)
            }
        verwacht = (
            engines["django"]
            .from_string(
                "{% for orgaan in organen %}\n"
                '  <li><a href="{{ orgaan.url }}">{{ orgaan.naam }}</a> <span class="meta">'
                "({{ orgaan.soort_tekst }}; {{ orgaan.leden_tekst }})</span></li>\n"
                "  {% endfor %}"
            )
            .render({"organen": bodies})
        )
        gekregen = weergave.organen_lijst(rijen_van(*selectors.organen_van_regio_query(organen, VANDAAG)))
    assert gekregen == verwacht
    assert gekregen.count("<li>") == 2 and "Raad &lt;b&gt;&amp;&quot;&#x27;" in gekregen


def rijen_van(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_a_region_is_found_by_its_slug_as_the_orm_finds_it(client, regios):
    """Every field as the ORM reads it, None for a slug of no region, and the region's pages answer 404 for it."""
    from besturen.models import Regio

    for slug in ("aa", "bb"):
        gevonden, orm = selectors.regio_met_slug(slug), Regio.objects.get(slug=slug)
        assert gevonden == orm
        velden = [veld.attname for veld in Regio._meta.concrete_fields]
        assert [getattr(gevonden, v) for v in velden] == [getattr(orm, v) for v in velden]
        assert gevonden._state.db == orm._state.db and not gevonden._state.adding
    assert selectors.regio_met_slug("geen-regio") is None
    assert client.get("/regio/geen-regio/").status_code == 404
    assert client.get("/regio/geen-regio/opgaven/").status_code == 404
    assert client.get("/regio/aa/opgaven/").status_code == 200
