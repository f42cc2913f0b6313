"""The opgaven tests' world `w` (tests/opgaven/factories.py: the shared world with goals, themes and opgaven)."""

import pytest

from opgaven import models
from regioportaal.models import ActionLog
from tests import momentopname
from tests.opgaven.factories import bouw_wereld

GETELD = (
    models.Indicator,
    models.Budgetregel,
    models.Capaciteit,
    models.Synergie,
    models.Mandaat,
    models.Verplichting,
    models.Voortgang,
    ActionLog,
)


@pytest.fixture
def w(db, snelle_wachtwoorden):
    return momentopname.bouw("opgaven.w", bouw_wereld)


@pytest.fixture
def stand(db):
    """A function returning what the opgaven hold (each opgave's title and status, the number of rows of their
    parts and of the action log): a refused action leaves it equal."""

    def opnemen():
        opgaven = list(models.Opgave.objects.order_by("pk").values_list("titel", "status"))
        return opgaven, [model.objects.count() for model in GETELD]

    return opnemen
