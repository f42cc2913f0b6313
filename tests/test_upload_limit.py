"""A file over the limit never lands: its bytes beyond the limit are dropped as they arrive, and the form says why."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler
from django.test import RequestFactory
from django.test.client import encode_multipart

from regioportaal.uploads import PDF, TooLargeUpload, check_upload

PDF_HEAD = b"%PDF-1.7\n"


class Spy(FileUploadHandler):
    """Stands where Django's memory and disk handlers stand: counts what would have been stored."""

    stored = 0

    def receive_data_chunk(self, raw_data, start):
        Spy.stored += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


def _post(settings, data):
    body = encode_multipart("BoUnDaRy", {"titel": "Begroting", "document": data})
    request = RequestFactory().generic(
        "POST", "/", body, content_type="multipart/form-data; boundary=BoUnDaRy"
    )
    request.upload_handlers.insert(1, Spy(request))
    Spy.stored = 0
    return request


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_bytes_beyond_the_limit_reach_no_storing_handler_and_the_form_refuses_the_file(settings):
    settings.UPLOAD_MAX_BYTES = 200_000
    request = _post(settings, _file("groot.pdf", PDF_HEAD + b"0" * 1_000_000))

    upload = request.FILES["document"]
    assert isinstance(upload, TooLargeUpload)
    assert upload.size == len(PDF_HEAD) + 1_000_000  # the size that was sent, for the message
    # At most the limit (and the chunk that crossed it) was passed on to be stored.
    assert Spy.stored <= 200_000 + 64 * 1024
    assert request.POST["titel"] == "Begroting"  # the other fields are kept
    with pytest.raises(ValidationError) as refusal:
        check_upload(upload)
    assert refusal.value.code == "te_groot"
    assert refusal.value.messages[0].startswith("Het bestand is te groot (976,6\xa0KB)")


def test_a_file_within_the_limit_arrives_whole(settings):
    settings.UPLOAD_MAX_BYTES = 200_000
    content = PDF_HEAD + b"0" * 100_000
    request = _post(settings, _file("klein.pdf", content))

    upload = request.FILES["document"]
    assert not isinstance(upload, TooLargeUpload)
    assert upload.read() == content
    upload.seek(0)
    assert check_upload(upload) == PDF
