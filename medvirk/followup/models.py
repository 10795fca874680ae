"""Closing the loop: a status and public answer for every input (:class:`Response`),
decisions the inputs fed (:class:`Decision`), and the activity's "what we heard / what we
did" report (:class:`Report`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.participation.models import Activity, Input


class ResponseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CONSIDERING = "considering", _("Under consideration")
    TAKEN = "taken", _("Taken into account")
    PARTLY = "partly", _("Partly taken into account")
    NOT_TAKEN = "not_taken", _("Not taken into account")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the scope")


class Response(TimeStampedModel):
    """The municipality's status and public answer for one input."""

    input = models.OneToOneField(
        Input, on_delete=models.CASCADE, related_name="response", verbose_name=_("input")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.RECEIVED
    )
    answer = models.TextField(_("public answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.input_id}: {self.get_status_display()}"


class Decision(TimeStampedModel):
    """A decision (vedtak) or conclusion the activity's inputs fed."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("activity")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what was decided"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.CharField(
        _("decided by"), max_length=150, help_text=_("The body or unit that decided.")
    )
    reference = models.CharField(_("case number"), max_length=60, blank=True)
    inputs = models.ManyToManyField(
        Input, related_name="decisions", blank=True, verbose_name=_("inputs behind it")
    )

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title


class Report(TimeStampedModel):
    """The "what we heard / what we did" report of an activity."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="report", verbose_name=_("activity")
    )
    what_we_heard = models.TextField(_("what we heard"))
    what_we_did = models.TextField(_("what we did"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return str(self.activity)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
