"""The participation toolbox and its activities.

A :class:`Method` is one entry in the toolbox (verktøykasse). An :class:`Activity`
(medvirkningsaktivitet) is started from a method, belongs to a municipality and maybe one
district, and runs through dated :class:`Phase` rows. Residents give :class:`Input`
(innspill) of the kind the activity asks for; contact details live apart from the input in
:class:`Contact`. Moderation leaves :class:`Flag` and :class:`ModerationAction` rows.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.places.models import District, Municipality

LANGUAGES = ("nb", "nn", "en")


def translated(obj: Any, field: str) -> str:
    """The value of ``<field>_<language>`` in the active language, falling back to bokmål."""
    language = (translation.get_language() or "nb")[:2]
    if language not in LANGUAGES:
        language = "en"
    value = getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_nb", "")
    return str(value)


class Effort(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Method(TimeStampedModel):
    """A participation method in the toolbox, written in bokmål, nynorsk and English.

    Methods without a municipality belong to the installation (the seeded toolbox). A
    municipality's own method is seen by its staff, and by every municipality on the
    installation once it is shared."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("municipality"),
    )
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    is_shared = models.BooleanField(_("shared with other municipalities"), default=False)
    effort = models.CharField(
        _("effort"), max_length=10, choices=Effort.choices, default=Effort.MEDIUM
    )
    input_kind = models.CharField(_("kind of input it collects"), max_length=20, default="idea")
    name_nb = models.CharField(_("name (bokmål)"), max_length=120)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    purpose_nb = models.TextField(_("purpose (bokmål)"))
    purpose_nn = models.TextField(_("purpose (nynorsk)"))
    purpose_en = models.TextField(_("purpose (English)"))
    when_nb = models.TextField(_("when to use it (bokmål)"))
    when_nn = models.TextField(_("when to use it (nynorsk)"))
    when_en = models.TextField(_("when to use it (English)"))
    reaches_nb = models.TextField(_("whom it reaches (bokmål)"))
    reaches_nn = models.TextField(_("whom it reaches (nynorsk)"))
    reaches_en = models.TextField(_("whom it reaches (English)"))
    misses_nb = models.TextField(_("whom it misses (bokmål)"))
    misses_nn = models.TextField(_("whom it misses (nynorsk)"))
    misses_en = models.TextField(_("whom it misses (English)"))
    accessibility_nb = models.TextField(_("accessibility advice (bokmål)"))
    accessibility_nn = models.TextField(_("accessibility advice (nynorsk)"))
    accessibility_en = models.TextField(_("accessibility advice (English)"))
    steps_nb = models.TextField(_("steps, one per line (bokmål)"))
    steps_nn = models.TextField(_("steps, one per line (nynorsk)"))
    steps_en = models.TextField(_("steps, one per line (English)"))

    class Meta:
        ordering = ["name_nb"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")

    @property
    def purpose(self) -> str:
        return translated(self, "purpose")

    @property
    def when(self) -> str:
        return translated(self, "when")

    @property
    def reaches(self) -> str:
        return translated(self, "reaches")

    @property
    def misses(self) -> str:
        return translated(self, "misses")

    @property
    def accessibility(self) -> str:
        return translated(self, "accessibility")

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in translated(self, "steps").splitlines() if line.strip()]


class InputKind(models.TextChoices):
    IDEA = "idea", _("Idea")
    COMMENT = "comment", _("Comment on a draft")
    SURVEY = "survey", _("Survey answers")
    MAP = "map", _("Map input")
    STATEMENT = "statement", _("Statements to agree or disagree with")


class OwnerKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Administrative unit")
    POLITICAL = "political", _("Political body")


class ParticipationRule(models.TextChoices):
    ANYONE = "anyone", _("Anyone (contact details optional)")
    LOGGED_IN = "logged_in", _("Logged-in users")
    VERIFIED = "verified", _("Verified residents")


class Residency(models.TextChoices):
    """Where verified residents must live to take part (with ``ParticipationRule.VERIFIED``)."""

    DISTRICT = "district", _("In the activity's district")
    MUNICIPALITY = "municipality", _("Anywhere in the municipality")


class Moderation(models.TextChoices):
    PRE = "pre", _("Before publishing")
    POST = "post", _("After publishing")


class PhaseKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for input")
    SUMMARISING = "summarising", _("Summarising")
    REPORTING = "reporting", _("Reporting back")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = [kind.value for kind in PhaseKind]


