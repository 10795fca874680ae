"""Demo content for Drammen, in Norwegian: in every district two associations, six
volunteers, three working groups ("trygg nærmiljø", "mat og fellesskap", "ungdom"), three
weekly offers with their rooms booked, and a month of association bookings at the hub.
Everything goes through the services, so the demo obeys the same rules as the users.
Running it twice changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from medvirk.accounts.demo import DEMO_DOMAIN, demo_person
from medvirk.accounts.models import Role, User
from medvirk.accounts.services import role_grant
from medvirk.bookings.services import booking_request
from medvirk.places.models import District, Municipality
from medvirk.volunteering.models import (
    Attendance,
    Offer,
    Organisation,
    Theme,
    WorkingGroup,
)
from medvirk.volunteering.services import (
    offer_create,
    organisation_register,
    volunteer_sign_up,
    working_group_add_member,
    working_group_create,
)
from medvirk.volunteering.validators import ORGANISATION_NUMBER_WEIGHTS

FIRST_NAMES = (
    "Kari",
    "Ali",
    "Ingrid",
    "Fatima",
    "Lars",
    "Agnieszka",
    "Hassan",
    "Sofie",
    "Bjørn",
    "Amina",
    "Tomas",
    "Leila",
    "Odd",
    "Yusuf",
    "Marit",
    "Olena",
)
LAST_NAMES = (
    "Hansen",
    "Ahmed",
    "Berg",
    "Nowak",
    "Johansen",
    "Omar",
    "Lie",
    "Haugen",
    "Karimi",
    "Strand",
)
VOLUNTEER_PROFILES = (
    # interests, skills, languages, days, times
    (["food_and_community"], ["cooking"], ["no", "ar"], [1, 3], ["evening"]),
    (["safe_neighbourhood", "youth"], ["night_walks", "mentoring"], ["no"], [4, 5], ["evening"]),
    (["youth", "sport"], ["sport", "mentoring"], ["no", "so"], [2], ["afternoon", "evening"]),
    (
        ["language", "food_and_community"],
        ["teaching", "interpreting"],
        ["no", "pl", "en"],
        [1, 2],
        ["evening"],
    ),
    (["seniors", "food_and_community"], ["cooking", "driving"], ["no"], [0, 2], ["morning"]),
    (["safe_neighbourhood"], ["organising"], ["no", "ur"], [3], ["evening"]),
)
ASSOCIATIONS = (
    (
        "{name} velforening",
        "Vi tar vare på nærmiljøet i {name}: dugnader, juletrefest og et godt naboskap.",
        "Dugnad hver vår og høst, sommerfest, juletrefest.",
    ),
    (
        "Internasjonal kvinnegruppe {name}",
        "Et møtested for kvinner fra hele verden som bor i {name}.",
        "Strikkekafé, turgruppe og norsktrening.",
    ),
)
GROUPS = (
    (
        "Trygg nærmiljø {name}",
        Theme.SAFE_NEIGHBOURHOOD,
        8,
        ["night_walks", "organising"],
        [4, 5],
        ["evening"],
        "Nattvandring fredag og lørdag, trygge skoleveier og et våkent blikk for naboer.",
    ),
    (
        "Mat og fellesskap {name}",
        Theme.FOOD_AND_COMMUNITY,
        6,
        ["cooking"],
        [1, 3],
        ["evening"],
        "Vi lager mat sammen og spiser sammen. Frivillige hjemmekokker leder an.",
    ),
    (
        "Ungdom {name}",
        Theme.YOUTH,
        6,
        ["sport", "mentoring"],
        [2],
        ["afternoon", "evening"],
        "Ungdomskveld, leksehjelp og aktiviteter laget sammen med ungdommene selv.",
    ),
)
OFFERS = (
    # title, theme, room, weekday, starts, ends, description, age group, languages, attendance
    (
        "Middag for menn {name}",
        Theme.FOOD_AND_COMMUNITY,
        "Kjøkkenet",
        3,
        time(17),
        time(19),
        "Menn i alle aldre lager middag sammen, ledet av frivillige hjemmekokker. Ingen "
        "forkunnskaper trengs. Vi spiser sammen etterpå.",
        "adults",
        ["no"],
        Attendance.SIGN_UP,
    ),
    (
        "Språkkafé {name}",
        Theme.LANGUAGE,
        "Møterom 1",
        1,
        time(18),
        time(20),
        "Øv på norsk i en hyggelig prat over en kopp kaffe. Alle nivåer er velkomne.",
        "all",
        ["no", "en", "ar", "pl"],
        Attendance.DROP_IN,
    ),
    (
        "Ungdomskveld {name}",
        Theme.YOUTH,
        "Storsalen",
        2,
        time(17),
        time(20),
        "Spill, musikk, mat og leksehjelp for ungdom fra 13 år. Voksne frivillige er til stede.",
        "youth",
        ["no"],
        Attendance.DROP_IN,
    ),
)
ONE_OFF_BOOKINGS = (
    # days after Monday of this week, room, start, end, purpose, public
    (0, "Møterom 1", time(10), time(12), "Styremøte", False),
    (4, "Møterom 1", time(12), time(14), "Strikkekafé", True),
    (5, "Storsalen", time(11), time(14), "Loppemarked", True),
    (8, "Kjøkkenet", time(10), time(13), "Matkurs for nybegynnere", True),
    (11, "Storsalen", time(10), time(16), "Årsmøte og medlemsmøte", True),
    (15, "Møterom 1", time(10), time(12), "Styremøte", False),
    (18, "Møterom 1", time(12), time(15), "Norsktrening for kvinner", True),
    (22, "Storsalen", time(14), time(18), "Kulturkveld", True),
    (26, "Kjøkkenet", time(12), time(15), "Felles lunsj for seniorer", True),
)


def organisation_number(seed: int) -> str:
    """A number that passes the MOD11 check, from a seed (for demo associations)."""
    for candidate in (seed * 2, seed * 2 + 1):  # two neighbours never both fail
        base = f"{99_000_000 + candidate:08d}"
        total = sum(int(d) * w for d, w in zip(base, ORGANISATION_NUMBER_WEIGHTS, strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            return base + str(check)
    raise AssertionError("unreachable")


def _coordinator(district: District) -> User:
    user = demo_person(f"koordinator.{district.slug}@{DEMO_DOMAIN}", f"Koordinator {district.name}")
    role_grant(user=user, role=Role.COORDINATOR, district=district)
    return user


def _monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def _load_district(municipality: Municipality, district: District, index: int) -> None:
    if Offer.objects.filter(district=district).exists():
        return
    name = district.name
    coordinator = _coordinator(district)
    manager = demo_person(f"forening.{district.slug}@{DEMO_DOMAIN}", f"Styreleder i {name}")
    organisations = [
        organisation_register(
            municipality=municipality,
            by=manager,
            name=title.format(name=name),
            purpose=purpose.format(name=name),
            activities=activities,
            district=district,
            organisation_number=organisation_number(index * 10 + number),
            contact_name=manager.full_name,
            email=manager.email,
        )
        for number, (title, purpose, activities) in enumerate(ASSOCIATIONS)
    ]
    volunteers = []
    for number, (interests, skills, languages, days, times) in enumerate(VOLUNTEER_PROFILES):
        full_name = (
            f"{FIRST_NAMES[(index * 3 + number) % len(FIRST_NAMES)]} "
            f"{LAST_NAMES[(index + number) % len(LAST_NAMES)]}"
        )
        user = demo_person(f"frivillig.{district.slug}.{number + 1}@{DEMO_DOMAIN}", full_name)
        volunteers.append(
            volunteer_sign_up(
                user=user,
                municipality=municipality,
                consent=True,
                display_name=full_name,
                district=district if number != 5 else None,
                interests=interests,
                skills=skills,
                languages=languages,
                available_days=days,
                available_times=times,
                visibility="members" if number % 2 == 0 else "coordinators",
            )
        )
    hub = district.hubs.order_by("name").first()
    groups: list[WorkingGroup] = [
        working_group_create(
            municipality=municipality,
            by=coordinator,
            name=title.format(name=name),
            theme=theme,
            description=description,
            volunteers_needed=needed,
            district=district,
            hub=hub,
            wanted_skills=skills,
            meeting_days=days,
            meeting_times=times,
        )
        for title, theme, needed, skills, days, times, description in GROUPS
    ]
    # Some groups get people, some lack them: the measures have something to show.
    for group, members in zip(groups, ([1, 5], [0, 4, 3], [2] if index % 2 else []), strict=True):
        for member in members:
            working_group_add_member(group=group, volunteer=volunteers[member], by=coordinator)
    if hub is None:
        return
    rooms = {room.name: room for room in hub.rooms.all()}
    monday = _monday()
    for number, offer in enumerate(OFFERS):
        (
            title,
            theme,
            room_name,
            weekday,
            starts,
            ends,
            description,
            age,
            languages,
            attendance,
        ) = offer
        # The committee's meetings already hold some evenings: take the first room that is
        # free for all twelve weeks, preferring the one the offer is written for.
        candidates = [rooms[room_name]] if room_name in rooms else []
        candidates += [room for name, room in rooms.items() if name != room_name]
        for room in candidates:
            try:
                offer_create(
                    municipality=municipality,
                    by=coordinator,
                    district=district,
                    title=title.format(name=name),
                    description=description,
                    theme=theme,
                    weekday=weekday,
                    starts=starts,
                    ends=ends,
                    first_date=monday + timedelta(days=weekday),
                    room=room,
                    organisation=None,
                    working_group=groups[number] if number < 3 else None,
                    age_group=age,
                    languages=languages,
                    step_free=True,
                    accessibility="Trinnfri inngang og HC-toalett.",
                    attendance=attendance,
                    capacity=12 if attendance == Attendance.SIGN_UP else None,
                    contact_email=coordinator.email,
                )
            except ValidationError as error:
                if not _is_overlap(error):
                    raise
                continue
            break
    for number, (offset, room_name, starts, ends, purpose, public) in enumerate(ONE_OFF_BOOKINGS):
        booked_room = rooms.get(room_name)
        if booked_room is None:
            continue
        day = monday + timedelta(days=offset)
        organisation = organisations[number % 2]
        try:
            booking_request(
                room=booked_room,
                starts_at=timezone.make_aware(datetime.combine(day, starts)),
                ends_at=timezone.make_aware(datetime.combine(day, ends)),
                booked_by=manager,
                purpose=purpose,
                organisation=organisation,
                is_public=public,
                attendees=min(10, booked_room.capacity),
                confirm=number != len(ONE_OFF_BOOKINGS) - 1,  # the last one waits for the host
            )
        except ValidationError as error:
            if not _is_overlap(error):
                raise  # a slot a committee meeting already holds is simply left out


def _is_overlap(error: ValidationError) -> bool:
    return any(getattr(e, "code", None) == "overlap" for e in error.error_list)


def load_demo(*, log: Callable[[str], None] = print) -> None:
    municipality = Municipality.objects.filter(number="3301").first()
    if municipality is None:
        log("Volunteering: no Drammen in the database; nothing loaded.")
        return
    districts = list(municipality.districts.order_by("sort_order", "name"))
    for index, district in enumerate(districts):
        _load_district(municipality, district, index)
    log(
        f"Volunteering: {Organisation.objects.filter(municipality=municipality).count()} "
        f"associations, {WorkingGroup.objects.filter(municipality=municipality).count()} "
        f"working groups, {Offer.objects.filter(municipality=municipality).count()} offers. "
        f"Log in as forening.<district>@{DEMO_DOMAIN} or frivillig.<district>.1@{DEMO_DOMAIN}."
    )
