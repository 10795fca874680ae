"""Associations, volunteers, themed working groups and low-threshold offers.

Everything belongs to a municipality and, where it makes sense, to a district and a hub.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.places.models import District, Hub, Municipality, Room, Weekday
from medvirk.volunteering.validators import validate_organisation_number


class Organisation(TimeStampedModel):
    """A local association (lag og forening)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address name"), max_length=150)
    purpose = models.TextField(_("purpose"))
    activities = models.TextField(_("activities"), blank=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_(
            "Nine digits, from the Brønnøysund registers. Leave empty if the association has none."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_organisations",
        verbose_name=_("managers"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="organisation_unique_slug_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "organisation_number"],
                condition=~models.Q(organisation_number=""),
                name="organisation_unique_number_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.TextChoices):
    SAFE_NEIGHBOURHOOD = "safe_neighbourhood", _("Safe neighbourhood")
    FOOD_AND_COMMUNITY = "food_and_community", _("Food and community")
    YOUTH = "youth", _("Youth")
    CULTURE = "culture", _("Culture and creativity")
    SPORT = "sport", _("Sport and outdoor life")
    LANGUAGE = "language", _("Language and homework help")
    SENIORS = "seniors", _("Seniors")
    ENVIRONMENT = "environment", _("Environment and reuse")


class Skill(models.TextChoices):
    COOKING = "cooking", _("Cooking")
    MENTORING = "mentoring", _("Mentoring and listening")
    TEACHING = "teaching", _("Teaching and homework help")
    SPORT = "sport", _("Sport and games")
    CRAFTS = "crafts", _("Crafts and repairs")
    ORGANISING = "organising", _("Organising events")
    DRIVING = "driving", _("Driving")
    INTERPRETING = "interpreting", _("Interpreting")
    DIGITAL = "digital", _("Digital help")
    NIGHT_WALKS = "night_walks", _("Night walks")


class SpokenLanguage(models.TextChoices):
    NORWEGIAN = "no", _("Norwegian")
    ENGLISH = "en", _("English")
    POLISH = "pl", _("Polish")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    URDU = "ur", _("Urdu")
    TURKISH = "tr", _("Turkish")
    TIGRINYA = "ti", _("Tigrinya")
    UKRAINIAN = "uk", _("Ukrainian")
    LITHUANIAN = "lt", _("Lithuanian")
    PERSIAN = "fa", _("Persian")
    SPANISH = "es", _("Spanish")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning (before 12)")
    AFTERNOON = "afternoon", _("Afternoon (12–17)")
    EVENING = "evening", _("Evening (after 17)")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("A few times a month")
    OCCASIONALLY = "occasionally", _("Now and then")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("The other members of my groups see my name and interests")
    COORDINATORS = "coordinators", _("Only the coordinators of my groups see me")


class AgeGroup(models.TextChoices):
    ALL = "all", _("Everyone")
    CHILDREN = "children", _("Children (6–12)")
    YOUTH = "youth", _("Young people (13–19)")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors (67+)")


class Attendance(models.TextChoices):
    DROP_IN = "drop_in", _("Drop in, no sign-up")
    SIGN_UP = "sign_up", _("Sign up first")


class Volunteer(TimeStampedModel):
    """A volunteer (ildsjel) in one municipality. Contact details are the account's
    e-mail and the optional phone; only coordinators of groups the volunteer has joined
    see them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profiles",
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="volunteers",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteers",
        verbose_name=_("district"),
    )
    display_name = models.CharField(_("name others see"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    about = models.TextField(_("about me"), blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    available_days = models.JSONField(_("days I am free"), default=list, blank=True)
    available_times = models.JSONField(_("times I am free"), default=list, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    visibility = models.CharField(
        _("who sees me"), max_length=12, choices=Visibility.choices, default=Visibility.COORDINATORS
    )
    is_available = models.BooleanField(_("available for new groups"), default=True)
    consent_at = models.DateTimeField(_("consent given"))

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="volunteer_unique_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class WorkingGroup(TimeStampedModel):
    """A themed working group (arbeidsgruppe) that needs a number of volunteers."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="working_groups",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("district"),
    )
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("hub"),
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address name"), max_length=150)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    description = models.TextField(_("description"))
    volunteers_needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=5)
    wanted_skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    meeting_days = models.JSONField(_("days the group meets"), default=list, blank=True)
    meeting_times = models.JSONField(_("times the group meets"), default=list, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_groups",
        verbose_name=_("coordinator"),
    )
    is_open = models.BooleanField(_("recruiting"), default=True)
    members = models.ManyToManyField(Volunteer, through="Membership", related_name="working_groups")

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="working_group_unique_slug_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("working group"),
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("volunteer")
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["joined_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "volunteer"], name="membership_unique_volunteer_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.group}"


class GroupMeeting(TimeStampedModel):
    """A meeting of a working group, with its notes."""

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")

    def __str__(self) -> str:
        return f"{self.group}: {self.starts_at:%Y-%m-%d}"


class Offer(TimeStampedModel):
    """A low-threshold offer (lavterskeltilbud) that meets every week or every few weeks,
    for example a cooking group for men or a language café."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="offers", verbose_name=_("district")
    )
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("hub"),
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("room"),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where the offer meets, if not in a hub room."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("association"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("working group"),
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("address name"), max_length=150)
    description = models.TextField(_("description"))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    age_group = models.CharField(
        _("for whom"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.ALL
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessibility = models.TextField(_("accessibility"), blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    interval_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=1)
    first_date = models.DateField(_("first time"))
    last_date = models.DateField(_("last time"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.DROP_IN
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    booking_series = models.ForeignKey(
        "bookings.BookingSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("room booking"),
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["weekday", "starts", "title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="offer_unique_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="offer_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def language_labels(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class OfferSignup(models.Model):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="signups", verbose_name=_("offer")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="offer_signups",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["offer", "user"], name="offer_signup_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.offer}"