class Activity(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("district"),
        help_text=_("Empty for the whole municipality."),
    )
    method = models.ForeignKey(
        Method, on_delete=models.PROTECT, related_name="activities", verbose_name=_("method")
    )
    slug = models.SlugField(_("address name"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=60, blank=True)
    input_kind = models.CharField(
        _("kind of input"), max_length=20, choices=InputKind.choices, default=InputKind.IDEA
    )
    owner_kind = models.CharField(
        _("owner kind"), max_length=20, choices=OwnerKind.choices, default=OwnerKind.ADMINISTRATION
    )
    owner_name = models.CharField(
        _("owner"), max_length=150, help_text=_("The unit or political body responsible.")
    )
    participation_rule = models.CharField(
        _("who may take part"),
        max_length=20,
        choices=ParticipationRule.choices,
        default=ParticipationRule.ANYONE,
    )
    residency = models.CharField(
        _("verified residents living"),
        max_length=20,
        choices=Residency.choices,
        default=Residency.DISTRICT,
        help_text=_("For verified residents only. Without a district: the whole municipality."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("For verified residents only, who have a verified date of birth."),
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.POST
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="activity_unique_slug_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase_on(self, day: datetime.date) -> str:
        """The phase the activity is in on ``day``: the latest phase that has started,
        or planned before any phase starts. Reads the prefetched phases."""
        current = PhaseKind.PLANNED.value
        for phase in sorted(self.phases.all(), key=lambda p: PHASE_ORDER.index(p.kind)):
            if phase.starts_on <= day:
                current = phase.kind
        return current

    @property
    def current_phase(self) -> str:
        return self.phase_on(timezone.localdate())

    @property
    def current_phase_label(self) -> str:
        return str(PhaseKind(self.current_phase).label)

    @property
    def is_open(self) -> bool:
        return self.current_phase == PhaseKind.OPEN

    def closes_on(self) -> datetime.date | None:
        for phase in self.phases.all():
            if phase.kind == PhaseKind.OPEN:
                return phase.ends_on
        return None


class Phase(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="phases", verbose_name=_("activity")
    )
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["activity", "kind"], name="phase_unique_per_activity"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_kind_display()}"


class Document(TimeStampedModel):
    """One version of a draft put out for hearing. Versions of the same draft share the
    activity; the highest version is the current one."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="documents", verbose_name=_("activity")
    )
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    change_note = models.TextField(_("what changed"), blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["activity", "version"], name="document_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Section(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="sections", verbose_name=_("document")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="section_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    PAPER = "paper", _("Paper")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")


class Visibility(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class Input(TimeStampedModel):
    """One piece of input (innspill). Who wrote it is either a user, or nobody (with
    contact details, if any, in :class:`Contact`)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("activity")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InputKind.choices)
    title = models.CharField(_("title"), max_length=150, blank=True)
    text = models.TextField(_("text"), blank=True)
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("section"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("district"),
        help_text=_("The activity's district, or where the point is."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    line = models.JSONField(_("line (GeoJSON LineString)"), null=True, blank=True)
    photo = models.FileField(_("photo"), upload_to="innspill/%Y/%m/", blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("author"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by staff"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLISHED
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    submission_key = models.CharField(_("submission key"), max_length=64, unique=True)
    private_token = models.CharField(_("private link token"), max_length=64, unique=True)
    fingerprint = models.CharField(_("text fingerprint"), max_length=64, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        indexes = [
            models.Index(fields=["activity", "visibility", "-created_at"]),
            models.Index(fields=["activity", "-created_at", "-id"], name="input_activity_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "fingerprint"], name="input_no_duplicate_text"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.text[:60]

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLISHED

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        text = " ".join(self.text.split())
        if not text:  # survey answers, a map point without words
            return str(_("Input %(number)s") % {"number": self.pk})
        return text[:80] + ("…" if len(text) > 80 else "")

    @property
    def photo_url(self) -> str:
        """Where the photo is served, after the access check (see medvirk.core.media)."""
        from medvirk.core.media import stored_file_url

        return stored_file_url(self, "photo")


class Contact(models.Model):
    """Contact details left with an input, kept apart from it, shown only to the
    municipality's staff and never exported publicly."""

    input = models.OneToOneField(
        Input, on_delete=models.CASCADE, related_name="contact", verbose_name=_("input")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    consent = models.BooleanField(_("agreed to be contacted"), default=False)
    language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("The language e-mails are sent in.")
    )

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return self.name or self.email or self.phone


class Support(models.Model):
    """One person's support for an idea: by user, or by browser session when anonymous."""

    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="supports", verbose_name=_("input")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    session_key = models.CharField(_("session"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["input", "user"],
                condition=models.Q(user__isnull=False),
                name="support_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["input", "session_key"],
                condition=~models.Q(session_key=""),
                name="support_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.input_id}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale from 1 to 5")


class Question(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="questions", verbose_name=_("activity")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="question_unique_number"),
        ]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="answers", verbose_name=_("input")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("text"), blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["input", "question"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return self.text or ", ".join(self.choices) or str(self.number or "")


class Statement(models.Model):
    """A short statement residents agree or disagree with; residents may add new ones,
    which are published like any input (the input row carries the text)."""

    input = models.OneToOneField(
        Input, on_delete=models.CASCADE, related_name="statement", verbose_name=_("input")
    )
    agree_count = models.PositiveIntegerField(_("agree"), default=0)
    disagree_count = models.PositiveIntegerField(_("disagree"), default=0)
    pass_count = models.PositiveIntegerField(_("pass"), default=0)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.input.text


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    PASS = "pass", _("Pass")


class Vote(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="votes", verbose_name=_("statement")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    session_key = models.CharField(_("session"), max_length=64, blank=True)
    choice = models.CharField(_("choice"), max_length=10, choices=VoteChoice.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "user"],
                condition=models.Q(user__isnull=False),
                name="vote_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["statement", "session_key"],
                condition=~models.Q(session_key=""),
                name="vote_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.choice


class Flag(models.Model):
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="flags", verbose_name=_("input")
    )
    reason = models.CharField(_("reason"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    session_key = models.CharField(_("session"), max_length=64, blank=True)
    is_resolved = models.BooleanField(_("resolved"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["input", "session_key"],
                condition=~models.Q(session_key=""),
                name="flag_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.reason


class ModerationActionKind(models.TextChoices):
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Restored")
    DISMISS = "dismiss", _("Flags dismissed")


class ModerationAction(models.Model):
    """The audit of every moderation action on residents' content."""

    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="moderation_actions", verbose_name=_("input")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationActionKind.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.input_id}"
