"""A mail server that accepts connections but never answers holds no database row and ends in EMAIL_TIMEOUT."""

import socket
import threading

import pytest
from django.db import connections, transaction
from django.utils import timezone

from regioportaal.models import Melding, User
from regioportaal.tasks import send_melding


@pytest.fixture
def hanging_mail_server(settings):
    """A TCP server that accepts and never says a word; on each connection it first runs `server.while_hanging`."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    state = {"while_hanging": lambda: None, "seen": []}

    def serve():
        try:
            conn, _address = listener.accept()
        except OSError:
            return
        try:
            state["seen"].append(
                state["while_hanging"]()
            )  # the client now waits for a greeting that never comes
        finally:
            connections.close_all()
        state["conn"] = conn  # kept open and silent until the test ends

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_USE_TLS = False
    yield state
    listener.close()
    thread.join(timeout=5)
    if "conn" in state:
        state["conn"].close()


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_holds_no_row_lock_and_the_notification_stays_unsent(hanging_mail_server):
    user = User.objects.create_user("anna@example.org", "x" * 16)
    melding = Melding.objects.create(user=user, onderwerp="Agenda DBO", tekst="De agenda staat klaar.")

    def lock_the_row():
        """Another request (a web worker) locking the same row while the mail hangs: it must not have to wait."""
        with transaction.atomic():
            return Melding.objects.select_for_update(nowait=True).filter(pk=melding.pk).exists()

    hanging_mail_server["while_hanging"] = lock_the_row

    with pytest.raises(
        Exception
    ) as failure:  # the task fails (and Celery retries it), bounded by EMAIL_TIMEOUT
        send_melding.run(melding.pk)

    assert isinstance(failure.value, OSError) or "Retry" in type(failure.value).__name__
    assert hanging_mail_server["seen"] == [True]  # the row was free while the mail server kept silent
    melding.refresh_from_db()
    assert melding.verzonden_op is None  # not marked sent: the next run sends it
    assert Melding.objects.filter(verzonden_op__isnull=True, aangemaakt__lte=timezone.now()).count() == 1
