"""Who may take part: ``check_eligibility`` as a matrix of people × requirements, and the
national identity numbers behind verified dates of birth."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from medvirk.accounts.eligibility import (
    ANYONE,
    LOGGED_IN,
    REMEDY_LOGIN,
    REMEDY_VERIFY_EMAIL,
    REMEDY_VERIFY_IDENTITY,
    RESIDENCY_DISTRICT,
    RESIDENCY_MUNICIPALITY,
    VERIFIED,
    check_eligibility,
)
from medvirk.accounts.models import ResidentVerification, User, VerificationMethod
from medvirk.accounts.national_id import (
    InvalidNationalId,
    NumberKind,
    age_on,
    parse_national_id,
)
from medvirk.accounts.tests.factories import UserFactory
from medvirk.accounts.tests.national_ids import national_id_for
from medvirk.places.models import District
from medvirk.places.tests.factories import DistrictFactory

TODAY = datetime.date(2026, 12, 7)
BIRTHDAY_16 = datetime.date(2010, 12, 7)  # 16 years old exactly today


def _verified(district: District | None, birth_date: datetime.date, **kw: Any) -> User:
    user = UserFactory()
    ResidentVerification.objects.create(
        user=user,
        method=VerificationMethod.IN_PERSON,
        municipality=district.municipality if district else kw.get("municipality"),
        district=district,
        birth_date=birth_date,
        document_type="passport",
    )
    return user


@pytest.fixture
def places() -> dict[str, Any]:
    home = DistrictFactory()
    return {
        "home": home,
        "neighbour": DistrictFactory(municipality=home.municipality),
        "elsewhere": DistrictFactory(),
    }


PEOPLE = [
    "anonymous",
    "unconfirmed_email",
    "unverified",
    "verified_elsewhere",
    "verified_other_district",
    "too_young",
    "exactly_16_today",
    "verified_ok",
    "birth_date_only",
]


def _person(who: str, places: dict[str, District]) -> Any:
    if who == "anonymous":
        return AnonymousUser()
    if who == "unconfirmed_email":
        return UserFactory(email_verified_at=None)
    if who == "unverified":
        return UserFactory()
    if who == "verified_elsewhere":
        return _verified(places["elsewhere"], datetime.date(1980, 1, 1))
    if who == "verified_other_district":
        return _verified(places["neighbour"], datetime.date(1980, 1, 1))
    if who == "too_young":
        return _verified(places["home"], BIRTHDAY_16 + datetime.timedelta(days=1))
    if who == "exactly_16_today":
        return _verified(places["home"], BIRTHDAY_16)
    if who == "birth_date_only":
        return _verified(None, datetime.date(1980, 1, 1))
    return _verified(places["home"], datetime.date(1980, 1, 1))


# Expected remedy per person for "verified residents of the district, 16 or older"
# ("" = allowed, "-" = refused with nothing the person can do).
DISTRICT_16 = {
    "anonymous": REMEDY_LOGIN,
    "unconfirmed_email": REMEDY_VERIFY_EMAIL,
    "unverified": REMEDY_VERIFY_IDENTITY,
    "verified_elsewhere": "-",
    "verified_other_district": "-",
    "too_young": "-",
    "exactly_16_today": "",
    "verified_ok": "",
    "birth_date_only": REMEDY_VERIFY_IDENTITY,
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_verified_residents_of_the_district_from_16(who: str, places: dict[str, District]) -> None:
    """An activity for verified residents of one district aged 16 or older lets in the
    verified residents of that district who are 16 today (the birthday counts) and refuses
    everyone else with a reason, saying what to do where something can be done."""
    home = places["home"]
    decision = check_eligibility(
        _person(who, places),
        rule=VERIFIED,
        municipality=home.municipality,
        district=home,
        minimum_age=16,
        residency=RESIDENCY_DISTRICT,
        today=TODAY,
    )
    expected = DISTRICT_16[who]
    assert bool(decision) is (expected == "")
    if expected:
        assert decision.reason
        assert decision.remedy == ("" if expected == "-" else expected)


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_verified_residents_of_the_municipality(who: str, places: dict[str, District]) -> None:
    """With residency in the whole municipality, a resident of another district of it is
    let in too; with no minimum age, age does not matter."""
    home = places["home"]
    decision = check_eligibility(
        _person(who, places),
        rule=VERIFIED,
        municipality=home.municipality,
        district=home,
        residency=RESIDENCY_MUNICIPALITY,
        today=TODAY,
    )
    allowed = {"verified_other_district", "too_young", "exactly_16_today", "verified_ok"}
    assert bool(decision) is (who in allowed)


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_logged_in_and_anyone(who: str, places: dict[str, District]) -> None:
    """Anyone: everybody. Logged in: everybody logged in, but an e-mail-and-password
    account only once its address is confirmed."""
    person = _person(who, places)
    municipality = places["home"].municipality
    assert check_eligibility(person, rule=ANYONE, municipality=municipality)
    decision = check_eligibility(person, rule=LOGGED_IN, municipality=municipality)
    assert bool(decision) is (who not in {"anonymous", "unconfirmed_email"})
    if who == "unconfirmed_email":
        assert decision.remedy == REMEDY_VERIFY_EMAIL


@pytest.mark.django_db
def test_provider_login_counts_as_confirmed(places: dict[str, District]) -> None:
    """A person who logged in through ID-porten (no confirmed e-mail address, a
    placeholder) is logged in for real."""
    user = UserFactory(email_verified_at=None, oidc_issuer="https://idporten.no", oidc_subject="s")
    municipality = places["home"].municipality
    assert check_eligibility(user, rule=LOGGED_IN, municipality=municipality)


@pytest.mark.django_db
def test_revoked_verification_does_not_count(places: dict[str, District]) -> None:
    """A revoked verification lets nobody in."""
    home = places["home"]
    user = _verified(home, datetime.date(1980, 1, 1))
    ResidentVerification.objects.filter(user=user).update(
        revoked_at=datetime.datetime.now(datetime.UTC)
    )
    fresh = User.objects.get(pk=user.pk)
    decision = check_eligibility(
        fresh, rule=VERIFIED, municipality=home.municipality, district=home
    )
    assert decision.remedy == REMEDY_VERIFY_IDENTITY


@pytest.mark.django_db
def test_activity_for_whole_municipality_has_no_district_to_check(
    places: dict[str, District],
) -> None:
    """Residency "district" on an activity without a district means the municipality."""
    home = places["home"]
    user = _verified(places["neighbour"], datetime.date(1980, 1, 1))
    assert check_eligibility(user, rule=VERIFIED, municipality=home.municipality, district=None)


# -- national identity numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "d_number"),
    [
        (datetime.date(1999, 12, 31), False),
        (datetime.date(2005, 2, 28), False),
        (datetime.date(2039, 1, 1), False),
        (datetime.date(1870, 7, 14), False),
        (datetime.date(1955, 11, 30), True),
        (datetime.date(2012, 2, 29), True),
    ],
)
def test_birth_date_from_the_number(birth_date: datetime.date, d_number: bool) -> None:
    """The date of birth is read from the number, with the century from the individual
    number, for fødselsnumre and D-numbers (day + 40)."""
    number = national_id_for(birth_date, d_number=d_number)
    parsed = parse_national_id(number)
    assert parsed.birth_date == birth_date
    assert parsed.kind == (NumberKind.D_NUMBER if d_number else NumberKind.BIRTH)
    assert number not in repr(parsed)


def test_century_rules() -> None:
    """900–999 with year 40–99 is the 1900s; 500–749 with year 54–99 the 1800s."""
    assert parse_national_id(national_id_for(datetime.date(1945, 5, 8))).birth_date.year == 1945
    number_1900s = national_id_for(datetime.date(1945, 5, 8))
    assert int(number_1900s[6:9]) < 500
    # Individual numbers 900-999 with year 45: born 1945.
    candidates = (
        f"080545{individual:03d}{k1}{k2}"
        for individual in range(900, 1000)
        for k1 in range(10)
        for k2 in range(10)
    )
    late = next(n for n in candidates if _valid(n))
    assert parse_national_id(late).birth_date == datetime.date(1945, 5, 8)


def _valid(number: str) -> bool:
    try:
        parse_national_id(number)
    except InvalidNationalId:
        return False
    return True


def test_synthetic_test_number_from_digdir() -> None:
    """ID-porten's test users have synthetic numbers (month + 80): the example in Digdir's
    documentation, 47906701517, is a D-number born 7 October 1967."""
    parsed = parse_national_id("47906701517")
    assert parsed.birth_date == datetime.date(1967, 10, 7)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1234567890", "format"),
        ("1234567890a", "format"),
        ("12345678901", "checksum"),
        ("47906701518", "checksum"),
        ("", "format"),
    ],
)
def test_invalid_numbers(value: str, code: str) -> None:
    """Wrong length or a wrong check digit is refused with a reason."""
    with pytest.raises(InvalidNationalId) as error:
        parse_national_id(value)
    assert error.value.code == code


def test_spaces_are_allowed() -> None:
    number = national_id_for(datetime.date(1988, 8, 8))
    assert parse_national_id(f"{number[:6]} {number[6:]}").number == number


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (datetime.date(2010, 12, 7), datetime.date(2026, 12, 7), 16),
        (datetime.date(2010, 12, 8), datetime.date(2026, 12, 7), 15),
        (datetime.date(2008, 2, 29), datetime.date(2026, 2, 28), 17),
        (datetime.date(2008, 2, 29), datetime.date(2026, 3, 1), 18),
    ],
)
def test_age_on(birth: datetime.date, day: datetime.date, age: int) -> None:
    """One is a year older on the birthday; 29 February counts from 1 March."""
    assert age_on(birth, day) == age
