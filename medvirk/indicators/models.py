"""Indicators and learning between municipalities: the indicator registry, observations
per region and period, fiscal rules, the SDG mapping, the experience library, and the
import jobs that load SSB data."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.places.models import County, District, Municipality


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")
    NEUTRAL = "neutral", _("Neither higher nor lower is better")


class SourceKind(models.TextChoices):
    SSB = "ssb", _("Statistics Norway (SSB)")
    PLATFORM = "platform", _("Computed by medvirk from its own data")
    OTHER = "other", _("Other public source")


class Indicator(TimeStampedModel):
    """A measure that has values per region and period (a KOSTRA key figure, a financial
    key figure, a platform engagement measure)."""

    code = models.CharField(_("code"), max_length=120, unique=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=300)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(
        _("theme"),
        max_length=100,
        blank=True,
        help_text=_("For example Economy, Primary school, Culture."),
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=1, validators=[MaxValueValidator(6)]
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.NEUTRAL
    )
    source = models.CharField(
        _("source"), max_length=10, choices=SourceKind.choices, default=SourceKind.SSB
    )
    source_note = models.CharField(_("source note"), max_length=300, blank=True)
    ssb_table = models.CharField(_("SSB table id"), max_length=10, blank=True)
    ssb_contents_code = models.CharField(_("SSB ContentsCode"), max_length=60, blank=True)
    ssb_filters = models.JSONField(
        _("other fixed SSB dimensions"),
        default=dict,
        blank=True,
        help_text=_('For example {"KOKart0000": "AGD2"}.'),
    )

    class Meta:
        ordering = ["theme", "name_nb"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nb")[:2]
        if language == "en" and self.name_en:
            return self.name_en
        if language == "nn" and self.name_nn:
            return self.name_nn
        return self.name_nb

    @property
    def higher_is_better(self) -> bool | None:
        if self.direction == Direction.NEUTRAL:
            return None
        return self.direction == Direction.HIGHER_IS_BETTER


class RegionKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District")
    KOSTRA_GROUP = "kostra_group", _("KOSTRA group")
    COUNTY = "county", _("County")
    COUNTRY = "country", _("Country")


class Region(models.Model):
    """Where an observation belongs. Codes follow SSB: municipality numbers (``3301``),
    county numbers (``33``), ``EKGnn`` for KOSTRA groups, ``EAK`` (all municipalities) and
    ``EAKUO`` (all but Oslo); a district is ``<municipality number>:<district slug>``."""

    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    code = models.CharField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=150)
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_region",
    )
    district = models.OneToOneField(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_region"
    )
    county = models.OneToOneField(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_region"
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One value of an indicator for a region and period, or SSB's status symbol saying
    why there is none."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="observations", verbose_name=_("region")
    )
    period = models.CharField(_("period"), max_length=10, help_text=_("For example 2024."))
    value = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(_("status symbol"), max_length=3, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved"))

    class Meta:
        ordering = ["indicator", "region", "period"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period"],
                name="observation_unique_per_region_period",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(status=""),
                name="observation_value_or_status",
            ),
        ]
        indexes = [models.Index(fields=["region", "indicator"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.period}"


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class FiscalRule(TimeStampedModel):
    """A council's financial target (finansielt måltall), for example net operating
    result at least 1.75 % of revenues, or self-financing at least 15 % rising to 20 %."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="fiscal_rules",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    comparison = models.CharField(_("comparison"), max_length=10, choices=Comparison.choices)
    threshold = models.FloatField(_("threshold"))
    first_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(1990)]
    )
    target_threshold = models.FloatField(
        _("target threshold"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the threshold does not change over time."),
    )
    target_year = models.PositiveSmallIntegerField(_("reached by year"), null=True, blank=True)
    amber_margin = models.FloatField(
        _("margin for “nearly holds”"),
        default=0.5,
        validators=[MinValueValidator(0)],
        help_text=_(
            "How far on the wrong side of the threshold still counts as nearly "
            "holding, in the indicator's unit."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["municipality", "sort_order", "name"]
        verbose_name = _("fiscal rule")
        verbose_name_plural = _("fiscal rules")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator"], name="fiscal_rule_unique_indicator"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(target_threshold__isnull=True, target_year__isnull=True)
                    | models.Q(
                        target_threshold__isnull=False, target_year__gt=models.F("first_year")
                    )
                ),
                name="fiscal_rule_target_after_first_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def threshold_for(self, year: int) -> float:
        """The threshold that applies in ``year``: rising (or falling) in a straight line
        from ``first_year`` to ``target_year``, then held."""
        if self.target_threshold is None or self.target_year is None or year <= self.first_year:
            return self.threshold
        if year >= self.target_year:
            return self.target_threshold
        share = (year - self.first_year) / (self.target_year - self.first_year)
        return self.threshold + share * (self.target_threshold - self.threshold)


class SdgMapping(models.Model):
    """An indicator counted towards one of the UN's 17 sustainable development goals, as a
    municipality chooses."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="sdg_mappings",
        verbose_name=_("municipality"),
    )
    goal = models.PositiveSmallIntegerField(
        _("goal"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("indicator")
    )

    class Meta:
        ordering = ["municipality", "goal", "indicator"]
        verbose_name = _("SDG mapping")
        verbose_name_plural = _("SDG mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "goal", "indicator"], name="sdg_mapping_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(goal__gte=1, goal__lte=17), name="sdg_mapping_goal_1_to_17"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.indicator_id}"


class ExperienceEntry(TimeStampedModel):
    """What worked: a municipality's account of a challenge, what it did and what came of
    it, with the indicators it moved and someone to ask."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="experience_entries",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=100)
    challenge = models.TextField(_("the challenge"))
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"))
    goals = models.JSONField(_("sustainable development goals"), default=list, blank=True)
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="experiences", verbose_name=_("indicators it moved")
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(
        _("demo text"), default=False, help_text=_("Written for the demo; not a real account.")
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("experience entry")
        verbose_name_plural = _("experience entries")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="experience_unique_slug_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportFormat(models.TextChoices):
    JSONSTAT = "jsonstat", _("JSON-stat 2.0 (SSB)")
    CSV = "csv", _("CSV (long format)")


class ImportJob(TimeStampedModel):
    """An import of one file running in the background, with its progress."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    file_format = models.CharField(_("format"), max_length=10, choices=ImportFormat.choices)
    filename = models.CharField(_("file name"), max_length=200)
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    processed = models.PositiveIntegerField(_("rows checked"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        # checking the rows is 90 % of the work; saving them the rest
        return min(90, round(90 * self.processed / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}
