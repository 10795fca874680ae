"""The outbox: every e-mail the platform sends goes through here.

:func:`mail_queue` writes one :class:`~medvirk.core.models.OutgoingMail` row per
recipient inside the caller's transaction, and queues the task that sends it once that
transaction commits (nothing is queued when it rolls back). The task, run by
``medvirk worker``, calls :func:`mail_deliver`: it claims the row, sends the message with
Django's mail API (a plain-text part, an HTML part when given, the municipality's name as
the sender's name) and marks it sent. A mail server that refuses is tried again after
:data:`BACKOFF` (30 s, 2 min, 8 min, 32 min); after :data:`MAX_ATTEMPTS` attempts the
message is marked failed, the error logged and kept for the staff, who see it in the back
office and may send it again. Nothing on this path ever raises into a request: the
resident's action stands whatever the mail server does.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import formataddr, parseaddr
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from medvirk.core.jobs import retry_locked
from medvirk.core.models import MailStatus, OutgoingMail

if TYPE_CHECKING:
    from medvirk.places.models import Municipality

logger = logging.getLogger(__name__)

# The pause before each new attempt; one attempt more than pauses.
BACKOFF = (
    datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=8),
    datetime.timedelta(minutes=32),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# A queued message with no attempt for this long has lost its task (the queue was down
# when it was written, say): :func:`mail_requeue_stalled` queues it again.
STALLED_AFTER = datetime.timedelta(minutes=15)
MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class Attachment:
    """A text attachment, such as a booking's iCalendar file."""

    name: str
    content: str
    mimetype: str


def sender_name_for(municipality: Municipality | None) -> str:
    """The name shown as the sender: the municipality's; for the platform's own mail,
    the name in ``DEFAULT_FROM_EMAIL`` (if any)."""
    if municipality is not None:
        return municipality.name
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[0]


def _from_header(sender_name: str) -> str:
    """``"Name" <address>``, with the address of ``DEFAULT_FROM_EMAIL`` (which may carry a
    name of its own)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    address = address or settings.DEFAULT_FROM_EMAIL
    try:
        # Quoted as needed, left unencoded: Django encodes the header when it sends.
        return str(Address(display_name=sender_name or name, addr_spec=address))
    except (ValueError, IndexError):
        return formataddr((sender_name or name, address))


def mail_queue(
    *,
    municipality: Municipality | None,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    attachments: Sequence[Attachment] = (),
) -> OutgoingMail:
    """Write one message to one recipient, and queue its sending when the current
    transaction commits (at once outside a transaction)."""
    outgoing = OutgoingMail.objects.create(
        municipality=municipality,
        to=to.strip(),
        sender_name=sender_name_for(municipality),
        subject=" ".join(str(subject).split())[:500],
        body=str(body),
        html_body=str(html_body),
        attachments=[
            {"name": a.name, "content": a.content, "mimetype": a.mimetype} for a in attachments
        ],
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(partial(_enqueue, outgoing.pk), robust=True)
    return outgoing


def mail_queue_each(
    *,
    municipality: Municipality | None,
    to: Iterable[str],
    subject: str,
    body: str,
    html_body: str = "",
) -> list[OutgoingMail]:
    """The same message to several people, one message each, so no one sees the others'
    addresses (an address given twice gets one message)."""
    seen: set[str] = set()
    queued = []
    for address in to:
        key = address.strip().lower()
        if not key or key in seen:
            continue
        seen.add(key)
        queued.append(
            mail_queue(
                municipality=municipality,
                to=address,
                subject=subject,
                body=body,
                html_body=html_body,
            )
        )
    return queued


def _enqueue(mail_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Queue the task that sends the message. A queue that refuses is logged: the row
    stays queued and :func:`mail_requeue_stalled` queues it later."""
    from medvirk.core.tasks import mail_send

    try:
        task = mail_send.using(run_after=run_after) if run_after is not None else mail_send
        task.enqueue(mail_id)
    except Exception:
        logger.exception("e-mail %s: its sending could not be queued", mail_id)


def _message(outgoing: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=_from_header(outgoing.sender_name),
        to=[outgoing.to],
    )
    if outgoing.html_body:
        message.attach_alternative(outgoing.html_body, "text/html")
    for item in outgoing.attachments:
        message.attach(item["name"], item["content"], item["mimetype"])
    return message


