"""Demo local democracy for every district of Drammen, in Norwegian: the four standing
committees (hovedutvalg), the term 2023–2027, a full committee of 12 in each district,
the coordinator with contacts, a year of meetings (four committee meetings and a
dialogue meeting) with agendas, attendance and minutes, and a referral or two.
Rooms are booked through the bookings app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from medvirk.accounts.demo import DEMO_DOMAIN
from medvirk.accounts.models import User
from medvirk.localdemocracy import services
from medvirk.localdemocracy.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CommitteeTerm,
    CompositionRules,
    CoordinatorContact,
    LocalCommittee,
    Meeting,
    MeetingKind,
    MemberRole,
    Membership,
    Minutes,
    MinutesStatus,
    Referral,
    ReferralStatus,
    SeatKind,
    StandingCommittee,
)
from medvirk.places.models import District, Municipality, Room

STANDING_COMMITTEES = (
    "Hovedutvalg for oppvekst og utdanning",
    "Hovedutvalg for helse, sosial og omsorg",
    "Hovedutvalg for miljø, byutvikling og samferdsel",
    "Hovedutvalg for kultur, idrett og frivillighet",
)
FIRST_NAMES = (
    "Anne",
    "Bjørn",
    "Camilla",
    "Daniel",
    "Eva",
    "Fredrik",
    "Guro",
    "Hassan",
    "Ida",
    "Jon",
    "Kristin",
    "Leif",
    "Maria",
    "Nils",
    "Olivia",
    "Petter",
    "Randi",
    "Samir",
    "Tone",
    "Vegard",
    "Yasmin",
    "Åse",
)
LAST_NAMES = (
    "Aas",
    "Bakke",
    "Dahl",
    "Eide",
    "Fjeld",
    "Haugen",
    "Iversen",
    "Jensen",
    "Karlsen",
    "Lie",
    "Moen",
    "Næss",
    "Pedersen",
    "Rustad",
    "Solberg",
    "Strand",
    "Tangen",
    "Vik",
    "Østby",
)
ASSOCIATIONS = (
    "velforeningen",
    "idrettslaget",
    "FAU ved barneskolen",
    "pensjonistforeningen",
    "innvandrerforeningen",
)
AGENDA = (
    ("Godkjenning av innkalling og saksliste", ""),
    ("Godkjenning av referat fra forrige møte", ""),
    ("Orientering fra koordinator", "Status for aktiviteter og bruk av medvirkningsmidler."),
    ("Trafikksikkerhet rundt skolene", "Innspill fra foreldre og velforeninger."),
    ("Eventuelt", ""),
)


def _person_name(index: int) -> str:
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"


def _meeting_day(year: int, month: int) -> date:
    """The second Tuesday of the month."""
    day = date(year, month, 8)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _book(
    committee: LocalCommittee,
    rooms: list[Room],
    coordinator: User | None,
    *,
    kind: str,
    title: str,
    day: date,
    description: str,
    capacity: int,
) -> Meeting:
    """Plan a meeting in the first free room of the hub; at the hub's address if none.
    Meetings earlier in the year are recorded as held (they get minutes)."""
    already_held = _at(day, 18) < timezone.now()
    for room in rooms:
        try:
            return services.meeting_schedule(
                committee=committee,
                kind=kind,
                title=title,
                description=description,
                starts_at=_at(day, 18),
                ends_at=_at(day, 20),
                room=room,
                capacity=capacity,
                by=coordinator,
                already_held=already_held,
            )
        except ValidationError:
            continue
    return services.meeting_schedule(
        committee=committee,
        kind=kind,
        title=title,
        description=description,
        starts_at=_at(day, 18),
        ends_at=_at(day, 20),
        address=f"{committee.district.name}",
        capacity=capacity,
        by=coordinator,
        already_held=already_held,
    )


def _committee(
    district: District, term: CommitteeTerm, standing: list[StandingCommittee], offset: int
) -> LocalCommittee:
    committee = LocalCommittee.objects.create(
        district=district,
        term=term,
        name=f"Nærutvalg {district.name}",
        description=(
            f"Nærutvalget i {district.name} er en arena der innbyggere, lag og "
            "foreninger og politikere møtes om det som skjer i nærmiljøet."
        ),
        email=f"naerutvalg.{district.slug}@demo.medvirk.no",
    )
    seats: list[Membership] = []
    for index, body in enumerate(standing):
        seats.append(
            Membership(
                committee=committee,
                person_name=_person_name(offset + index),
                seat_kind=SeatKind.ELECTED,
                standing_committee=body,
                starts_on=term.starts_on,
            )
        )
    for index, association in enumerate(ASSOCIATIONS):
        seats.append(
            Membership(
                committee=committee,
                person_name=_person_name(offset + 4 + index),
                seat_kind=SeatKind.ASSOCIATION,
                organisation=f"{district.name} {association}",
                starts_on=term.starts_on,
            )
        )
    for index in range(3):
        seats.append(
            Membership(
                committee=committee,
                person_name=_person_name(offset + 9 + index),
                seat_kind=SeatKind.RESIDENT,
                starts_on=term.starts_on,
            )
        )
    seats[4].role = MemberRole.CHAIR
    seats[0].role = MemberRole.DEPUTY_CHAIR
    Membership.objects.bulk_create(seats)
    return committee


def load_demo(*, log: Callable[[str], None] = print) -> None:
    municipality = Municipality.objects.get(number="3301")
    if CommitteeTerm.objects.filter(municipality=municipality, name="2023–2027").exists():
        log("Local democracy: already loaded.")
        return
    CompositionRules.objects.get_or_create(municipality=municipality)
    standing = StandingCommittee.objects.bulk_create(
        StandingCommittee(municipality=municipality, name=name, sort_order=index)
        for index, name in enumerate(STANDING_COMMITTEES)
    )
    term = services.term_create(
        municipality=municipality,
        name="2023–2027",
        starts_on=date(2023, 10, 1),
        ends_on=date(2027, 9, 30),
    )
    today = timezone.localdate()
    year = today.year
    now = timezone.now()
    districts = list(
        District.objects.filter(municipality=municipality)
        .prefetch_related("hubs__rooms")
        .order_by("sort_order")
    )
    minutes: list[Minutes] = []
    agenda: list[AgendaItem] = []
    attendance: list[Attendance] = []
    for number, district in enumerate(districts):
        committee = _committee(district, term, standing, offset=number * 3)
        members = list(committee.memberships.all())
        coordinator_user = User.objects.filter(
            email=f"koordinator.{district.slug}@{DEMO_DOMAIN}"
        ).first()
        hub = next(iter(district.hubs.all()), None)
        name = coordinator_user.full_name if coordinator_user else f"Koordinator {district.name}"
        coordinator = services.coordinator_upsert(
            district=district,
            name=name,
            user=coordinator_user,
            title="Lokal koordinator",
            phone=f"32 04 {10 + number:02d} 00",
            email=f"koordinator.{district.slug}@demo.medvirk.no",
            hub=hub,
            presentation=(
                f"Jeg er sekretær for nærutvalget og bygger nettverk mellom lag, "
                f"foreninger og kommunen i {district.name}. Ta gjerne kontakt!"
            ),
        )
        CoordinatorContact.objects.bulk_create(
            [
                CoordinatorContact(
                    coordinator=coordinator,
                    name=_person_name(number + 40),
                    organisation=f"{district.name} frivilligsentral",
                    role="Daglig leder",
                ),
                CoordinatorContact(
                    coordinator=coordinator,
                    name=_person_name(number + 41),
                    organisation=f"{district.name} skole",
                    role="Rektor",
                ),
                CoordinatorContact(
                    coordinator=coordinator,
                    name=_person_name(number + 42),
                    organisation="Helsestasjonen",
                    role="Helsesykepleier",
                ),
            ]
        )
        rooms = sorted(hub.rooms.all(), key=lambda r: r.capacity) if hub else []
        small = [r for r in rooms if r.capacity >= 16] or rooms
        large = list(reversed(rooms))
        meetings: list[Meeting] = []
        for quarter, month in enumerate((2, 5, 9, 12), start=1):
            meetings.append(
                _book(
                    committee,
                    small,
                    coordinator_user,
                    kind=MeetingKind.COMMITTEE,
                    title=f"Nærutvalgsmøte {quarter}/{year}",
                    day=_meeting_day(year, month),
                    description="Åpent møte i nærutvalget. Alle er velkomne.",
                    capacity=10,
                )
            )
        meetings.append(
            _book(
                committee,
                large,
                coordinator_user,
                kind=MeetingKind.DIALOGUE,
                title=f"Dialogmøte: Hvordan vil vi ha det i {district.name}?",
                day=_meeting_day(year, 11) + timedelta(days=22),
                description="Et åpent dialogmøte om nærmiljøet, møteplasser og trafikk.",
                capacity=80,
            )
        )
        for meeting in meetings:
            for position, (title, text) in enumerate(AGENDA, start=1):
                agenda.append(
                    AgendaItem(meeting=meeting, number=position, title=title, description=text)
                )
            if meeting.ends_at < now:
                minutes.append(
                    Minutes(
                        meeting=meeting,
                        status=MinutesStatus.PUBLISHED,
                        written_by=coordinator_user,
                        approved_by=coordinator_user,
                        approved_at=meeting.ends_at + timedelta(days=14),
                        published_at=meeting.ends_at + timedelta(days=15),
                        text=(
                            f"Til stede: {len(members) - 1} av {len(members)} medlemmer.\n\n"
                            "Sak 3: Koordinator orienterte om aktiviteter i kommunedelen.\n\n"
                            "Sak 4: Nærutvalget ber kommunen se på fartsdempende tiltak ved "
                            "skolene, og vil invitere FAU til neste møte."
                        ),
                    )
                )
                attendance += [
                    Attendance(
                        meeting=meeting,
                        membership=member,
                        status=AttendanceStatus.EXCUSED if i == 11 else AttendanceStatus.PRESENT,
                    )
                    for i, member in enumerate(members)
                ]
        Referral.objects.bulk_create(
            [
                Referral(
                    committee=committee,
                    case_reference=f"{year % 100}/{1200 + number}",
                    title=f"Reguleringsplan for gang- og sykkelvei i {district.name}",
                    question=(
                        "Kommunen ber nærutvalget om en uttalelse til forslaget, "
                        "særlig om skolevei og trafikksikkerhet."
                    ),
                    deadline=today - timedelta(days=30),
                    status=ReferralStatus.ANSWERED,
                    statement=(
                        "Nærutvalget støtter forslaget, og ber om belysning langs "
                        "hele traseen og trygg kryssing ved skolen."
                    ),
                    answered_by=coordinator_user,
                    answered_at=now - timedelta(days=35),
                ),
                Referral(
                    committee=committee,
                    case_reference=f"{year % 100}/{1300 + number}",
                    title=f"Åpningstider ved {hub.name if hub else 'knutepunktet'}",
                    question=(
                        "Hvilke åpningstider vil gi flest innbyggere tilgang til "
                        "knutepunktet? Kommunen ber om nærutvalgets råd."
                    ),
                    deadline=today + timedelta(days=21),
                ),
            ]
        )
    AgendaItem.objects.bulk_create(agenda)
    Minutes.objects.bulk_create(minutes)
    Attendance.objects.bulk_create(attendance)
    log(
        f"Local democracy: {len(districts)} committees with members, coordinators, "
        "meetings, minutes and referrals."
    )
