"""Demo activities for Drammen, one in every phase, with hundreds of inputs written from
templates in Norwegian (bokmål), as Drammen residents would write them.

- a hearing on a draft "veivalgdokument" with sections (reporting back, report published
  by the followup demo);
- an idea collection for Fjell bydelshus (open);
- a map consultation on safe school routes in Konnerud (open);
- statements about the local committees (open);
- a survey on how people use the hubs (summarising);
- a youth consultation in Strømsø (planned);
- a dialogue meeting in Svelvik with input registered by staff (closed).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone
from PIL import ExifTags, Image, ImageDraw

from medvirk.accounts.models import User
from medvirk.algorithms.geo import bounding_box, contains_point
from medvirk.participation import services
from medvirk.participation.models import (
    Activity,
    Answer,
    Channel,
    Contact,
    Flag,
    Input,
    InputKind,
    Method,
    Moderation,
    PhaseKind,
    Question,
    QuestionKind,
    Section,
    Statement,
    Visibility,
)
from medvirk.places.models import District, Municipality

DEMO_MUNICIPALITY_NUMBER = "3301"

HEARING = "veivalgdokument-naerdemokrati"
IDEAS = "ideer-fjell-bydelshus"
MAP = "trygg-skolevei-konnerud"
STATEMENTS = "pastander-naerutvalg"
SURVEY = "bruk-av-knutepunktene"
YOUTH = "ungdomshoring-stromso"
DIALOGUE = "dialogmote-svelvik-sentrum"

VEIVALG_SECTIONS = [
    (
        "Innledning",
        "Drammen kommune skal ha et nærdemokrati som gjør det lett å delta der man bor. "
        "Dette dokumentet beskriver veivalgene vi ser, og vi vil gjerne høre hva du mener.",
    ),
    (
        "Ti kommunedeler med hvert sitt nærutvalg",
        "Kommunen deles i ti kommunedeler. Hver kommunedel får et nærutvalg på tolv personer: "
        "fire fra hovedutvalgene, resten fra lag, foreninger og innbyggere.",
    ),
    (
        "Lokal koordinator",
        "Hver kommunedel får en lokal koordinator som er sekretariat for nærutvalget, "
        "mobiliserer og bygger lokale relasjoner.",
    ),
    (
        "Knutepunkter",
        "Et knutepunkt er en naturlig møteplass: bibliotek, skole, bydelshus eller "
        "frivilligsentral. Her skal det være lett å få råd, veiledning og tilgang til tjenester.",
    ),
    (
        "Midler til medvirkning",
        "Hvert nærutvalg får midler til medvirkningsaktiviteter i egen kommunedel, i "
        "utgangspunktet 50 000 kroner i året.",
    ),
    (
        "Verktøykasse for medvirkning",
        "Administrasjonen og politikerne skal bruke en felles verktøykasse med metoder for "
        "medvirkning, tilpasset saken og dem som berøres.",
    ),
    (
        "Oppfølging og lojalitet til innspillene",
        "Alle innspill skal få et svar. Etter hver høring publiserer kommunen hva vi hørte og "
        "hva vi gjorde.",
    ),
]

_OPENERS = [
    "Jeg mener",
    "Vi i borettslaget mener",
    "Som småbarnsmor synes jeg",
    "Som pensjonist vil jeg si",
    "Jeg har bodd her i tjue år, og",
    "Etter min mening",
    "Vi i velforeningen synes",
    "Som ungdom synes jeg",
    "Jeg er enig i at",
    "Jeg er usikker på om",
]
_HEARING_POINTS = [
    "nærutvalgene må ha flere unge med",
    "koordinatoren bør ha fast kontortid på knutepunktet",
    "50 000 kroner er for lite til å få til noe",
    "hovedutvalgenes representanter må møte opp hver gang",
    "det må være tolk på møtene",
    "knutepunktet må være åpent på kveldstid",
    "innbyggerne bør velge sine egne representanter",
    "kommunedelene er for store",
    "referatene må publiseres raskt",
    "det må være lett å melde inn saker til nærutvalget",
    "svarene fra kommunen må komme innen rimelig tid",
    "verktøykassen må også brukes av politikerne",
    "idrettslagene må få plass i nærutvalget",
    "eldre uten nett må kunne gi innspill på papir",
]
_HEARING_ENDS = [
    "Takk for at dere spør.",
    "Dette er viktig for oss som bor her.",
    "Håper dette blir tatt med videre.",
    "",
    "Ta gjerne kontakt.",
    "Det ville gjort det lettere å delta.",
]

_SURVEY_WISHES = [
    "lengre åpningstid på lørdager og søndager",
    "åpent på kveldstid i helgene",
    "flere kurs for eldre i bruk av mobil og nettbank",
    "datakurs og hjelp med digitale skjema for eldre",
    "et eget sted for ungdom å være etter skolen",
    "en kveldsåpen ungdomsklubb med aktiviteter for ungdom",
    "bedre skilting fra bussholdeplassen til knutepunktet",
    "tydelige skilt og kart som viser veien inn",
    "en kafé med rimelige priser og god kaffe",
    "billig kaffe og enkel mat i kafeen",
    "bedre tilgjengelighet for rullestol og barnevogn",
    "heis og automatiske dører så rullestolbrukere kommer inn",
]

_IDEA_TITLES = [
    "Leksehjelp for ungdom",
    "Språkkafé på kveldstid",
    "Reparasjonskafé",
    "Sykkelverksted",
    "Strikkekafé for alle aldre",
    "Utlånssentral for sportsutstyr",
    "Seniordata-hjelp",
    "Felles middag på fredager",
    "Parsellhage på baksiden",
    "Gratis trening ute",
    "Juridisk veiledning",
    "Bytte-marked for barneklær",
    "Åpen scene for ungdom",
    "Bedre belysning ved inngangen",
    "Sittebenker og skygge",
    "Lekeplass for de minste",
    "Kurs i norsk",
    "Film for barnefamilier",
    "Møterom for foreninger",
    "Ladepunkter for el-sykkel",
]
_IDEA_WHY = [
    "Mange i nabolaget har ikke plass hjemme.",
    "Det vil samle folk på tvers av kulturer.",
    "Det finnes ikke noe slikt tilbud på Fjell i dag.",
    "Det koster lite og betyr mye.",
    "Unge trenger et sted å være om kvelden.",
    "Eldre blir ensomme uten møteplasser.",
    "Frivillige står klare til å hjelpe.",
    "Det vil gjøre bydelshuset mer brukt.",
]
_IDEA_HOW = [
    "Kan holdes på tirsdager etter klokka 17.",
    "Frivilligsentralen kan være med.",
    "Foreslår å starte med en prøveperiode i høst.",
    "Vi kan stille med to voksne.",
    "Rommet i andre etasje står ofte tomt.",
    "Kan finansieres av nærutvalgets midler.",
]

_MAP_PROBLEMS = [
    "Farlig kryssing uten fotgjengerfelt",
    "Bilene kjører for fort her",
    "Mangler fortau på denne strekningen",
    "Dårlig belysning om vinteren",
    "Busser og biler rygger ved skolen",
    "Snøen blir liggende på gangveien",
    "Uoversiktlig sving",
    "Foreldre slipper av barn midt i veien",
    "Her er det trygt og fint å gå",
    "Trenger fartsdump",
]
_MAP_DETAILS = [
    "Barna må gå i veibanen.",
    "Det har vært flere nestenulykker.",
    "Gjelder særlig om morgenen mellom 07.45 og 08.15.",
    "Sikten er dårlig på grunn av hekken.",
    "Mange små barn går her alene.",
    "",
]

STATEMENT_TEXTS = [
    "Nærutvalget bør ha møter på kveldstid.",
    "Ungdom bør ha egne plasser i nærutvalget.",
    "Kommunen svarer for sent på innspill.",
    "Knutepunktet bør være åpent i helgene.",
    "Pengene til medvirkning bør fordeles etter folketall.",
    "Det er lett å vite hvem som sitter i nærutvalget.",
    "Møtene bør strømmes på nett.",
    "Innspill på papir bør telle like mye som innspill på nett.",
    "Politikerne bør delta oftere på møter i bydelen.",
    "Frivillige lag bør få låne lokaler gratis.",
    "Nærutvalget bør kunne uttale seg i alle saker som angår bydelen.",
    "Jeg vet hvor knutepunktet i min bydel er.",
    "Kommunen bør bruke mer tid på å forklare vedtakene.",
    "Digitale løsninger gjør det lettere å delta.",
    "Det er viktigere å reparere veier enn å bygge nye møteplasser.",
]


def demo_photo() -> SimpleUploadedFile:
    """A photo as a phone sends it: a JPEG of Fjell bydelshus, drawn here, with camera
    EXIF and a GPS position, which the upload path must strip before storing it."""
    image = Image.new("RGB", (1200, 900), (170, 205, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 640, 1200, 900), fill=(95, 140, 80))
    draw.rectangle((300, 330, 900, 700), fill=(196, 90, 60))
    draw.polygon([(260, 340), (600, 150), (940, 340)], fill=(70, 70, 80))
    for left in (360, 520, 680, 800):
        draw.rectangle((left, 410, left + 70, 480), fill=(250, 240, 190))
    draw.rectangle((560, 560, 640, 700), fill=(90, 60, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Demo"
    exif[ExifTags.Base.Model] = "Phone 1"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (59.0, 44.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (10.0, 14.0, 10.0),
    }
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, exif=exif)
    return SimpleUploadedFile("IMG_0042.jpg", buffer.getvalue(), content_type="image/jpeg")


def _key(*parts: Any) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def _random_point(rng: random.Random, boundary: dict[str, Any]) -> tuple[float, float]:
    min_x, min_y, max_x, max_y = bounding_box([boundary])
    while True:
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if contains_point(boundary, x, y):
            return y, x


def _inputs(
    activity: Activity,
    rows: list[dict[str, Any]],
    rng: random.Random,
    start: datetime.datetime,
    end: datetime.datetime,
    salt: str = "",
) -> list[Input]:
    """Bulk-create the inputs with spread-out times, and a contact for some of them."""
    span = max((end - start).total_seconds(), 1)
    objects = []
    for index, row in enumerate(rows):
        key = _key(activity.slug, salt, index)
        objects.append(
            Input(
                activity=activity,
                kind=activity.input_kind,
                submission_key=key[:64],
                private_token=_key("token", activity.slug, salt, index)[:40],
                fingerprint=_key("fp", activity.slug, salt, index),
                **row,
            )
        )
    created = Input.objects.bulk_create(objects)
    times = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in created)
    for item, when in zip(created, times, strict=True):
        item.created_at = when
    Input.objects.bulk_update(created, ["created_at"])
    contacts = [
        Contact(
            input=item,
            name=f"Innbygger {item.pk}",
            email=f"innbygger.{item.pk}@medvirk.example",
            consent=True,
        )
        for item in created
        if rng.random() < 0.3
    ]
    Contact.objects.bulk_create(contacts)
    return created


def _phases(
    today: datetime.date, current: str
) -> dict[str, tuple[datetime.date, datetime.date | None]]:
    """Dates for every phase such that ``current`` is the phase today."""
    offsets = {
        PhaseKind.PLANNED: {
            "planned": 0,
            "open": 20,
            "summarising": 50,
            "reporting": 70,
            "closed": 100,
        },
        PhaseKind.OPEN: {
            "planned": -30,
            "open": -14,
            "summarising": 21,
            "reporting": 45,
            "closed": 80,
        },
        PhaseKind.SUMMARISING: {
            "planned": -80,
            "open": -60,
            "summarising": -10,
            "reporting": 20,
            "closed": 60,
        },
        PhaseKind.REPORTING: {
            "planned": -150,
            "open": -120,
            "summarising": -70,
            "reporting": -7,
            "closed": 40,
        },
        PhaseKind.CLOSED: {
            "planned": -300,
            "open": -270,
            "summarising": -220,
            "reporting": -180,
            "closed": -120,
        },
    }[PhaseKind(current)]
    kinds = list(offsets)
    result: dict[str, tuple[datetime.date, datetime.date | None]] = {}
    for index, kind in enumerate(kinds):
        starts = today + timedelta(days=offsets[kind])
        ends = (
            today + timedelta(days=offsets[kinds[index + 1]] - 1)
            if index + 1 < len(kinds)
            else None
        )
        result[kind] = (starts, ends)
    return result


def _start(municipality: Municipality, method_slug: str, current: str, **fields: Any) -> Activity:
    return services.activity_start(
        actor=None,
        municipality=municipality,
        method=Method.objects.get(slug=method_slug),
        phases=_phases(timezone.localdate(), current),
        check_access=False,
        **fields,
    )


def load_demo(*, log: Callable[[str], None] = print) -> None:
    municipality = Municipality.objects.filter(number=DEMO_MUNICIPALITY_NUMBER).first()
    if municipality is None or Activity.objects.filter(municipality=municipality).exists():
        return
    services.methods_seed()
    rng = random.Random(3301)
    districts = {d.slug: d for d in District.objects.filter(municipality=municipality)}
    resident = User.objects.filter(email="innbygger@medvirk.example").first()
    now = timezone.now()

    # A hearing on the veivalgdokument, now reporting back.
    hearing = _start(
        municipality,
        "horing-pa-utkast",
        PhaseKind.REPORTING,
        slug=HEARING,
        title="Høring: veivalgdokument for nærdemokratiet",
        summary="Hva mener du om forslaget til nærdemokrati i ti kommunedeler?",
        description="Bystyret har sendt veivalgdokumentet for nærdemokratiordningen på "
        "høring. Kommenter avsnittene du er opptatt av.",
        theme="Nærdemokrati",
        owner_kind="political",
        owner_name="Bystyret",
    )
    services.document_publish(
        activity=hearing, title="Veivalgdokument, første utkast", sections=VEIVALG_SECTIONS[:5]
    )
    document = services.document_publish(
        activity=hearing,
        title="Veivalgdokument, andre utkast",
        sections=VEIVALG_SECTIONS,
        change_note="Nye avsnitt om verktøykassen og om oppfølging av innspill.",
    )
    sections = list(Section.objects.filter(document=document))
    channels = [Channel.WEB] * 7 + [Channel.EMAIL, Channel.PAPER, Channel.MEETING]
    rows = []
    district_list = list(districts.values())
    for _n in range(180):
        rows.append(
            {
                "section": rng.choice(sections),
                "text": f"{rng.choice(_OPENERS)} {rng.choice(_HEARING_POINTS)}. "
                f"{rng.choice(_HEARING_ENDS)}".strip(),
                "channel": rng.choice(channels),
                "district": rng.choice(district_list),
            }
        )
    _inputs(hearing, rows, rng, now - timedelta(days=120), now - timedelta(days=71))

    # An idea collection for Fjell bydelshus, open.
    fjell = districts.get("fjell")
    ideas = _start(
        municipality,
        "ideinnsamling",
        PhaseKind.OPEN,
        slug=IDEAS,
        district=fjell,
        title="Hva skal skje på Fjell bydelshus?",
        summary="Kom med idéer til aktiviteter og tilbud på knutepunktet på Fjell.",
        description="Fjell bydelshus skal fylles med aktiviteter som folk i bydelen ønsker "
        "seg. Skriv idéen din, og støtt idéene du liker.",
        theme="Knutepunkt",
        owner_name="Nærutvalget på Fjell",
    )
    rows = []
    for n in range(150):
        rows.append(
            {
                "title": rng.choice(_IDEA_TITLES),
                "text": f"{rng.choice(_IDEA_WHY)} {rng.choice(_IDEA_HOW)}",
                "channel": Channel.WEB if rng.random() < 0.85 else Channel.PAPER,
                "support_count": int(rng.expovariate(1 / 6)),
                "district": fjell,
                "author": resident if n in (3, 40) else None,
            }
        )
    created = _inputs(ideas, rows, rng, now - timedelta(days=14), now - timedelta(hours=2))
    # The newest idea comes with a photo, stored through the same path as a resident's.
    services.input_photo_attach(input=created[-1], photo=demo_photo())
    flagged = created[7]
    Flag.objects.create(input=flagged, reason="Inneholder reklame for et firma.")
    Input.objects.filter(pk=flagged.pk).update(flag_count=1)

    # A map consultation on safe school routes in Konnerud, open.
    konnerud = districts.get("konnerud")
    map_activity = _start(
        municipality,
        "kartinnspill",
        PhaseKind.OPEN,
        slug=MAP,
        district=konnerud,
        title="Trygg skolevei på Konnerud",
        summary="Vis oss på kartet hvor skoleveien føles utrygg, eller trygg.",
        theme="Trafikk",
        owner_name="Samferdsel og miljø",
    )
    rows = []
    for _n in range(120):
        latitude, longitude = (
            _random_point(rng, konnerud.boundary)
            if konnerud and konnerud.boundary
            else (59.718, 10.12)
        )
        rows.append(
            {
                "title": rng.choice(_MAP_PROBLEMS),
                "text": f"{rng.choice(_MAP_PROBLEMS)}. {rng.choice(_MAP_DETAILS)}".strip(),
                "latitude": round(latitude, 5),
                "longitude": round(longitude, 5),
                "district": konnerud,
            }
        )
    _inputs(map_activity, rows, rng, now - timedelta(days=14), now - timedelta(hours=1))

    # Statements about the local committees, open, with pre-moderation of new ones.
    statements = _start(
        municipality,
        "pastander",
        PhaseKind.OPEN,
        slug=STATEMENTS,
        title="Hva mener du om nærutvalgene?",
        summary="Si deg enig eller uenig i korte påstander, og skriv dine egne.",
        theme="Nærdemokrati",
        owner_name="Politisk sekretariat",
        moderation=Moderation.PRE,
    )
    created = _inputs(
        statements,
        [{"text": t} for t in STATEMENT_TEXTS],
        rng,
        now - timedelta(days=14),
        now - timedelta(days=13),
    )
    Statement.objects.bulk_create(
        Statement(
            input=item,
            agree_count=rng.randint(5, 120),
            disagree_count=rng.randint(2, 80),
            pass_count=rng.randint(0, 20),
        )
        for item in created
    )
    pending = _inputs(
        statements,
        [{"text": "Nærutvalget burde ha egen Facebook-side.", "visibility": Visibility.PENDING}],
        rng,
        now - timedelta(hours=5),
        now - timedelta(hours=4),
        salt="new",
    )
    Statement.objects.create(input=pending[0])

    # A survey on the hubs, summarising.
    survey = _start(
        municipality,
        "sporreundersokelse",
        PhaseKind.SUMMARISING,
        slug=SURVEY,
        title="Hvordan bruker du knutepunktet?",
        summary="En kort undersøkelse om knutepunktene i kommunedelene.",
        theme="Knutepunkt",
        owner_name="Enhet for medvirkning",
    )
    q_often = services.question_add(
        activity=survey,
        kind=QuestionKind.SINGLE,
        text="Hvor ofte besøker du knutepunktet?",
        choices=["Hver uke", "Hver måned", "Sjeldnere", "Aldri"],
        required=True,
    )
    q_why = services.question_add(
        activity=survey,
        kind=QuestionKind.MULTIPLE,
        text="Hva bruker du det til?",
        choices=["Bibliotek", "Møter i foreninger", "Råd og veiledning", "Kurs", "Kafé"],
    )
    q_happy = services.question_add(
        activity=survey,
        kind=QuestionKind.SCALE,
        text="Hvor fornøyd er du med åpningstidene?",
    )
    q_more = services.question_add(activity=survey, kind=QuestionKind.TEXT, text="Hva savner du?")
    created = _inputs(
        survey,
        [{"district": rng.choice(district_list)} for _n in range(160)],
        rng,
        now - timedelta(days=60),
        now - timedelta(days=11),
    )
    answers = []
    # Free-text wishes on a handful of topics, phrased differently, and some left empty:
    # the input the insight demo and its browser test summarise.
    wishes = [""] * 3 + [
        f"{opener} {wish}{ending}"
        for opener in ("", "Jeg savner", "Vi ønsker oss", "Det trengs")
        for wish in _SURVEY_WISHES
        for ending in (".", " i kommunedelen vår.")
    ]
    for item in created:
        answers.append(Answer(input=item, question=q_often, text=rng.choice(q_often.choices)))
        answers.append(
            Answer(input=item, question=q_why, choices=rng.sample(q_why.choices, rng.randint(1, 3)))
        )
        answers.append(Answer(input=item, question=q_happy, number=rng.randint(1, 5)))
        wish = rng.choice(wishes).strip()
        if wish:
            wish = wish[0].upper() + wish[1:]
            answers.append(Answer(input=item, question=q_more, text=wish))
    Answer.objects.bulk_create(answers)

    # A youth consultation in Strømsø, planned.
    _start(
        municipality,
        "ungdomshoring",
        PhaseKind.PLANNED,
        slug=YOUTH,
        district=districts.get("stromso"),
        title="Ungdomshøring: fritid på Strømsø",
        summary="Hva vil du gjøre etter skolen? Vi spør ungdom fra 12 år.",
        theme="Ungdom",
        owner_name="Ungdomsrådet",
    )

    # A dialogue meeting in Svelvik, closed; all input registered by staff.
    svelvik = districts.get("svelvik")
    dialogue = _start(
        municipality,
        "dialogmote",
        PhaseKind.CLOSED,
        slug=DIALOGUE,
        district=svelvik,
        title="Dialogmøte om Svelvik sentrum",
        summary="Innspill fra dialogmøtet om torget og havna i Svelvik.",
        theme="Stedsutvikling",
        owner_name="Nærutvalget i Svelvik",
    )
    topics = [
        "Torget trenger flere benker",
        "Havna bør åpnes for bading",
        "Parkeringen tar for mye plass",
        "Vi vil ha marked på lørdager",
        "Gamle bygninger må tas vare på",
        "Bedre bussforbindelse til Drammen",
    ]
    _inputs(
        dialogue,
        [
            {
                "title": rng.choice(topics),
                "text": f"{rng.choice(_IDEA_WHY)}",
                "channel": Channel.MEETING,
                "district": svelvik,
            }
            for _n in range(40)
        ],
        rng,
        now - timedelta(days=268),
        now - timedelta(days=267),
    )
    counts = Activity.objects.filter(municipality=municipality).annotate(n=Count("inputs"))
    log("Demo activities: " + ", ".join(f"{a.slug} ({a.n} inputs)" for a in counts))


__all__ = ["DEMO_MUNICIPALITY_NUMBER", "InputKind", "Question", "demo_photo", "load_demo"]
