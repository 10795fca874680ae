"""Pages and API of volunteering: offers near me with filters and a fixed number of
queries, the volunteer form and "my data", associations with the organisation number
check, the working group page for the public, members and coordinators, and feeds."""

from __future__ import annotations

import json
from datetime import time, timedelta
from typing import Any, cast

import pytest
from django.urls import reverse
from django.utils import timezone

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.bookings.tests.factories import open_room
from medvirk.places.models import District
from medvirk.places.tests.factories import DistrictFactory
from medvirk.volunteering.models import Offer, Organisation, Volunteer
from medvirk.volunteering.services import offer_create, working_group_add_member
from medvirk.volunteering.tests.factories import make_group, make_user, make_volunteer

pytestmark = pytest.mark.django_db


def make_offer(district: District, title: str, **kwargs: Any) -> Offer:
    room = kwargs.pop("room", None)
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    first = timezone.localdate() + timedelta(days=1)
    values: dict[str, Any] = {
        "description": "Velkommen!",
        "theme": "food_and_community",
        "weekday": first.weekday(),
        "starts": time(17),
        "ends": time(19),
        "first_date": first,
        "place": "Grendehuset",
    }
    values.update(kwargs)
    return offer_create(
        municipality=district.municipality,
        by=coordinator,
        district=district,
        title=title,
        room=room,
        **values,
    )


