"""Privacy by design: a person can see and download everything the platform holds about
them, and delete their account; contributions stay, anonymised, with their answers."""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from typing import Any
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from medvirk.accounts.models import Role, RoleAssignment, User
from medvirk.accounts.services import account_delete, role_grant
from medvirk.accounts.tests.factories import PASSWORD, UserFactory
from medvirk.api.models import ApiToken
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.bookings.tests.factories import local, make_booking, open_room
from medvirk.core import privacy
from medvirk.core.mail import mail_queue
from medvirk.core.models import OutgoingMail
from medvirk.followup.models import Response, ResponseStatus
from medvirk.localdemocracy.models import Registration, RegistrationStatus
from medvirk.localdemocracy.services import registration_create
from medvirk.localdemocracy.tests.factories import MeetingFactory, MembershipFactory, in_days
from medvirk.participation import services as participation
from medvirk.participation.models import Contact, Input, Statement, Support, Vote
from medvirk.participation.tests.factories import make_activity, make_input
from medvirk.places.models import District
from medvirk.places.tests.factories import DistrictFactory
from medvirk.volunteering.models import Offer, OfferSignup, Volunteer
from medvirk.volunteering.services import offer_sign_up
from medvirk.volunteering.tests.factories import make_group, make_volunteer

pytestmark = pytest.mark.django_db


def _user(**fields: Any) -> User:
    user: User = UserFactory(**fields)
    return user


@dataclass
class Holdings:
    """One person's rows across the apps, each with a word that appears nowhere else."""

    user: User
    word: str
    idea: Input
    anonymous_idea: Input
    future_booking: Booking
    past_booking: Booking
    registration: Registration


def _offer(district: District, word: str) -> Offer:
    return Offer.objects.create(
        municipality=district.municipality,
        district=district,
        title=f"Matkurs {word}",
        slug=f"matkurs-{word}",
        description="Vi lager mat.",
        theme="food_and_community",
        weekday=2,
        starts=datetime.time(17),
        ends=datetime.time(19),
        first_date=timezone.localdate(),
        attendance="sign_up",
    )


def holdings(district: District, word: str) -> Holdings:
    """A person who has taken part everywhere, with ``word`` in their texts."""
    user = _user(email=f"{word}@medvirk.example", full_name=f"Navn {word}")
    activity = make_activity(district=district)
    idea = make_input(activity, user=user, title=f"Idé {word}", text=f"Tekst {word}")
    Contact.objects.create(input=idea, name=f"Navn {word}", phone="99999999")
    Response.objects.create(
        input=idea, status=ResponseStatus.TAKEN, answer=f"Svar {word}", answered_at=timezone.now()
    )
    # Input given without an account, under the account's (verified) address.
    anonymous_idea = make_input(
        activity,
        title=f"Anonym {word}",
        text=f"Uten konto {word}",
        contact=participation.ContactDetails(email=user.email, name=f"Navn {word}"),
    )
    someone_elses = make_input(activity, title=f"Annen idé {word}", text=f"Annen {word} x")
    participation.support_add(input=someone_elses, user=user)
    statement = Statement.objects.create(input=someone_elses)
    participation.statement_vote(statement=statement, choice="agree", user=user)
    participation.flag_raise(input=someone_elses, reason=f"Flagg {word}", user=user)
    room = open_room()
    future_booking = make_booking(room=room, booked_by=user, purpose=f"Strikk {word}")
    past_booking = make_booking(
        room=room,
        booked_by=user,
        purpose=f"Tidligere {word}",
        starts_at=local(-7, 10),
        ends_at=local(-7, 12),
    )
    meeting = MeetingFactory(starts_at=in_days(7, 18), ends_at=in_days(7, 20), capacity=1)
    registration = registration_create(
        meeting=meeting, name=f"Navn {word}", email=user.email, base_url="", user=user
    )
    MembershipFactory(user=user, person_name=f"Navn {word}")
    volunteer = make_volunteer(district, user=user, display_name=f"Frivillig {word}")
    group = make_group(district, name=f"Gruppe {word}", slug=f"gruppe-{word}")
    group.memberships.create(volunteer=volunteer)
    offer_sign_up(offer=_offer(district, word), user=user)
    role_grant(user=user, role=Role.COMMITTEE_MEMBER, district=district)
    ApiToken.objects.create(user=user, name=f"Nøkkel {word}", prefix="abc", digest=uuid.uuid4().hex)
    mail_queue(municipality=None, to=user.email, subject=f"Post {word}", body="Hei")
    return Holdings(user, word, idea, anonymous_idea, future_booking, past_booking, registration)


@pytest.fixture
def district() -> District:
    found: District = DistrictFactory()
    return found


def _login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# --- The registry ------------------------------------------------------------------------