def _claim(mail_id: int, task_id: str) -> OutgoingMail | None:
    """Take the message for this task: a queued one, or one this same task was sending
    when its worker stopped. Sent and failed messages, and messages another task is
    sending, are left alone."""

    def claim() -> OutgoingMail | None:
        with transaction.atomic():
            row = (
                OutgoingMail.objects.select_for_update()
                .filter(pk=mail_id)
                .filter(Q(status=MailStatus.QUEUED) | Q(status=MailStatus.SENDING, task_id=task_id))
                .first()
            )
            if row is None:
                return None
            row.status = MailStatus.SENDING
            row.task_id = task_id
            row.attempts += 1
            row.save(update_fields=["status", "task_id", "attempts"])
            return row

    return retry_locked(claim)


def mail_deliver(*, mail_id: int, task_id: str) -> str:
    """Send one message (the body of the ``mail_send`` task). Returns what became of it:
    ``"sent"``, ``"retry"``, ``"failed"`` or ``"skipped"`` (already sent, failed, or
    being sent by another task)."""
    outgoing = _claim(mail_id, task_id)
    if outgoing is None:
        return "skipped"
    try:
        # The default mailer of MAILERS (Django 6.1).
        mail.mailers.default.send_messages([_message(outgoing)])
    except Exception as error:
        return _record_failure(outgoing, error)
    retry_locked(
        lambda: OutgoingMail.objects.filter(pk=outgoing.pk).update(
            status=MailStatus.SENT,
            sent_at=timezone.now(),
            next_attempt_at=None,
            last_error="",
            task_id="",
        )
    )
    return "sent"


def _record_failure(outgoing: OutgoingMail, error: Exception) -> str:
    text = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
    rows = OutgoingMail.objects.filter(pk=outgoing.pk)
    if outgoing.attempts >= MAX_ATTEMPTS:
        retry_locked(
            lambda: rows.update(
                status=MailStatus.FAILED, last_error=text, next_attempt_at=None, task_id=""
            )
        )
        logger.error(
            "e-mail %s to %s given up after %s attempts: %s",
            outgoing.pk,
            outgoing.to,
            outgoing.attempts,
            text,
        )
        return "failed"
    run_after = timezone.now() + BACKOFF[outgoing.attempts - 1]
    retry_locked(
        lambda: rows.update(
            status=MailStatus.QUEUED, last_error=text, next_attempt_at=run_after, task_id=""
        )
    )
    logger.warning(
        "e-mail %s to %s not sent (attempt %s of %s), tried again at %s: %s",
        outgoing.pk,
        outgoing.to,
        outgoing.attempts,
        MAX_ATTEMPTS,
        run_after.isoformat(),
        text,
    )
    _enqueue(outgoing.pk, run_after=run_after)
    return "retry"


def mail_give_up(*, mail_id: int, reason: str) -> None:
    """Mark a message failed that could not be sent for a reason outside the mail server
    (its worker stopped during every attempt, say)."""
    updated = OutgoingMail.objects.filter(pk=mail_id).exclude(status=MailStatus.SENT)
    if updated.update(status=MailStatus.FAILED, last_error=reason[:MAX_ERROR_LENGTH], task_id=""):
        logger.error("e-mail %s given up: %s", mail_id, reason)


def mail_send_again(*, mails: Iterable[OutgoingMail]) -> int:
    """Queue again, with a fresh count of attempts, messages that failed or still wait
    (the staff's "send again"); sent messages, and messages being sent right now, are left
    alone. Returns how many were queued."""
    again = [MailStatus.FAILED, MailStatus.QUEUED]
    with transaction.atomic():
        ids = list(
            OutgoingMail.objects.select_for_update()
            .filter(pk__in=[m.pk for m in mails], status__in=again)
            .values_list("pk", flat=True)
        )
        OutgoingMail.objects.filter(pk__in=ids).update(
            status=MailStatus.QUEUED, attempts=0, task_id="", next_attempt_at=timezone.now()
        )
        for mail_id in ids:
            transaction.on_commit(partial(_enqueue, mail_id), robust=True)
    return len(ids)


def mail_requeue_stalled(*, now: datetime.datetime | None = None) -> int:
    """Queue again the queued messages whose task is overdue by :data:`STALLED_AFTER`
    (their task was never queued, or was lost). A message queued twice is still sent
    once: the second task finds it claimed or sent."""
    now = now or timezone.now()
    ids = list(
        OutgoingMail.objects.filter(
            status=MailStatus.QUEUED, next_attempt_at__lt=now - STALLED_AFTER
        ).values_list("pk", flat=True)
    )
    OutgoingMail.objects.filter(pk__in=ids).update(next_attempt_at=now)
    for mail_id in ids:
        _enqueue(mail_id)
    return len(ids)