def test_offer_list_filters_and_runs_a_fixed_number_of_queries(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    """Filters by district, theme, language and step-free access; HTMX gets only the
    results; twelve offers cost no more queries than one."""
    district = cast(District, DistrictFactory())
    other = cast(District, DistrictFactory(municipality=district.municipality))
    make_offer(district, "Middag for menn", languages=["no", "ar"], step_free=True)
    make_offer(other, "Ungdomskveld", theme="youth")
    url = reverse("volunteering:offers", args=[district.municipality.slug])
    page = client.get(url, {"kommunedel": district.pk}).content.decode()
    assert "Middag for menn" in page and "Ungdomskveld" not in page
    assert "Ungdomskveld" in client.get(url, {"tema": "youth"}).content.decode()
    assert "Middag" in client.get(url, {"sprak": "ar", "trinnfritt": "on"}).content.decode()
    assert "Middag" not in client.get(url, {"sprak": "pl"}).content.decode()
    partial = client.get(url, {"tema": "youth"}, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith("<section")
    for number in range(10):
        make_offer(district, f"Språkkafé {number}")
    with django_assert_max_num_queries(8):
        client.get(url)


def test_offer_page_feed_and_sign_up(client: Any) -> None:
    """The offer page shows the next dates; its iCalendar feed repeats weekly; a signed
    in resident takes a place."""
    district = cast(District, DistrictFactory())
    offer = make_offer(district, "Middag for menn", attendance="sign_up", capacity=5)
    url = reverse("volunteering:offer", args=[district.municipality.slug, offer.slug])
    assert "Middag for menn" in client.get(url).content.decode()
    feed = client.get(url + "kalender.ics").content.decode()
    assert "RRULE:FREQ=WEEKLY;INTERVAL=1" in feed and "\r\n" in feed
    client.force_login(make_user())
    client.post(url + "pamelding/")
    assert offer.signups.count() == 1


def test_volunteer_form_without_consent_keeps_input_then_signs_up(client: Any) -> None:
    """Anonymous people are asked to log in; without consent the form explains and keeps
    the answers; with it the volunteer lands on their page, can export and delete."""
    district = cast(District, DistrictFactory())
    url = reverse("volunteering:signup", args=[district.municipality.slug])
    form = {
        "display_name": "Ida",
        "district": district.pk,
        "interests": ["youth"],
        "available_days": ["2"],
        "frequency": "weekly",
        "visibility": "members",
    }
    assert client.post(url, form).status_code == 302
    client.force_login(make_user())
    page = client.post(url, form).content.decode()
    assert "Vi kan bare lagre svarene dine hvis du samtykker" in page
    assert 'value="Ida"' in page
    assert not Volunteer.objects.exists()
    response = client.post(url, {**form, "consent": "on"})
    assert response["Location"] == reverse("volunteering:me", args=[district.municipality.slug])
    exported = client.get(reverse("volunteering:export", args=[district.municipality.slug]))
    assert json.loads(exported.content)["name"] == "Ida"
    client.post(reverse("volunteering:delete", args=[district.municipality.slug]))
    assert not Volunteer.objects.exists()


def test_association_with_bad_organisation_number_keeps_the_form(client: Any) -> None:
    """A number failing the checksum gets the translated message, the input stays,
    nothing is stored; a good one registers the association."""
    district = cast(District, DistrictFactory())
    client.force_login(make_user())
    url = reverse("volunteering:organisation-new", args=[district.municipality.slug])
    form = {
        "name": "Fjell velforening",
        "purpose": "Godt naboskap",
        "organisation_number": "974760674",
    }
    page = client.post(url, form).content.decode()
    assert "Dette er ikke et gyldig organisasjonsnummer" in page
    assert 'value="Fjell velforening"' in page
    assert not Organisation.objects.exists()
    client.post(url, {**form, "organisation_number": "974760673"})
    organisation = Organisation.objects.get()
    assert organisation.slug == "fjell-velforening"
    detail = client.get(
        reverse("volunteering:organisation", args=[district.municipality.slug, organisation.slug])
    )
    assert "Endre foreningen" in detail.content.decode()


def test_group_page_shows_contacts_only_to_its_coordinator(client: Any) -> None:
    """The public sees the need but no names; a member sees members who allow it but no
    contact details; the coordinator sees contacts and suggestions, and adds a member."""
    district = cast(District, DistrictFactory())
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    group = make_group(district)
    shy = make_volunteer(
        district,
        display_name="Sjenert",
        visibility="coordinators",
        user=make_user(email="sjenert@medvirk.example"),
    )
    open_one = make_volunteer(district, display_name="Åpen", visibility="members")
    candidate = make_volunteer(district, display_name="Kandidat")
    working_group_add_member(group=group, volunteer=shy, by=coordinator)
    working_group_add_member(group=group, volunteer=open_one, by=coordinator)
    url = reverse("volunteering:group", args=[district.municipality.slug, group.slug])
    public = client.get(url).content.decode()
    assert "2 av 3" in public and "Sjenert" not in public and "Åpen" not in public
    client.force_login(open_one.user)
    member_view = client.get(url).content.decode()
    assert "Åpen" in member_view and "Sjenert" not in member_view
    assert "sjenert@medvirk.example" not in member_view
    client.force_login(coordinator)
    coordinator_view = client.get(url).content.decode()
    assert "sjenert@medvirk.example" in coordinator_view
    assert "Legg Kandidat til i gruppen" in coordinator_view
    client.post(url + "medlemmer/", {"volunteer": candidate.pk})
    assert group.memberships.count() == 3
    client.post(url + "moter/", {"starts_at": "2026-12-01T18:00", "place": "Biblioteket"})
    meeting = group.meetings.get()
    client.post(url + f"moter/{meeting.pk}/", {"notes": "Vi planla julemiddagen."})
    meeting.refresh_from_db()
    assert meeting.notes == "Vi planla julemiddagen."
    client.force_login(make_user())
    assert client.post(url + "medlemmer/", {"volunteer": candidate.pk}).status_code == 403


def test_district_panel_and_api_show_the_simple_measures(client: Any) -> None:
    """The district page shows offers, groups and occupancy; the API lists offers,
    groups (counts, no names) and the measures."""
    room = open_room()
    district = room.hub.district
    make_offer(district, "Middag for menn", room=room)
    group = make_group(district)
    municipality = district.municipality
    page = client.get(reverse("places:district", args=[municipality.slug, district.slug]))
    text = page.content.decode()
    assert "Frivillighet og tilbud" in text and "Middag for menn" in text
    assert group.name in text
    base = f"/api/v1/municipalities/{municipality.number}/"
    offers = client.get(base + "offers/").json()["results"]
    assert offers[0]["title"] == "Middag for menn" and offers[0]["room"] == room.name
    groups = client.get(base + "working-groups/").json()["results"]
    assert groups[0]["members"] == 0 and "coordinator" not in groups[0]
    measures = client.get(base + "volunteering-measures/").json()
    row = next(r for r in measures if r["district"] == district.slug)
    assert row["offers_per_week"] == 1.0 and row["hours_booked"] > 0
    assert client.get("/api/schema/").status_code == 200
    measures_page = client.get(reverse("volunteering:measures", args=[municipality.slug]))
    assert district.name in measures_page.content.decode()


def test_volunteer_joins_a_recruiting_group_others_become_volunteers_first(client: Any) -> None:
    """A logged-in volunteer of the municipality sees "Join the group" and joins (twice
    changes nothing); a resident who is not a volunteer is offered "Become a volunteer"
    and cannot join; a group that is not recruiting says so and refuses."""
    district = cast(District, DistrictFactory())
    group = make_group(district)
    slug = district.municipality.slug
    url = reverse("volunteering:group", args=[slug, group.slug])
    join_url = reverse("volunteering:group-join", args=[slug, group.slug])
    volunteer = make_volunteer(district, display_name="Ida")
    client.force_login(volunteer.user)
    page = client.get(url).content.decode()
    assert join_url in page and reverse("volunteering:signup", args=[slug]) not in page
    assert client.post(join_url).status_code == 302
    client.post(join_url)
    assert list(group.members.all()) == [volunteer]
    assert join_url not in client.get(url).content.decode()

    resident = make_user()
    client.force_login(resident)
    page = client.get(url).content.decode()
    assert join_url not in page and reverse("volunteering:signup", args=[slug]) in page
    response = client.post(join_url)
    assert response.status_code == 302 and response["Location"].endswith("/frivillig/")
    assert group.members.count() == 1

    closed = make_group(district, is_open=False)
    other = make_volunteer(district, display_name="Per")
    client.force_login(other.user)
    closed_join = reverse("volunteering:group-join", args=[slug, closed.slug])
    assert (
        closed_join
        not in client.get(reverse("volunteering:group", args=[slug, closed.slug])).content.decode()
    )
    client.post(closed_join)
    assert closed.members.count() == 0


def test_offer_sign_up_is_cancelled_from_the_offer_and_the_volunteer_page(client: Any) -> None:
    """A resident with a place cancels it from the offer page, with a message, and the
    place is free again; cancelling twice changes nothing. A volunteer sees their places
    on their own page and cancels from there, back on that page."""
    district = cast(District, DistrictFactory())
    offer = make_offer(district, "Middag for menn", attendance="sign_up", capacity=1)
    slug = district.municipality.slug
    url = reverse("volunteering:offer", args=[slug, offer.slug])
    cancel_url = reverse("volunteering:offer-signup-cancel", args=[slug, offer.slug])
    volunteer = make_volunteer(district)
    client.force_login(volunteer.user)
    client.post(url + "pamelding/")
    assert cancel_url in client.get(url).content.decode()
    response = client.post(cancel_url, follow=True)
    assert offer.signups.count() == 0
    assert len(list(response.context["messages"])) == 1
    assert client.post(cancel_url).status_code == 302  # idempotent
    assert offer.signups.count() == 0

    client.post(url + "pamelding/")
    me = reverse("volunteering:me", args=[slug])
    page = client.get(me).content.decode()
    assert "Middag for menn" in page and cancel_url in page
    response = client.post(cancel_url, {"next": me})
    assert response["Location"] == me and offer.signups.count() == 0
    response = client.post(cancel_url, {"next": "https://evil.example/"})
    assert response["Location"] == url