def test_every_model_linked_to_a_person_is_covered_by_a_privacy_module() -> None:
    """Each model with a link to the user model is exported and dealt with on deletion by
    some app's privacy module: a new model with a user link fails here until it is."""
    assert privacy.uncovered_models() == []


def test_every_covered_model_exists() -> None:
    """A privacy module names only real models (a typo would hide a gap)."""
    from django.apps import apps

    for provider in privacy.providers():
        for label in provider.covers:
            apps.get_model(label)


# --- Export ------------------------------------------------------------------------------


def test_export_holds_the_persons_rows_from_every_app_and_nothing_of_another(
    district: District,
) -> None:
    """The export lists the account, roles, inputs (with answers and contact details,
    also those given without an account under the verified address), supports, votes,
    flags, bookings, registrations, committee seats, the volunteer profile with its groups
    and sign-ups, API keys and e-mail; none of another person's rows."""
    mine = holdings(district, "eple")
    other = holdings(district, "pære")
    data = privacy.export_all(mine.user)
    text = json.dumps(data, ensure_ascii=False)
    apps_found = data["apps"]
    for app_label in (
        "core",
        "accounts",
        "bookings",
        "localdemocracy",
        "participation",
        "followup",
        "volunteering",
        "api",
    ):
        assert app_label in apps_found, app_label
    assert apps_found["accounts"]["accounts.User"][0]["email"] == mine.user.email
    assert len(apps_found["accounts"]["accounts.RoleAssignment"]) == 1
    titles = {row["title"] for row in apps_found["participation"]["participation.Input"]}
    assert titles == {"Idé eple", "Anonym eple"}
    for key in ("participation.Support", "participation.Vote", "participation.Flag"):
        assert len(apps_found["participation"][key]) == 1, key
    assert apps_found["followup"]["followup.Response"][0]["answer"] == "Svar eple"
    purposes = {row["purpose"] for row in apps_found["bookings"]["bookings.Booking"]}
    assert purposes == {"Strikk eple", "Tidligere eple"}
    assert len(apps_found["localdemocracy"]["localdemocracy.Registration"]) == 1
    assert len(apps_found["localdemocracy"]["localdemocracy.Membership"]) == 1
    volunteer = apps_found["volunteering"]["volunteering.Volunteer"][0]
    assert volunteer["name"] == "Frivillig eple"
    assert [g["name"] for g in volunteer["working_groups"]] == ["Gruppe eple"]
    assert [s["offer"] for s in volunteer["offer_signups"]] == ["Matkurs eple"]
    assert apps_found["api"]["api.ApiToken"][0]["name"] == "Nøkkel eple"
    assert "Post eple" in text
    assert "pære" not in text, "another person's data leaked into the export"
    assert other.user.email not in text


def test_unverified_address_does_not_reveal_what_was_given_under_it(district: District) -> None:
    """Until the address is verified, input, registrations and mail matched only by the
    address are left out: anyone can register an account with someone else's address."""
    owner = holdings(district, "eple")
    squatter = _user(email="squatter@medvirk.example", email_verified_at=None)
    User.objects.filter(pk=owner.user.pk).delete()  # leaves the address-only rows
    squatter.email = owner.user.email
    squatter.save()
    text = json.dumps(privacy.export_all(squatter), ensure_ascii=False)
    assert "Anonym eple" not in text
    assert "Post eple" not in text


