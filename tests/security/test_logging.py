"""Errors are heard: a 500 writes its traceback to the log (stdout) with the request id, the
user id and the path, and is mailed to ADMINS."""

import io
import logging

import pytest
from django.core import mail
from django.test import Client


@pytest.fixture
def log_stream():
    """The configured stdout handler, writing into a buffer for the test."""
    handler = next(
        h
        for h in logging.getLogger("django.request").handlers
        if isinstance(h, logging.StreamHandler) and h.name != "mail_admins" and not hasattr(h, "send_mail")
    )
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    yield buffer
    handler.setStream(old)


@pytest.fixture
def boom_urls(settings):
    settings.ROOT_URLCONF = "tests.security.urls_boom"
    settings.ADMINS = [("Desk", "desk@example.org")]


@pytest.mark.django_db
def test_a_500_leaves_a_traceback_with_request_user_and_path(boom_urls, log_stream, admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    response = client.get("/boom/?x=1", HTTP_X_REQUEST_ID="probe-123")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "probe-123"
    log = log_stream.getvalue()
    assert "Traceback (most recent call last)" in log
    assert "the printing press is on fire" in log
    assert "request=probe-123" in log
    assert f"user={admin_user.pk}" in log
    assert "path=/boom/" in log
    assert len(mail.outbox) == 1 and "desk@example.org" in mail.outbox[0].to
    assert "the printing press is on fire" in mail.outbox[0].body


@pytest.mark.django_db
def test_an_anonymous_request_gets_a_generated_id(boom_urls, log_stream):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_X_REQUEST_ID="bad id\x01<script>")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and "<" not in request_id
    assert f"request={request_id} user=- path=/boom/" in log_stream.getvalue()
