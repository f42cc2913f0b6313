"""The agenda builder's written-out parts read and write what the ORM and Django's templates did."""

import pytest
from django import forms
from django.db.models import Count
from django.forms.models import ModelChoiceIterator
from django.http import Http404
from django.template import engines
from django.urls import reverse
from django.utils import translation

from opgaven import services as opgaven_services
from programmas import services as programma_services
from programmas.models import Versie
from vergaderingen import selectors, services
from vergaderingen.forms import AgendapuntForm
from vergaderingen.models import OP_DE_AGENDA, Agendapunt, AgendapuntStatus, Vergadering
from vergaderingen.views._gedeeld import _vergadering_or_404

from .conftest import PDF_BYTES, plan, upload

pytestmark = pytest.mark.django_db


def _velden(punt):
    return {f.attname: getattr(punt, f.attname) for f in Agendapunt._meta.concrete_fields}


def test_agenda_beheer_reads_the_items_and_proposals_the_orm_reads(
    w, django_assert_num_queries, django_assert_max_num_queries
):
    vergadering = plan(w.dbo)
    elders = plan(w.dbo, days=40)
    services.add_agendapunt(elders, titel="Op een andere vergadering", door=None)
    eerste = services.add_agendapunt(vergadering, titel="Opening", door=None)
    besloten = services.add_agendapunt(vergadering, titel="Personeel", openbaar=False, door=None)
    services.add_document(besloten, upload("nota.pdf", PDF_BYTES), door=None)
    services.add_document(besloten, upload("bijlage.pdf", PDF_BYTES), door=None)
    voorstel = services.propose_agendapunt(vergadering, titel="Fietspaden", door=w.lid)
    afgewezen = services.propose_agendapunt(vergadering, titel="Parkeren", door=w.lid)
    services.decline_voorstel(afgewezen, reden="Niet nu", door=w.secretariaat)
    services.publish_agenda(vergadering, door=None)
    services.withdraw_agendapunt(eerste, reden="Niet klaar", door=None)
    addendum = services.add_agendapunt(vergadering, titel="Dringend", door=None)
    later = services.propose_agendapunt(vergadering, titel="Wegen", door=w.lid)

    with django_assert_num_queries(1):
        punten, voorstellen = selectors.agenda_beheer(vergadering)

    orm = list(
        Agendapunt.objects.filter(
            vergadering=vergadering, status__in=[*OP_DE_AGENDA, AgendapuntStatus.VOORGESTELD]
        )
        .select_related("voorgesteld_door")
        .annotate(aantal_documenten=Count("documenten"))
        .order_by("volgnummer", "pk")
    )
    assert [p.pk for p in punten] == [p.pk for p in orm if p.status != AgendapuntStatus.VOORGESTELD]
    assert [p.pk for p in punten] == [eerste.pk, besloten.pk, addendum.pk]
    assert [p.pk for p in voorstellen] == [voorstel.pk, later.pk]
    per_pk = {p.pk: p for p in orm}
    with django_assert_max_num_queries(0):  # the proposer comes with the item, as select_related leaves it
        for punt in punten + voorstellen:
            verwacht = per_pk[punt.pk]
            assert _velden(punt) == _velden(verwacht)
            assert punt.aantal_documenten == verwacht.aantal_documenten
            assert str(punt.voorgesteld_door or "") == str(verwacht.voorgesteld_door or "")
    assert [p.aantal_documenten for p in punten] == [0, 2, 0]
    assert voorstellen[0].voorgesteld_door == w.lid


def _regio_met_versie(w):
    """Two opgaven of Denderregio (one published), one of another region; a closed version of 2027 and a public one
    of 2028."""
    opgave = opgaven_services.create_opgave(w.dender, door=None, titel='Wegen & "bruggen" <2027>')
    opgaven_services.create_opgave(w.dender, door=None, titel="Zorg", gepubliceerd=True)
    opgaven_services.create_opgave(w.drecht, door=None, titel="Van een andere regio", gepubliceerd=True)
    programma_services.draft_jaarprogramma(w.dender, 2027, door=None, opgaven=[opgave])
    openbaar = programma_services.draft_jaarprogramma(w.dender, 2028, door=None, opgaven=[opgave])
    Versie.objects.filter(pk=openbaar.pk).update(openbaar=True)
    return opgave


