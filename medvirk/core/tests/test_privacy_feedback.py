"""Accessibility reports in a person's data: exported when the address is theirs (and
confirmed), kept without the address when the account is deleted, and the address
removed by the retention rule once the report is answered and old."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from medvirk.accounts.tests.factories import UserFactory
from medvirk.core import privacy
from medvirk.core.models import AccessibilityFeedback
from medvirk.places.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _report(email: str, **fields: object) -> AccessibilityFeedback:
    return AccessibilityFeedback.objects.create(
        municipality=MunicipalityFactory(),
        page="/drammen/",
        description="Kartet kan ikke brukes med tastatur.",
        email=email,
        submission_key=uuid.uuid4().hex,
        **fields,
    )


def test_export_holds_my_reports_and_nobody_elses() -> None:
    user = UserFactory(email="kari@eksempel.no")
    mine = _report("Kari@Eksempel.no")
    _report("ola@eksempel.no")
    exported = privacy.export(user)["core.AccessibilityFeedback"]
    assert [row["description"] for row in exported] == [mine.description]


def test_an_unconfirmed_address_exports_nothing_found_by_address() -> None:
    user = UserFactory(email="kari@eksempel.no", email_verified_at=None)
    _report("kari@eksempel.no")
    assert "core.AccessibilityFeedback" not in privacy.export(user)


def test_deleting_the_account_keeps_the_report_without_the_address() -> None:
    user = UserFactory(email="kari@eksempel.no")
    report = _report("kari@eksempel.no")
    privacy.anonymise(user)
    report.refresh_from_db()
    assert (report.email, report.description) == ("", "Kartet kan ikke brukes med tastatur.")


def test_retention_removes_the_address_of_old_answered_reports_only() -> None:
    now = timezone.now()
    old_answered = _report("a@eksempel.no", is_answered=True)
    old_open = _report("b@eksempel.no")
    new_answered = _report("c@eksempel.no", is_answered=True)
    long_ago = now - datetime.timedelta(days=400)
    AccessibilityFeedback.objects.filter(pk__in=[old_answered.pk, old_open.pk]).update(
        created_at=long_ago
    )
    assert privacy.retention(now=now) == 1
    emails = dict(AccessibilityFeedback.objects.values_list("pk", "email"))
    assert emails == {
        old_answered.pk: "",
        old_open.pk: "b@eksempel.no",
        new_answered.pk: "c@eksempel.no",
    }
