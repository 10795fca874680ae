"""Retention, run every night by the task worker: stale unverified accounts are deleted,
and contact details of people without an account are removed once the activity or
meeting is long finished and the input answered."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from medvirk.accounts.models import Role, User
from medvirk.accounts.services import role_grant
from medvirk.accounts.tasks import privacy_retention
from medvirk.accounts.tests.factories import UserFactory
from medvirk.followup.models import Response, ResponseStatus
from medvirk.localdemocracy.models import JoinInterest, Registration, RegistrationStatus
from medvirk.localdemocracy.tests.factories import MeetingFactory, in_days
from medvirk.participation import services as participation
from medvirk.participation.models import Activity, Contact, Input, Phase, PhaseKind
from medvirk.participation.tests.factories import make_activity, make_input
from medvirk.places.models import District
from medvirk.places.tests.factories import DistrictFactory
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def _run() -> None:
    privacy_retention.enqueue()
    run_queued_tasks()


def _joined(days_ago: int, **fields: Any) -> User:
    user: User = UserFactory(**fields)
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return user


def test_stale_unverified_accounts_are_removed_and_no_others() -> None:
    """Removed: older than 30 days, address never verified, no identity provider, and
    nothing anywhere pointing to it. Kept: younger, verified, through ID-porten, with an
    input, or with a role."""
    district: District = DistrictFactory()
    stale = _joined(31, email_verified_at=None)
    young = _joined(29, email_verified_at=None)
    verified = _joined(400)
    through_idporten = _joined(
        400, email_verified_at=None, oidc_issuer="https://idporten.example", oidc_subject="x"
    )
    contributed = _joined(400, email_verified_at=None)
    make_input(make_activity(district=district), user=contributed)
    with_role = _joined(400, email_verified_at=None)
    role_grant(user=with_role, role=Role.COMMITTEE_MEMBER, district=district)

    _run()

    assert set(User.objects.values_list("pk", flat=True)) == {
        young.pk,
        verified.pk,
        through_idporten.pk,
        contributed.pk,
        with_role.pk,
    }
    assert not User.objects.filter(pk=stale.pk).exists()


def test_the_period_for_unverified_accounts_is_a_setting(settings: Any) -> None:
    settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS = 5
    gone = _joined(6, email_verified_at=None)
    kept = _joined(4, email_verified_at=None)
    privacy_retention.call()
    assert not User.objects.filter(pk=gone.pk).exists()
    assert User.objects.filter(pk=kept.pk).exists()


def _close(activity: Activity, days_ago: int) -> None:
    Phase.objects.filter(activity=activity, kind=PhaseKind.CLOSED).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def _with_contact(activity: Activity, text: str, *, answered: bool) -> Input:
    item = make_input(
        activity,
        title=text,
        text=text,
        contact=participation.ContactDetails(email=f"{text}@example.org", name=text),
    )
    if answered:
        Response.objects.create(
            input=item, status=ResponseStatus.TAKEN, answer="Takk", answered_at=timezone.now()
        )
    return item


def test_contact_details_go_a_year_after_the_activity_closed_once_answered() -> None:
    """Contact details of answered input to an activity closed more than 365 days ago are
    removed (the input and its answer stay); unanswered input, and input to activities
    closed more recently, keep them."""
    old, recent = make_activity(), make_activity()
    answered_old = _with_contact(old, "gammel", answered=True)
    unanswered_old = _with_contact(old, "ubesvart", answered=False)
    answered_recent = _with_contact(recent, "nylig", answered=True)
    _close(old, 366)
    _close(recent, 300)

    _run()

    assert not Contact.objects.filter(input=answered_old).exists()
    assert Input.objects.filter(pk=answered_old.pk).exists()
    assert Response.objects.get(input=answered_old).answer == "Takk"
    assert Contact.objects.filter(input=unanswered_old).exists()
    assert Contact.objects.filter(input=answered_recent).exists()


def test_meeting_registrations_and_wishes_to_join_lose_contact_details() -> None:
    """Registrations for a meeting more than a year ago lose name and address (the count
    stays); wishes to join older than a year are removed; recent ones stay."""
    old_meeting = MeetingFactory(starts_at=in_days(-400, 18), ends_at=in_days(-400, 20))
    recent_meeting = MeetingFactory(starts_at=in_days(-10, 18), ends_at=in_days(-10, 20))
    old = Registration.objects.create(
        meeting=old_meeting, name="Kari", email="kari@example.org", status="confirmed"
    )
    recent = Registration.objects.create(
        meeting=recent_meeting, name="Ola", email="ola@example.org", status="confirmed"
    )
    district = old_meeting.committee.district
    old_wish = JoinInterest.objects.create(
        district=district, kind="committee", name="Per", email="per@example.org"
    )
    JoinInterest.objects.filter(pk=old_wish.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    new_wish = JoinInterest.objects.create(
        district=district, kind="committee", name="Liv", email="liv@example.org"
    )

    _run()

    old.refresh_from_db()
    assert old.name == ""
    assert "kari" not in old.email
    assert old.status == RegistrationStatus.CONFIRMED
    recent.refresh_from_db()
    assert (recent.name, recent.email) == ("Ola", "ola@example.org")
    assert not JoinInterest.objects.filter(pk=old_wish.pk).exists()
    assert JoinInterest.objects.filter(pk=new_wish.pk).exists()
