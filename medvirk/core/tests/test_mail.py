"""The outbox: e-mail is written with the action that causes it, queued for the task
worker when the action commits (never when it rolls back), and sent by the worker with a
plain-text part and the municipality's name as the sender. A mail server that refuses
is tried again with growing pauses, then given up: the error is stored, logged and shown
to the staff, who may send the message again. A message is sent once, however often its
task runs. Administrators see their own municipality's mail only."""

from __future__ import annotations

import datetime
import email.policy
import logging
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.core import mail as outbox
from medvirk.core.models import MailStatus, OutgoingMail
from medvirk.core.tasks import mail_send
from medvirk.places.tests.factories import MunicipalityFactory
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

REFUSING = {"default": {"BACKEND": "medvirk.core.tests.test_mail.RefusingBackend"}}


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPException("421 service not available")


def _queued_tasks() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=mail_send.module_path, status=TaskResultStatus.READY)
    )


def _queue(municipality: Any = None, **kwargs: Any) -> OutgoingMail:
    values = {"to": "ola@example.no", "subject": "Hei", "body": "Hei, Ola.\n"} | kwargs
    return outbox.mail_queue(municipality=municipality, **values)


def _make_due() -> None:
    """Bring the retries forward to now, as if their pause had passed."""
    DBTaskResult.objects.filter(task_path=mail_send.module_path).update(run_after=timezone.now())


