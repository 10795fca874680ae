"""What the volunteering app holds about a person: volunteer profiles with groups and
sign-ups (the volunteer's own export, reused), associations they manage, and what they
coordinate or created (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from medvirk.core.privacy import Export, email_matches, references, rows, value
from medvirk.volunteering.models import (
    Membership,
    Offer,
    OfferSignup,
    Organisation,
    Volunteer,
    WorkingGroup,
)
from medvirk.volunteering.services import volunteer_export, volunteering_anonymise

COVERS = frozenset(
    {
        "volunteering.Organisation",
        "volunteering.Volunteer",
        "volunteering.WorkingGroup",
        "volunteering.Membership",
        "volunteering.Offer",
        "volunteering.OfferSignup",
    }
)

ORGANISATION_FIELDS = ("name", "contact_name", "email", "phone", "website")


def export(user: Any) -> Export:
    profiles = list(
        Volunteer.objects.filter(user=user).select_related("municipality", "district", "user")
    )
    organisations = Organisation.objects.filter(managers=user)
    email = email_matches(user)
    if email:
        organisations = organisations | Organisation.objects.filter(email__iexact=email)
    return {
        "volunteering.Volunteer": [
            {"id": volunteer.pk, **value(volunteer_export(volunteer=volunteer))}
            for volunteer in profiles
        ],
        # Sign-ups where the person has no volunteer profile (the profile's export lists
        # the others).
        "volunteering.OfferSignup": rows(
            OfferSignup.objects.filter(user=user)
            .exclude(offer__municipality__in=[v.municipality_id for v in profiles])
            .select_related("offer"),
            ("offer", "created_at"),
        ),
        "volunteering.Organisation": rows(organisations.distinct(), ORGANISATION_FIELDS),
        "volunteering.WorkingGroup": references(
            user, WorkingGroup, "coordinator", ("name", "municipality")
        ),
        "volunteering.Offer": references(user, Offer, "created_by", ("title", "created_at")),
        "volunteering.Membership/added_by": references(
            user, Membership, "added_by", ("group", "joined_at")
        ),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    volunteering_anonymise(user=user)
