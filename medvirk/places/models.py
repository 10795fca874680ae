"""Municipalities and the places inside them: districts, neighbourhoods, hubs and rooms.

Everything below a municipality carries a path to it, and every query that serves a
municipality's pages filters on it (see ``selectors.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel

# Path segments used by the site itself; no municipality or district may take them.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "konto",
        "i18n",
        "static",
        "media",
        "healthz",
        "finn",
        "knutepunkt",
        # fixed path segments of the apps below /<municipality>/ and /<municipality>/<district>/
        "naerutvalg",
        "moter",
        "mote",
        "referater",
        "saker",
        "budsjett",
        "kalender",
        "booking",
        "rom",
        "aktiviteter",
        "aktivitet",
        "verktoykasse",
        "innspill",
        "mine-innspill",
        "rapport",
        "rapporter",
        "moderering",
        "svar",
        "vedtak",
        "frivillig",
        "foreninger",
        "arbeidsgrupper",
        "tilbud",
        "nokkeltall",
        "indikatorer",
        "erfaringer",
        "oversikt",
        "ansatt",
        "personvern",
        "tilgjengelighet",
        "eksport",
    }
)

four_digits = RegexValidator(r"^\d{4}$", _("Enter four digits."))
two_digits = RegexValidator(r"^\d{2}$", _("Enter two digits."))


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved by the site."), params={"slug": value})


class WrittenForm(models.TextChoices):
    BOKMAAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    NEUTRAL = "neutral", _("Neutral")


class LoginLevel(models.TextChoices):
    """ID-porten's levels of assurance (eIDAS), lowest first."""

    SUBSTANTIAL = "idporten-loa-substantial", _("Substantial (for example MinID)")
    HIGH = "idporten-loa-high", _("High (for example BankID)")


def default_languages() -> list[str]:
    return ["nb", "nn", "en"]


class County(models.Model):
    number = models.CharField(
        _("county number"), max_length=2, unique=True, validators=[two_digits]
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class Municipality(TimeStampedModel):
    number = models.CharField(
        _("municipality number"), max_length=4, unique=True, validators=[four_digits]
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("address name"), max_length=100, unique=True, validators=[validate_not_reserved]
    )
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    written_form = models.CharField(
        _("official written form"),
        max_length=7,
        choices=WrittenForm.choices,
        default=WrittenForm.NEUTRAL,
    )
    enabled_languages = models.JSONField(_("enabled languages"), default=default_languages)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    administrative_centre = models.CharField(_("administrative centre"), max_length=100, blank=True)
    kostra_group = models.CharField(
        _("KOSTRA group"), max_length=5, blank=True, help_text=_("For example EKG10.")
    )
    website = models.URLField(_("website"), blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    is_participating = models.BooleanField(
        _("runs participation here"),
        default=False,
        help_text=_("Shown on the front page with its districts, hubs and activities."),
    )
    login_level = models.CharField(
        _("ID-porten level of assurance"),
        max_length=30,
        choices=LoginLevel.choices,
        default=LoginLevel.SUBSTANTIAL,
        help_text=_("The lowest level accepted when residents log in with ID-porten here."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class District(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="districts",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("address name"), max_length=100, validators=[validate_not_reserved])
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="district_unique_slug_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """A postcode and the district it belongs to within one municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("district")
    )
    code = models.CharField(_("postcode"), max_length=4, validators=[four_digits])
    place = models.CharField(_("postal place"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="postcode_unique_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.place}".strip()

    def clean(self) -> None:
        if self.district_id and self.district.municipality_id != self.municipality_id:
            raise ValidationError(_("The district belongs to another municipality."))


class Neighbourhood(models.Model):
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="neighbourhood_unique_name_per_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class HubKind(models.TextChoices):
    LIBRARY = "library", _("Library")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health institution")
    COMMUNITY_HOUSE = "community_house", _("Community house")
    VOLUNTEER_CENTRE = "volunteer_centre", _("Volunteer centre")
    OTHER = "other", _("Other")


class Hub(TimeStampedModel):
    """A knutepunkt: the district's meeting place and its coordinator's base."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="hubs", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=20, choices=HubKind.choices, default=HubKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[four_digits])
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, toilets, hearing loop, parking and so on."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "slug"], name="hub_unique_slug_per_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def municipality(self) -> Municipality:
        return self.district.municipality


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("hub")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Facility(models.TextChoices):
    PROJECTOR = "projector", _("Projector or screen")
    KITCHEN = "kitchen", _("Kitchen")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    STEP_FREE = "step_free", _("Step-free access")
    VIDEO = "video", _("Video meeting equipment")
    STAGE = "stage", _("Stage")
    WIFI = "wifi", _("Wireless network")


class Room(models.Model):
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("hub")
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("capacity (people)"), validators=[MinValueValidator(1)]
    )
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    is_bookable = models.BooleanField(_("can be booked"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="room_unique_name_per_hub"),
        ]

    def __str__(self) -> str:
        return f"{self.hub.name}: {self.name}"

    def facility_labels(self) -> list[str]:
        labels = dict(Facility.choices)
        return [str(labels.get(code, code)) for code in self.facilities]
