"""Base models shared by every app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """A running task worker (``medvirk worker``): who it is, where, and when it was last
    seen. Tasks claimed by a worker that stopped beating are recovered (see
    :mod:`medvirk.core.worker`)."""

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutgoingMail(models.Model):
    """One e-mail message to one recipient, written in the transaction of the action that
    causes it and sent afterwards by the task worker, with retries (see
    :mod:`medvirk.core.mail`). Failed messages stay here for the staff to see and send
    again."""

    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_mail",
        verbose_name=_("municipality"),
        help_text=_("Empty for messages from the platform itself."),
    )
    to = models.EmailField(_("recipient"), max_length=254)
    sender_name = models.CharField(_("sender name"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    # Text attachments (a booking's .ics file): [{"name", "content", "mimetype"}, ...].
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MailStatus.choices,
        default=MailStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # The task sending the message right now: a second task leaves it alone, and the
    # same task run again (after its worker stopped) takes it up again.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class AccessibilityFeedback(models.Model):
    """A resident's report of an accessibility problem on the site (the feedback the
    accessibility statement promises), sent to one municipality's staff. The e-mail
    address is optional and only used to answer."""

    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        related_name="accessibility_feedback",
        verbose_name=_("municipality"),
    )
    page = models.CharField(_("page"), max_length=500)
    description = models.TextField(_("problem"))
    email = models.EmailField(_("e-mail for an answer"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # The form's one-time key: the same form sent twice is stored once.
    submission_key = models.CharField(_("submission key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    is_answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.page[:80]