class _DjangoForm(AgendapuntForm):
    """The item form with Django's own widgets and option labels (every column read)."""

    class Meta(AgendapuntForm.Meta):
        widgets = {
            "titel": forms.TextInput,
            "toelichting": forms.Textarea(attrs={"rows": 4}),
            "openbaar": forms.CheckboxInput,
            "opgave": forms.Select,
            "programmaversie": forms.Select,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("opgave", "programmaversie"):
            veld = self.fields[naam]
            veld.iterator = ModelChoiceIterator
            veld.widget.choices = veld.choices


_VELDEN = engines["django"].from_string('{% for field in form %}{% include "field.html" %}{% endfor %}')


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"titel": "", "toelichting": 'Een <b>vet</b> & "gequoot" punt', "opgave": "999999"},
        {"titel": "Wegen <en> bruggen", "toelichting": "", "openbaar": "on", "programmaversie": "x"},
    ],
)
def test_item_form_is_written_as_the_field_templates_wrote_it(w, taal, data, django_assert_num_queries):
    opgave = _regio_met_versie(w)
    vergadering = plan(w.dbo)
    with translation.override(taal):
        velden = {"vergadering": vergadering, "user": w.secretariaat, "secretariaat": True}
        form = AgendapuntForm(data, **velden)
        django = _DjangoForm(data, **velden)
        if data:
            assert not form.is_valid() and not django.is_valid()
        with django_assert_num_queries(2):  # the opgaven and the versions, labels without a query more
            html = form.velden_html()
        assert html == _VELDEN.render({"form": django})
    assert f'<option value="{opgave.pk}">Wegen &amp; &quot;bruggen&quot; &lt;2027&gt;</option>' in html
    assert "2027" in html.split('name="programmaversie"')[1]


@pytest.mark.parametrize(
    ("secretariaat", "besloten", "versies"), [(True, None, 2), (False, False, 1), (False, True, 2)]
)
def test_item_form_offers_what_its_querysets_offer(
    w, secretariaat, besloten, versies, django_assert_num_queries
):
    _regio_met_versie(w)
    vergadering = plan(w.dbo)
    velden = {"vergadering": vergadering, "user": w.lid, "secretariaat": secretariaat, "besloten": besloten}
    form, django = AgendapuntForm(**velden), _DjangoForm(**velden)
    for naam in ("opgave", "programmaversie"):
        with django_assert_num_queries(1):
            keuzes = [(str(waarde), str(label)) for waarde, label in form.fields[naam].choices]
        verwacht = [(str(waarde), str(label)) for waarde, label in django.fields[naam].choices]
        assert keuzes == verwacht
        assert keuzes == [("", "---------")] + [
            (str(obj.pk), str(obj)) for obj in django.fields[naam].queryset
        ]
        assert "Van een andere regio" not in str(keuzes)
    assert len(keuzes) == versies + 1  # the empty choice first


def test_edited_item_is_written_as_the_field_templates_wrote_it(w):
    opgave = _regio_met_versie(w)
    vergadering = plan(w.dbo)
    punt = services.add_agendapunt(
        vergadering, titel='Wegen "&" bruggen', toelichting="Twee\n<regels>", opgave=opgave, door=None
    )
    velden = {"instance": punt, "vergadering": vergadering, "user": w.secretariaat, "secretariaat": True}
    html = AgendapuntForm(**velden).velden_html()
    assert html == _VELDEN.render({"form": _DjangoForm(**velden)})
    assert f'<option value="{opgave.pk}" selected>' in html
    assert "Twee\n&lt;regels&gt;</textarea>" in html


def test_refused_item_shows_its_errors_on_the_builder(w, client):
    vergadering = plan(w.dbo)
    client.force_login(w.secretariaat)
    response = client.post(
        reverse("vergaderingen:agenda_beheer", args=[vergadering.pk]),
        {"titel": "", "toelichting": "<b>x</b>"},
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert '<div class="field field-error">' in content
    assert 'aria-invalid="true"' in content and 'id="id_titel_error"' in content
    assert "&lt;b&gt;x&lt;/b&gt;</textarea>" in content


@pytest.mark.parametrize("orgaan", ["dbo", "raad_aalst"])
def test_meeting_is_read_with_its_body_as_select_related_reads_it(w, orgaan, rf, django_assert_num_queries):
    vergadering = plan(getattr(w, orgaan))
    request = rf.get("/")
    request.user = w.platformbeheerder  # reads every meeting
    with django_assert_num_queries(1):
        gelezen = _vergadering_or_404(request, vergadering.pk)
    orm = Vergadering.objects.select_related("orgaan__regio", "orgaan__bestuur").get(pk=vergadering.pk)
    with django_assert_num_queries(0):
        for nu, toen in (
            (gelezen, orm),
            (gelezen.orgaan, orm.orgaan),
            (gelezen.orgaan.regio, orm.orgaan.regio),
            (gelezen.orgaan.bestuur, orm.orgaan.bestuur),
        ):
            assert type(nu) is type(toen)
            if toen is not None:
                assert {f.attname: getattr(nu, f.attname) for f in toen._meta.concrete_fields} == {
                    f.attname: getattr(toen, f.attname) for f in toen._meta.concrete_fields
                }
    with pytest.raises(Http404):
        _vergadering_or_404(request, vergadering.pk + 1000)