def test_my_data_page_and_download(client: Client, district: District) -> None:
    """The page shows the data under translated headings; the download is a JSON file."""
    mine = holdings(district, "eple")
    _login(client, mine.user)
    page = client.get(reverse("accounts:my-data"), HTTP_ACCEPT_LANGUAGE="nb")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Idé eple" in content
    assert "Strikk eple" in content
    download = client.get(reverse("accounts:my-data-json"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/json")
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["apps"]["accounts"]["accounts.User"][0]["email"] == (
        mine.user.email
    )


def test_my_data_needs_login(client: Client) -> None:
    for name in ("accounts:my-data", "accounts:my-data-json", "accounts:delete-account"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


# --- Deletion ----------------------------------------------------------------------------


def test_deleting_anonymises_contributions_and_keeps_their_answers(district: District) -> None:
    """The account goes; inputs stay with their answers and survey texts but without
    author or contact details; supports and votes still count; future bookings and
    registrations are cancelled; roles, profiles, sign-ups, keys and mail are gone."""
    mine = holdings(district, "eple")
    other = holdings(district, "pære")
    user = mine.user
    account_delete(user=user)

    assert not User.objects.filter(pk=user.pk).exists()
    idea = Input.objects.get(pk=mine.idea.pk)
    assert idea.author is None
    assert idea.title == "Idé eple"
    assert Response.objects.get(input=idea).answer == "Svar eple"
    assert not Contact.objects.filter(input__in=[mine.idea, mine.anonymous_idea]).exists()
    assert Input.objects.filter(pk=mine.anonymous_idea.pk).exists()
    assert Support.objects.filter(user__isnull=True).count() == 1
    assert Vote.objects.filter(user__isnull=True, choice="agree").count() == 1
    future = Booking.objects.get(pk=mine.future_booking.pk)
    assert future.status == BookingStatus.CANCELLED
    assert future.booked_by is None
    past = Booking.objects.get(pk=mine.past_booking.pk)
    assert past.status == BookingStatus.CONFIRMED
    registration = Registration.objects.get(pk=mine.registration.pk)
    assert registration.status == RegistrationStatus.CANCELLED
    assert (registration.name, registration.email, registration.user) == ("", "", None)
    assert not RoleAssignment.objects.filter(user_id=user.pk).exists()
    assert not Volunteer.objects.filter(user_id=user.pk).exists()
    assert not OfferSignup.objects.filter(user_id=user.pk).exists()
    assert not ApiToken.objects.filter(user_id=user.pk).exists()
    assert not OutgoingMail.objects.filter(to=user.email).exists()

    # The other person is untouched.
    assert Input.objects.get(pk=other.idea.pk).author == other.user
    assert Contact.objects.filter(input=other.idea).exists()
    assert Booking.objects.get(pk=other.future_booking.pk).status == BookingStatus.CONFIRMED
    assert Volunteer.objects.filter(user=other.user).exists()


def test_an_error_in_one_app_leaves_nothing_half_written(district: District) -> None:
    """When one app's anonymise fails, every change already made by the others is rolled
    back: the account, its inputs' authors, bookings and roles are as before."""
    mine = holdings(district, "eple")
    with (
        mock.patch(
            "medvirk.volunteering.privacy.volunteering_anonymise",
            side_effect=RuntimeError("boom"),
        ),
        pytest.raises(RuntimeError),
    ):
        account_delete(user=mine.user)
    assert User.objects.filter(pk=mine.user.pk).exists()
    assert Input.objects.get(pk=mine.idea.pk).author_id == mine.user.pk
    assert Contact.objects.filter(input=mine.idea).exists()
    assert Booking.objects.get(pk=mine.future_booking.pk).status == BookingStatus.CONFIRMED
    assert RoleAssignment.objects.filter(user=mine.user).exists()
    assert Registration.objects.get(pk=mine.registration.pk).email == mine.user.email


def test_records_the_municipality_must_keep_block_self_service_deletion(
    district: District,
) -> None:
    """Back-office access, or a moderation action recorded under the person's name, means
    the municipality closes the account, not the person."""
    staff = _user(is_staff=True)
    with pytest.raises(ValidationError):
        account_delete(user=staff)
    assert User.objects.filter(pk=staff.pk).exists()
    moderator = _user()
    idea = make_input(make_activity(district=district))
    from medvirk.participation.models import ModerationAction

    ModerationAction.objects.create(input=idea, actor=moderator, action="hide")
    assert privacy.deletion_blockers(moderator)


def test_delete_page_explains_and_needs_the_password(client: Client, district: District) -> None:
    """Without the right password nothing is deleted; with it the account is deleted,
    the person is logged out everywhere and sees a confirmation."""
    mine = holdings(district, "eple")
    _login(client, mine.user)
    other_device = _login(Client(), mine.user)
    url = reverse("accounts:delete-account")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert b"This cannot be undone" in page.content

    wrong = client.post(url, {"password": "feil-passord", "understood": "on"})
    assert wrong.status_code == 400
    assert User.objects.filter(pk=mine.user.pk).exists()
    unconfirmed = client.post(url, {"password": PASSWORD})
    assert unconfirmed.status_code == 400
    assert User.objects.filter(pk=mine.user.pk).exists()

    done = client.post(url, {"password": PASSWORD, "understood": "on"})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:delete-account-done")
    assert not User.objects.filter(pk=mine.user.pk).exists()
    assert Session.objects.count() == 0, "every session of the account ends"
    confirmation = client.get(done["Location"])
    assert confirmation.status_code == 200
    assert not confirmation.wsgi_request.user.is_authenticated
    assert not other_device.get(reverse("accounts:my-data")).wsgi_request.user.is_authenticated


def test_an_account_without_password_needs_a_fresh_login(client: Client) -> None:
    """An account that logs in only through ID-porten confirms with a recent login there:
    an old login is sent to log in again."""
    user = _user(oidc_issuer="https://idporten.example", oidc_subject="abc")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    url = reverse("accounts:delete-account")
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - datetime.timedelta(hours=2))
    stale = client.post(url, {"understood": "on"})
    assert stale.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()
    assert reverse("accounts:oidc-login").encode() in client.get(url).content

    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    done = client.post(url, {"understood": "on"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
