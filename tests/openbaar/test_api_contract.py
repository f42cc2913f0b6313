"""The contract test: every endpoint's responses, for generated parameters, match the OpenAPI document the API
serves (schemathesis against the WSGI application, on a small world with data; a few examples per endpoint)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from tests.openbaar.test_api import bouw_api_wereld

VOORBEELDEN = settings(
    max_examples=6,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def schema(world, settings):
    """The served document, loaded through the WSGI application; the requests run inside the test's transaction, so
    the application must not close the connection at the end of a request (Django's test client does the same)."""
    settings.OPENBAAR_API_RATE = "100000/min"  # the contract, not the rate limit (tests/openbaar/test_api.py)
    settings.ALLOWED_HOSTS = ["localhost"]
    bouw_api_wereld(world)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_endpoint_answers_as_its_openapi_document_says(schema):
    operaties = [resultaat.ok() for resultaat in schema.get_all_operations()]
    assert len(operaties) == 15
    for operatie in operaties:

        @VOORBEELDEN
        @given(case=operatie.as_strategy())
        def check(case):
            case.call_and_validate()

        check()