def test_mail_is_queued_when_the_transaction_commits_not_before(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The row is written at once; its task only once the action has committed."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outgoing = _queue()
        assert OutgoingMail.objects.filter(pk=outgoing.pk, status=MailStatus.QUEUED).exists()
        assert _queued_tasks() == []
    assert len(callbacks) == 1
    assert [task.args_kwargs["args"] for task in _queued_tasks()] == [[outgoing.pk]]
    assert mail.outbox == []  # nothing is sent in the request


def test_nothing_is_queued_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """An action that fails leaves neither a message nor a task behind."""
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError("the action fails")
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert _queued_tasks() == []


def test_the_worker_sends_plain_text_from_the_municipality(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    """One message to one recipient, with a plain-text part (and the HTML part and
    attachment when given), from the municipality's name at the platform's address."""
    settings.DEFAULT_FROM_EMAIL = "Medvirk <ikkje-svar@medvirk.example>"
    municipality = MunicipalityFactory(name="Ås kommune")
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = _queue(
            municipality,
            html_body="<p>Hei, Ola.</p>",
            attachments=[outbox.Attachment("booking.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )
    run_queued_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ola@example.no"]
    assert message.from_email == "Ås kommune <ikkje-svar@medvirk.example>"
    assert message.body == "Hei, Ola.\n"
    sent = message.message(policy=email.policy.default)
    assert sent["From"].addresses[0].display_name == "Ås kommune"
    assert sent.get_body(("plain",)).get_content() == "Hei, Ola.\n"
    assert sent.get_body(("html",)).get_content().strip() == "<p>Hei, Ola.</p>"
    assert [a.get_filename() for a in sent.iter_attachments()] == ["booking.ics"]
    outgoing.refresh_from_db()
    assert outgoing.status == MailStatus.SENT
    assert outgoing.attempts == 1
    assert outgoing.sent_at is not None


def test_platform_mail_has_the_platform_name(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Medvirk <ikkje-svar@medvirk.example>"
    with django_capture_on_commit_callbacks(execute=True):
        _queue(None)
    run_queued_tasks()
    assert mail.outbox[0].from_email == "Medvirk <ikkje-svar@medvirk.example>"


def test_one_message_per_recipient(django_capture_on_commit_callbacks: Any) -> None:
    """No one sees the others' addresses; an address given twice gets one message."""
    with django_capture_on_commit_callbacks(execute=True):
        outbox.mail_queue_each(
            municipality=MunicipalityFactory(),
            to=["a@example.no", "b@example.no", "A@example.no"],
            subject="Avlyst",
            body="Møtet er avlyst.",
        )
    run_queued_tasks()
    assert sorted(m.to for m in mail.outbox) == [["a@example.no"], ["b@example.no"]]


def test_a_refusing_mail_server_means_retries_with_backoff_then_failure(
    django_capture_on_commit_callbacks: Any, settings: Any, caplog: Any
) -> None:
    """Each refusal is counted and the next attempt waits longer (30 s, 2, 8, 32 min);
    after the last attempt the message is failed, its error stored and logged."""
    settings.MAILERS = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = _queue(MunicipalityFactory())
    pauses = []
    for attempt in range(1, outbox.MAX_ATTEMPTS):
        before = timezone.now()
        run_queued_tasks()
        outgoing.refresh_from_db()
        assert outgoing.status == MailStatus.QUEUED
        assert outgoing.attempts == attempt
        assert "421 service not available" in outgoing.last_error
        (retry,) = _queued_tasks()
        assert retry.run_after > timezone.now()  # not before its pause
        assert retry.run_after == outgoing.next_attempt_at
        pauses.append(retry.run_after - before)
        run_queued_tasks()  # too early: the worker leaves it
        assert OutgoingMail.objects.get(pk=outgoing.pk).attempts == attempt
        _make_due()
    assert [round(p.total_seconds() / 10) * 10 for p in pauses] == [30, 120, 480, 1920]

    with caplog.at_level(logging.ERROR, logger="medvirk.core.mail"):
        run_queued_tasks()
    outgoing.refresh_from_db()
    assert outgoing.status == MailStatus.FAILED
    assert outgoing.attempts == outbox.MAX_ATTEMPTS
    assert outgoing.last_error == "SMTPException: 421 service not available"
    assert _queued_tasks() == []
    assert any(r.levelno == logging.ERROR and "given up" in r.getMessage() for r in caplog.records)
    assert mail.outbox == []


def test_a_retry_succeeds_when_the_server_is_back(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    locmem = settings.MAILERS
    settings.MAILERS = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = _queue()
    run_queued_tasks()
    settings.MAILERS = locmem
    _make_due()
    run_queued_tasks()
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts, outgoing.last_error) == (MailStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_running_the_task_twice_sends_once(django_capture_on_commit_callbacks: Any) -> None:
    """A second task for the same message (a rerun, or "send again" meanwhile) finds it
    sent and leaves it."""
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = _queue()
    mail_send.enqueue(outgoing.pk)
    run_queued_tasks()
    assert len(mail.outbox) == 1
    mail_send.enqueue(outgoing.pk)
    run_queued_tasks()
    assert len(mail.outbox) == 1
    results = DBTaskResult.objects.filter(task_path=mail_send.module_path)
    assert sorted(str(r.return_value) for r in results) == ["sent", "skipped", "skipped"]


def test_a_message_another_task_is_sending_is_left_alone() -> None:
    outgoing = _queue()
    assert outbox._claim(outgoing.pk, "task-a") is not None
    assert outbox.mail_deliver(mail_id=outgoing.pk, task_id="task-b") == "skipped"
    # The same task, run again after its worker stopped, takes it up again.
    assert outbox.mail_deliver(mail_id=outgoing.pk, task_id="task-a") == "sent"
    assert len(mail.outbox) == 1


def test_a_lost_task_is_queued_again_by_the_sweep() -> None:
    """A queued message whose task never came (the queue was down) is queued again."""
    outgoing = OutgoingMail.objects.create(
        to="ola@example.no",
        subject="Hei",
        body="Hei",
        next_attempt_at=timezone.now() - outbox.STALLED_AFTER - datetime.timedelta(minutes=1),
    )
    assert outbox.mail_requeue_stalled() == 1
    run_queued_tasks()
    outgoing.refresh_from_db()
    assert outgoing.status == MailStatus.SENT
    assert outbox.mail_requeue_stalled() == 0


def test_mail_given_up_after_lost_workers_is_failed() -> None:
    outgoing = _queue()
    outbox.mail_give_up(mail_id=outgoing.pk, reason="its worker stopped")
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.last_error) == (MailStatus.FAILED, "its worker stopped")


# --- The back office ---------------------------------------------------------------------


@pytest.fixture
def two_outboxes() -> dict[str, Any]:
    home = MunicipalityFactory(name="Hjemby")
    other = MunicipalityFactory(name="Naboby")
    return {
        "home": home,
        "home_mail": OutgoingMail.objects.create(
            municipality=home, to="a@hjemby.no", subject="Hjemmepost", body="x"
        ),
        "other_mail": OutgoingMail.objects.create(
            municipality=other, to="b@naboby.no", subject="Nabopost", body="x"
        ),
        "platform_mail": OutgoingMail.objects.create(
            to="c@example.no", subject="Plattformpost", body="x"
        ),
    }


def test_a_municipality_admin_sees_only_own_mail(client: Any, two_outboxes: Any) -> None:
    """Another municipality's mail, and the platform's, are out of sight and reach."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=two_outboxes["home"])
    client.force_login(admin)
    listing = client.get("/admin/core/outgoingmail/")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Hjemmepost" in content
    assert "Nabopost" not in content and "Plattformpost" not in content
    for other in ("other_mail", "platform_mail"):
        page = client.get(f"/admin/core/outgoingmail/{two_outboxes[other].pk}/change/")
        assert page.status_code in {302, 403, 404}


def test_the_platform_admin_sees_all_mail(client: Any, two_outboxes: Any) -> None:
    client.force_login(user_with_role(Role.PLATFORM_ADMIN))
    content = client.get("/admin/core/outgoingmail/").content.decode()
    assert all(s in content for s in ("Hjemmepost", "Nabopost", "Plattformpost"))


def test_failed_mail_is_filtered_and_sent_again(
    client: Any, two_outboxes: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The staff filter on failed mail and send it again; another municipality's mail
    cannot be slipped into the action."""
    OutgoingMail.objects.update(
        status=MailStatus.FAILED, attempts=outbox.MAX_ATTEMPTS, last_error="refused"
    )
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=two_outboxes["home"])
    client.force_login(admin)
    failed = client.get("/admin/core/outgoingmail/", {"status__exact": "failed"})
    assert "Hjemmepost" in failed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/core/outgoingmail/",
            {
                "action": "send_again",
                "_selected_action": [two_outboxes["home_mail"].pk, two_outboxes["other_mail"].pk],
            },
            follow=True,
        )
    assert response.status_code == 200
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [["a@hjemby.no"]]
    home, other = (two_outboxes[k] for k in ("home_mail", "other_mail"))
    home.refresh_from_db()
    other.refresh_from_db()
    assert (home.status, home.attempts) == (MailStatus.SENT, 1)
    assert other.status == MailStatus.FAILED
