"""Staff verify residents in person: who may, what is recorded, and the errors a staff
member sees."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from medvirk.accounts.models import (
    IdentityDocument,
    ResidentVerification,
    Role,
    VerificationMethod,
)
from medvirk.accounts.residents import nin_hash, resident_verify_in_person
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.accounts.tests.national_ids import national_id_for
from medvirk.places.models import District
from medvirk.places.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1984, 9, 15)


@pytest.fixture
def district() -> District:
    return DistrictFactory()


def _url(district: District) -> str:
    return reverse("accounts:resident-verify", args=[district.municipality.slug])


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def _staff(district: District) -> Any:
    return user_with_role(Role.CASE_OFFICER, municipality=district.municipality)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.COORDINATOR, True),
        (Role.CASE_OFFICER, True),
        (Role.MODERATOR, True),
        (Role.PARTICIPATION_TEAM, True),
        (Role.MUNICIPALITY_ADMIN, True),
        (Role.HUB_HOST, False),
        (Role.COMMITTEE_MEMBER, False),
        (None, False),
    ],
)
def test_who_reaches_the_page(district: District, role: str | None, allowed: bool) -> None:
    """The municipality's staff reach the page; hub hosts, committee members and residents
    do not, and nor does staff of another municipality."""
    if role is None:
        user = UserFactory()
    elif role in (Role.COORDINATOR, Role.HUB_HOST, Role.COMMITTEE_MEMBER):
        user = user_with_role(role, district=district)
    else:
        user = user_with_role(role, municipality=district.municipality)
    response = _client(user).get(_url(district))
    assert response.status_code == (200 if allowed else 403)
    other = DistrictFactory()
    assert _client(user).get(_url(other)).status_code == 403


def test_anonymous_is_sent_to_log_in(district: District) -> None:
    response = Client().get(_url(district))
    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]


def test_staff_verifies_a_resident_found_by_exact_email(district: District) -> None:
    """The person is found by the exact address (in any letter case), not by part of it;
    the verification records the municipality, district, date of birth, the kind of
    document, the staff member and when, and only a keyed hash of the number."""
    staff = _staff(district)
    resident = UserFactory(email="mari@example.no", full_name="Mari Hansen")
    client = _client(staff)
    partial = client.get(_url(district), {"epost": "mari@example"})
    assert partial.context["person"] is None
    found = client.get(_url(district), {"epost": "Mari@Example.no"})
    assert found.context["person"] == resident
    number = national_id_for(BIRTH)
    response = client.post(
        _url(district),
        {
            "email": "mari@example.no",
            "birth_date": BIRTH.isoformat(),
            "document_type": IdentityDocument.PASSPORT,
            "district": district.pk,
            "national_id": f"{number[:6]} {number[6:]}",
        },
    )
    assert response.status_code == 302
    verification = ResidentVerification.objects.get(user=resident)
    assert verification.method == VerificationMethod.IN_PERSON
    assert verification.municipality == district.municipality
    assert verification.district == district
    assert verification.birth_date == BIRTH
    assert verification.document_type == IdentityDocument.PASSPORT
    assert verification.verified_by == staff
    assert verification.verified_at is not None
    assert verification.nin_hash == nin_hash(number)
    page = client.get(response["Location"])
    assert "Mari Hansen" in page.content.decode()


def test_invalid_number_gets_a_clear_error(district: District) -> None:
    """A number with a wrong check digit is refused with a plain message, in the person's
    language, and what was entered stays in the form."""
    staff = _staff(district)
    UserFactory(email="ola@example.no")
    number = national_id_for(BIRTH)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    data = {
        "email": "ola@example.no",
        "birth_date": BIRTH.isoformat(),
        "document_type": IdentityDocument.DRIVING_LICENCE,
        "district": district.pk,
        "national_id": wrong,
    }
    response = _client(staff).post(_url(district), data)
    assert response.status_code == 400
    assert "the last two digits do not match" in response.content.decode()
    assert response.context["verify_form"]["birth_date"].value() == BIRTH.isoformat()
    norwegian = _client(staff, "nb").post(_url(district), data)
    assert "de to siste sifrene" in norwegian.content.decode()
    assert not ResidentVerification.objects.exists()


def test_number_must_match_the_birth_date(district: District) -> None:
    staff = _staff(district)
    UserFactory(email="ola@example.no")
    response = _client(staff).post(
        _url(district),
        {
            "email": "ola@example.no",
            "birth_date": "1990-01-01",
            "document_type": IdentityDocument.PASSPORT,
            "national_id": national_id_for(BIRTH),
        },
    )
    assert response.status_code == 400
    assert "does not match the national identity number" in response.content.decode()


def test_one_number_verifies_one_account(district: District) -> None:
    """The same national identity number cannot verify a second account."""
    staff = _staff(district)
    number = national_id_for(BIRTH)
    resident_verify_in_person(
        actor=staff,
        user=UserFactory(),
        municipality=district.municipality,
        district=district,
        birth_date=BIRTH,
        document_type=IdentityDocument.PASSPORT,
        national_id=number,
    )
    UserFactory(email="other@example.no")
    response = _client(staff).post(
        _url(district),
        {
            "email": "other@example.no",
            "birth_date": BIRTH.isoformat(),
            "document_type": IdentityDocument.PASSPORT,
            "national_id": number,
        },
    )
    assert response.status_code == 400
    assert "already verified for another account" in response.content.decode()
    assert ResidentVerification.objects.count() == 1


def test_staff_cannot_verify_themselves(district: District) -> None:
    staff = _staff(district)
    response = _client(staff).post(
        _url(district),
        {
            "email": staff.email,
            "birth_date": BIRTH.isoformat(),
            "document_type": IdentityDocument.PASSPORT,
        },
    )
    assert response.status_code == 400
    assert not ResidentVerification.objects.exists()


def test_verifying_again_replaces_and_revoking_keeps_the_record(district: District) -> None:
    """A new verification revokes the one in force; revoking keeps the row with who and
    when; staff of another municipality cannot revoke."""
    staff = _staff(district)
    resident = UserFactory()
    first = resident_verify_in_person(
        actor=staff,
        user=resident,
        municipality=district.municipality,
        district=None,
        birth_date=BIRTH,
        document_type=IdentityDocument.BANK_CARD,
    )
    second = resident_verify_in_person(
        actor=staff,
        user=resident,
        municipality=district.municipality,
        district=district,
        birth_date=BIRTH,
        document_type=IdentityDocument.PASSPORT,
    )
    first.refresh_from_db()
    assert first.revoked_at is not None and first.revoked_by == staff
    revoke_url = reverse("accounts:resident-revoke", args=[district.municipality.slug, second.pk])
    stranger = user_with_role(Role.CASE_OFFICER, municipality=DistrictFactory().municipality)
    assert _client(stranger).post(revoke_url).status_code == 403
    assert _client(staff).get(revoke_url).status_code == 405
    response = _client(staff).post(revoke_url)
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.revoked_at is not None and second.revoked_by == staff
    assert ResidentVerification.objects.filter(user=resident).count() == 2


def test_unknown_email_says_so(district: District) -> None:
    staff = _staff(district)
    response = _client(staff).get(_url(district), {"epost": "nobody@example.no"})
    assert response.status_code == 200
    assert "No account has this e-mail address" in response.content.decode()


def test_activity_page_says_how_to_take_part(district: District) -> None:
    """On an activity for verified residents, the page tells an unconfirmed account to
    confirm its address, an unverified person how to become verified (with ID-porten when
    it is on, or at a hub with identification), and lets a verified resident in."""
    from medvirk.participation.tests.factories import make_activity

    activity = make_activity(district=district, participation_rule="verified", minimum_age=16)
    url = reverse("participation:activity", args=[district.municipality.slug, activity.slug])
    unconfirmed = _client(UserFactory(email_verified_at=None)).get(url).content.decode()
    assert reverse("accounts:verify-email") in unconfirmed
    unverified = _client(UserFactory()).get(url).content.decode()
    assert "How to become a verified resident" in unverified
    assert reverse("places:district", args=[district.municipality.slug, district.slug]) in (
        unverified
    )
    assert "aged 16 or older" in unverified
    resident = UserFactory()
    resident_verify_in_person(
        actor=_staff(district),
        user=resident,
        municipality=district.municipality,
        district=district,
        birth_date=BIRTH,
        document_type=IdentityDocument.NATIONAL_ID_CARD,
    )
    verified = _client(resident).get(url)
    assert verified.context["decision"]
    assert "How to become a verified resident" not in verified.content.decode()
