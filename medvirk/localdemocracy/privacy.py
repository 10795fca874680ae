"""What the local democracy app holds about a person: committee seats, coordinator
profiles, meeting registrations, wishes to join, places in a coordinator's network, and
staff work on minutes and referrals (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q

from medvirk.core.privacy import Export, contact_retention_days, email_matches, references, rows
from medvirk.localdemocracy.models import (
    Coordinator,
    CoordinatorContact,
    JoinInterest,
    Membership,
    Minutes,
    Referral,
    Registration,
)
from medvirk.localdemocracy.services import contacts_remove_past, localdemocracy_anonymise

COVERS = frozenset(
    {
        "localdemocracy.Membership",
        "localdemocracy.Coordinator",
        "localdemocracy.Minutes",
        "localdemocracy.Registration",
        "localdemocracy.Referral",
    }
)


def export(user: Any) -> Export:
    email = email_matches(user)
    registrations = Q(user=user)
    if email:
        registrations |= Q(email__iexact=email)
    data: Export = {
        "localdemocracy.Membership": rows(
            Membership.objects.filter(user=user).select_related("committee", "standing_committee"),
            (
                "committee",
                "person_name",
                "seat_kind",
                "role",
                "standing_committee",
                "organisation",
                "is_public",
                "starts_on",
                "ends_on",
            ),
        ),
        "localdemocracy.Coordinator": rows(
            Coordinator.objects.filter(user=user).select_related("district", "hub"),
            ("district", "name", "title", "phone", "email", "hub", "presentation"),
        ),
        "localdemocracy.Registration": rows(
            Registration.objects.filter(registrations).select_related("meeting").distinct(),
            ("meeting", "name", "email", "status", "created_at"),
        ),
        "localdemocracy.Minutes/written_by": references(
            user, Minutes, "written_by", ("meeting", "status")
        ),
        "localdemocracy.Minutes/approved_by": references(
            user, Minutes, "approved_by", ("meeting", "approved_at")
        ),
        "localdemocracy.Referral/asked_by": references(
            user, Referral, "asked_by", ("committee", "case_reference", "title", "status")
        ),
        "localdemocracy.Referral/answered_by": references(
            user, Referral, "answered_by", ("committee", "case_reference", "title", "answered_at")
        ),
    }
    if email:
        data["localdemocracy.JoinInterest"] = rows(
            JoinInterest.objects.filter(email__iexact=email).select_related("district"),
            ("district", "kind", "name", "email", "message", "created_at"),
        )
        data["localdemocracy.CoordinatorContact"] = rows(
            CoordinatorContact.objects.filter(email__iexact=email).select_related("coordinator"),
            ("coordinator", "name", "organisation", "role", "email", "phone"),
        )
    return data


def anonymise(user: Any, *, base_url: str = "") -> None:
    localdemocracy_anonymise(user=user, email=email_matches(user), base_url=base_url)


def retention(*, now: datetime.datetime) -> int:
    return contacts_remove_past(
        ended_before=now - datetime.timedelta(days=contact_retention_days())
    )
