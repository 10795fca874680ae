"""The web side of the themes engine (``medvirk.algorithms.themes``).

Staff start an :class:`Analysis` of an activity's inputs; it runs in the background and,
when it is done, leaves a draft :class:`Summary`: :class:`Theme` rows with their inputs
(:class:`ThemeInput`), the near-duplicate groups and the inputs set apart. Staff review
the draft (rename, merge, split, move inputs, choose quotes); every change is recorded as
a :class:`SummaryEvent`. Nothing is public until a person publishes the summary, which
then appears on the activity page and in its "what we heard / what we did" report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.participation.models import Activity, Input


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UNFINISHED = (AnalysisStatus.PENDING, AnalysisStatus.RUNNING)


class Failure(models.TextChoices):
    NONE = "", _("None")
    ERROR = "error", _("The analysis failed unexpectedly. Nothing was changed; try again.")
    STOPPED = "stopped", _("The analysis stopped without finishing. Nothing was changed.")


class Analysis(TimeStampedModel):
    """One run of the themes engine on an activity's published inputs."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("activity")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    requested_themes = models.PositiveSmallIntegerField(
        _("number of themes asked for"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.PENDING
    )
    percent = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    input_count = models.PositiveIntegerField(_("inputs"), default=0)
    theme_count = models.PositiveIntegerField(_("themes found"), default=0)
    failure = models.CharField(
        _("why it failed"), max_length=10, choices=Failure.choices, blank=True, default=""
    )
    detail = models.TextField(_("technical detail"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        constraints = [
            # Two clicks on "start" cannot start two analyses of the same activity.
            models.UniqueConstraint(
                fields=["activity"],
                condition=models.Q(status__in=["pending", "running"]),
                name="analysis_one_unfinished_per_activity",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="analysis_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in {AnalysisStatus.DONE, AnalysisStatus.FAILED}


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPLACED = "replaced", _("Replaced by a newer analysis")


class Summary(TimeStampedModel):
    """The themes of an activity's inputs, as the engine found them and staff reviewed
    them. An activity has at most one draft and at most one published summary."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("activity")
    )
    analysis = models.OneToOneField(
        Analysis, on_delete=models.PROTECT, related_name="summary", verbose_name=_("analysis")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT
    )
    backend = models.CharField(_("method"), max_length=20, blank=True)
    written_forms = models.JSONField(_("written forms"), default=dict, blank=True)
    # [{"input_id": 12, "reason": "empty"}]: inputs the engine set apart, and why.
    not_analysed = models.JSONField(_("inputs set apart"), default=list, blank=True)
    # [{"representative_id": 12, "member_ids": [12, 40, 41]}]: near-identical inputs.
    duplicates = models.JSONField(_("near-identical inputs"), default=list, blank=True)
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
        ordering = ["-created_at", "-id"]
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["activity"],
                condition=models.Q(status="draft"),
                name="summary_one_draft_per_activity",
            ),
            models.UniqueConstraint(
                fields=["activity"],
                condition=models.Q(status="published"),
                name="summary_one_published_per_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_status_display()}"

    @property
    def input_count(self) -> int:
        """How many inputs the analysis read."""
        return self.analysis.input_count

    @property
    def is_draft(self) -> bool:
        return self.status == SummaryStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == SummaryStatus.PUBLISHED


class Theme(models.Model):
    summary = models.ForeignKey(
        Summary, on_delete=models.CASCADE, related_name="themes", verbose_name=_("summary")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("name"), max_length=150)
    engine_label = models.CharField(_("name the analysis suggested"), max_length=150)
    label_words = models.JSONField(_("characteristic words"), default=list, blank=True)
    # Ids of the inputs quoted for the theme, in order; each one is a member.
    quote_ids = models.JSONField(_("quoted inputs"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.label


class ThemeInput(models.Model):
    """An input's place in one theme of a summary (at most one theme per summary)."""

    summary = models.ForeignKey(
        Summary, on_delete=models.CASCADE, related_name="members", verbose_name=_("summary")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="members", verbose_name=_("theme")
    )
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="theme_places", verbose_name=_("input")
    )

    class Meta:
        verbose_name = _("input in a theme")
        verbose_name_plural = _("inputs in themes")
        constraints = [
            models.UniqueConstraint(fields=["summary", "input"], name="theme_input_once"),
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}: {self.input_id}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Analysis finished")
    RENAMED = "renamed", _("Theme renamed")
    MERGED = "merged", _("Themes merged")
    SPLIT = "split", _("Theme split")
    MOVED = "moved", _("Inputs moved")
    QUOTES = "quotes", _("Quotes changed")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SummaryEvent(models.Model):
    """The audit of a summary: who changed what, and when."""

    summary = models.ForeignKey(
        Summary, on_delete=models.CASCADE, related_name="events", verbose_name=_("summary")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("what"), max_length=10, choices=EventKind.choices)
    detail = models.CharField(_("detail"), max_length=400, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("summary event")
        verbose_name_plural = _("summary events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"
