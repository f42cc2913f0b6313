import pytest


@pytest.fixture(autouse=True)
def _dutch(settings):
    """Tests see the portal as a Dutch user does, whatever the machine's locale."""
    settings.LANGUAGE_CODE = "nl"
