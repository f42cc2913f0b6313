import datetime

import pytest
from django.db import IntegrityError, transaction

from besturen import services
from besturen.models import Lidmaatschap, Orgaan, OrgaanSoort
from regioportaal.models import ActionLog
from tests.factories import BestuurFactory, LidmaatschapFactory, OrgaanFactory, PersoonFactory, RegioFactory

pytestmark = pytest.mark.django_db


def test_body_must_belong_to_a_region_or_a_government_not_both():
    with pytest.raises(IntegrityError), transaction.atomic():
        Orgaan.objects.create(
            soort=OrgaanSoort.WERKGROEP, naam="Beide", regio=RegioFactory(), bestuur=BestuurFactory()
        )


def test_body_without_region_or_government_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Orgaan.objects.create(soort=OrgaanSoort.WERKGROEP, naam="Geen van beide")


def test_membership_cannot_end_before_it_starts_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        LidmaatschapFactory(begindatum=datetime.date(2024, 1, 1), einddatum=datetime.date(2023, 12, 31))


def test_government_code_is_unique_per_country_and_kind():
    BestuurFactory(code="41002", land="BE", soort="gemeente")
    BestuurFactory(code="41002", land="BE", soort="ocmw")
    with pytest.raises(IntegrityError), transaction.atomic():
        BestuurFactory(code="41002", land="BE", soort="gemeente")


def test_adding_a_membership_is_logged_with_its_values():
    orgaan = OrgaanFactory(naam="DBO")
    persoon = PersoonFactory(voornaam="An", achternaam="Peeters")
    lid = services.add_lidmaatschap(
        persoon=persoon, orgaan=orgaan, rol="voorzitter", begindatum=datetime.date(2025, 1, 1), door=None
    )
    entry = ActionLog.objects.get(object_id=str(lid.pk), actie="aangemaakt")
    assert entry.wijzigingen["rol"] == "voorzitter"
    assert entry.wijzigingen["begindatum"] == "2025-01-01"


def test_ending_a_membership_logs_old_and_new_end_date_and_reason():
    lid = LidmaatschapFactory()
    services.end_lidmaatschap(lid, einddatum=datetime.date(2025, 6, 30), door=None, reden="verhuisd")
    entry = ActionLog.objects.filter(object_id=str(lid.pk), actie="gewijzigd").get()
    assert entry.wijzigingen == {"einddatum": [None, "2025-06-30"]}
    assert entry.reden == "verhuisd"
    assert Lidmaatschap.objects.current().filter(pk=lid.pk).exists() is False


def test_service_refuses_end_before_start_with_a_clear_message():
    from django.core.exceptions import ValidationError

    lid = LidmaatschapFactory(begindatum=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="vóór de begindatum"):
        services.end_lidmaatschap(lid, einddatum=datetime.date(2023, 1, 1), door=None)
    assert not ActionLog.objects.filter(object_id=str(lid.pk), actie="gewijzigd").exists()


def test_updating_without_changes_writes_no_log_entry():
    regio = RegioFactory(naam="Denderregio")
    services.update_regio(regio, naam="Denderregio", door=None)
    assert not ActionLog.objects.filter(actie="gewijzigd").exists()
