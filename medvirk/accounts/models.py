"""People and their roles.

A person logs in with e-mail and password, or through OpenID Connect (ID-porten). What a
person may do follows from their :class:`RoleAssignment` rows, each scoped to a
municipality and, for district roles, to one district. Read access decisions through
``access.py``, never by inspecting these rows directly.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medvirk.places.models import District, Municipality


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=5, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the back office"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    oidc_issuer = models.CharField(_("OpenID Connect issuer"), max_length=255, blank=True)
    oidc_subject = models.CharField(_("OpenID Connect subject"), max_length=255, blank=True)
    # When the person proved they receive mail at ``email`` (a link sent there was opened),
    # or the identity provider said the address is verified. Empty: not yet proven.
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    # The district the person chose as theirs on the profile page (not a verified residency).
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("my district"),
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=~models.Q(oidc_subject=""),
                name="user_unique_oidc_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def has_verified_email(self) -> bool:
        return self.email_verified_at is not None

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    COORDINATOR = "coordinator", _("Coordinator")
    HUB_HOST = "hub_host", _("Hub host")
    PARTICIPATION_TEAM = "participation_team", _("Participation team")
    CASE_OFFICER = "case_officer", _("Case officer")
    MODERATOR = "moderator", _("Moderator")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Municipality administrator")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


# Roles held for one district; the others are held for a whole municipality, except the
# platform administrator, who is held for the whole installation.
DISTRICT_ROLES = frozenset({Role.COMMITTEE_MEMBER, Role.COORDINATOR, Role.HUB_HOST})


def validate_role_scope(
    role: str, municipality: Municipality | None, district: District | None
) -> None:
    """District roles are held for one district, platform administration for the whole
    installation, and every other role for one municipality."""
    if role == Role.PLATFORM_ADMIN:
        if municipality is not None or district is not None:
            raise ValidationError(_("A platform administrator is not tied to a municipality."))
    elif role in DISTRICT_ROLES:
        if district is None:
            raise ValidationError(_("This role is held for one district."))
        if municipality is not None and municipality.pk != district.municipality_id:
            raise ValidationError(_("The district belongs to another municipality."))
    elif municipality is None or district is not None:
        raise ValidationError(_("This role is held for a whole municipality."))


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("district"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    class Meta:
        ordering = ["role", "municipality__name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role=Role.PLATFORM_ADMIN, municipality__isnull=True, district__isnull=True
                    )
                    | models.Q(
                        role__in=sorted(DISTRICT_ROLES),
                        municipality__isnull=False,
                        district__isnull=False,
                    )
                    | (
                        models.Q(municipality__isnull=False, district__isnull=True)
                        & ~models.Q(role__in=[Role.PLATFORM_ADMIN, *sorted(DISTRICT_ROLES)])
                    )
                ),
                name="role_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality", "district"], name="role_unique"
            ),
        ]

    def __str__(self) -> str:
        scope = self.district or self.municipality
        return f"{self.get_role_display()}: {scope}" if scope else str(self.get_role_display())

    def clean(self) -> None:
        validate_role_scope(self.role, self.municipality, self.district)


class VerificationMethod(models.TextChoices):
    ID_PORTEN = "idporten", _("ID-porten")
    IN_PERSON = "in_person", _("Identification checked in person")


class IdentityDocument(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID_CARD = "national_id_card", _("National ID card")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    BANK_CARD = "bank_card", _("Bank card with photo")
    RESIDENCE_CARD = "residence_card", _("Residence card")
    OTHER = "other", _("Other ID with photo")


class ResidentVerification(models.Model):
    """That a person is who they say, born on ``birth_date``, and (when ``municipality`` is
    set) registered as living in that municipality and district.

    Made from ID-porten's national identity number (``pid``) and a population register, or
    by staff who saw an identity document in person. The national identity number itself
    is never stored: ``nin_hash`` is a keyed hash of it, so that one number verifies one
    account only. A revoked verification is kept (with who revoked it and when) as the
    record of what staff did; at most one verification per person is in force.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="resident_verifications",
        verbose_name=_("person"),
    )
    method = models.CharField(_("verified by"), max_length=20, choices=VerificationMethod.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resident_verifications",
        verbose_name=_("municipality of residence"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident_verifications",
        verbose_name=_("district of residence"),
    )
    birth_date = models.DateField(_("date of birth"))
    nin_hash = models.CharField(
        _("national identity number (keyed hash)"), max_length=64, blank=True
    )
    document_type = models.CharField(
        _("identity document"), max_length=20, choices=IdentityDocument.choices, blank=True
    )
    verified_at = models.DateTimeField(_("verified"), default=timezone.now)
    verified_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by staff member"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        ordering = ["-verified_at"]
        verbose_name = _("resident verification")
        verbose_name_plural = _("resident verifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="resident_verification_one_in_force_per_person",
            ),
            models.UniqueConstraint(
                fields=["nin_hash"],
                condition=models.Q(revoked_at__isnull=True) & ~models.Q(nin_hash=""),
                name="resident_verification_one_person_per_number",
            ),
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False) | models.Q(district__isnull=True),
                name="resident_verification_district_needs_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.municipality or '-'} ({self.get_method_display()})"


class OidcSession(models.Model):
    """Which local session an identity provider's session (``iss`` + ``sid``) logged in,
    so that the provider's front-channel logout can end it even when the browser does not
    send our cookie along (ID-porten calls it from a third-party iframe)."""

    issuer = models.CharField(_("OpenID Connect issuer"), max_length=255)
    sid = models.CharField(_("provider session"), max_length=255)
    session_key = models.CharField(_("session key"), max_length=40)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("provider session")
        verbose_name_plural = _("provider sessions")
        indexes = [models.Index(fields=["issuer", "sid"], name="oidc_session_iss_sid")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.sid}"
