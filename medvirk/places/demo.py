"""The demo: the real national list of municipalities, and Drammen set up on its own
local democracy model with 10 districts (kommunedeler), a hub in each, and rooms.

District boundaries are drawn for the demo: Drammen's real municipal boundary split
into the areas nearest each district's centre. Postcodes are Drammen's real ones,
spread over the districts in a realistic way. Texts are in Norwegian, as a Drammen
resident would read them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from medvirk.algorithms.geo import polygons_of, voronoi_cells
from medvirk.places.models import District, HubKind, Municipality, Weekday
from medvirk.places.reference_data import norwegian_slug, read_counties, read_municipalities
from medvirk.places.services import district_upsert, hub_upsert, municipalities_import

DEMO_MUNICIPALITY_NUMBER = "3301"  # Drammen


@dataclass(frozen=True)
class DemoDistrict:
    slug: str
    name: str
    centre: tuple[float, float]  # longitude, latitude
    population: int
    postcodes: tuple[str, ...]
    neighbourhoods: tuple[str, ...]
    hub_name: str
    hub_kind: str
    hub_address: str
    description: str


DISTRICTS: tuple[DemoDistrict, ...] = (
    DemoDistrict(
        "bragernes",
        "Bragernes",
        (10.200, 59.748),
        14000,
        (
            "3001",
            "3002",
            "3003",
            "3004",
            "3011",
            "3012",
            "3013",
            "3014",
            "3015",
            "3016",
            "3017",
            "3018",
            "3019",
        ),
        ("Bragernes sentrum", "Brakerøya", "Bragernesåsen"),
        "Bragernes bydelshus",
        HubKind.COMMUNITY_HOUSE,
        "Bragernes torg 2",
        "Byens nordside med torget, elvepromenaden og Bragernesåsen.",
    ),
    DemoDistrict(
        "stromso",
        "Strømsø",
        (10.212, 59.735),
        15500,
        ("3005", "3006", "3007", "3008", "3009", "3010", "3021", "3022", "3024", "3025"),
        ("Strømsø sentrum", "Grønland", "Tangen"),
        "Drammensbiblioteket",
        HubKind.LIBRARY,
        "Grønland 32",
        "Byens sørside med Papirbredden, stasjonen og Tangen.",
    ),
    DemoDistrict(
        "fjell",
        "Fjell",
        (10.185, 59.722),
        9000,
        ("3026", "3027", "3028", "3029"),
        ("Fjell", "Danvik", "Rødskog"),
        "Fjell bydelshus",
        HubKind.COMMUNITY_HOUSE,
        "Fjellsenteret 1",
        "Et mangfoldig boligområde i åssiden sør for sentrum.",
    ),
    DemoDistrict(
        "konnerud",
        "Konnerud",
        (10.120, 59.718),
        11000,
        ("3030", "3031", "3032", "3033", "3034", "3035", "3036", "3037", "3038", "3039"),
        ("Konnerud sentrum", "Kjøsterud", "Stenseth"),
        "Konnerud bibliotek",
        HubKind.LIBRARY,
        "Konnerudgata 180",
        "Høyt over byen, med skiløyper, marka og et levende lokalsenter.",
    ),
    DemoDistrict(
        "assiden",
        "Åssiden",
        (10.150, 59.758),
        10500,
        ("3040", "3041", "3042", "3043", "3044", "3046", "3047", "3048"),
        ("Åssiden", "Gulskogen", "Åskollen"),
        "Åssiden frivilligsentral",
        HubKind.VOLUNTEER_CENTRE,
        "Buskerudveien 120",
        "Langs elva vest for sentrum, med Gulskogen gård og mange idrettslag.",
    ),
    DemoDistrict(
        "skoger",
        "Skoger",
        (10.260, 59.690),
        6500,
        ("3045", "3063", "3064", "3065", "3066"),
        ("Skoger", "Vårveien", "Eskeland"),
        "Skoger skole",
        HubKind.SCHOOL,
        "Skogerveien 330",
        "Jordbruk, skog og tettsteder sør for byen.",
    ),
    DemoDistrict(
        "svelvik",
        "Svelvik",
        (10.360, 59.600),
        6800,
        ("3060", "3061", "3075"),
        ("Svelvik sentrum", "Berger", "Ebbestad"),
        "Svelvik bibliotek",
        HubKind.LIBRARY,
        "Storgata 44",
        "Den gamle skipperbyen ved Svelvikstrømmen, med Berger og Ebbestad.",
    ),
    DemoDistrict(
        "mjondalen",
        "Mjøndalen",
        (10.010, 59.748),
        11000,
        ("3050", "3051", "3053"),
        ("Mjøndalen sentrum", "Steinberg", "Hagatjern"),
        "Mjøndalen bibliotek",
        HubKind.LIBRARY,
        "Ryggveien 10",
        "Et handels- og idrettssentrum sør for Drammenselva.",
    ),
    DemoDistrict(
        "krokstad",
        "Krokstad",
        (10.030, 59.775),
        9500,
        ("3054", "3055"),
        ("Krokstadelva", "Bråtan", "Skaugum"),
        "Krokstadelva helsehus",
        HubKind.HEALTH,
        "Lerbergveien 20",
        "Boligområder nord for elva, med helsehuset som møteplass.",
    ),
    DemoDistrict(
        "solberg",
        "Solberg",
        (10.090, 59.762),
        10687,
        ("3023", "3056", "3057", "3058"),
        ("Solbergelva", "Solbergmoen", "Loesmoen"),
        "Solbergelva kulturhus",
        HubKind.COMMUNITY_HOUSE,
        "Kirkeveien 47",
        "Industristedet ved elva, med kulturhuset som samlingspunkt.",
    ),
)

WEEKDAY_HOURS = [(day, time(10), time(20)) for day in range(Weekday.MONDAY, Weekday.SATURDAY)]
OPENING_HOURS = [*WEEKDAY_HOURS, (Weekday.SATURDAY, time(11), time(15))]
ROOMS = [
    ("Storsalen", 120, ["projector", "hearing_loop", "step_free", "stage", "wifi"]),
    ("Møterom 1", 16, ["projector", "video", "step_free", "wifi"]),
    ("Kjøkkenet", 12, ["kitchen", "step_free"]),
]


def district_boundaries(municipality: Municipality) -> dict[str, dict]:
    """The demo districts' boundaries: the municipality's outline split by nearest centre."""
    if not municipality.boundary:
        return {}
    polygons = list(polygons_of(municipality.boundary))
    outline = max(polygons, key=lambda polygon: len(polygon[0]))[0]
    cells = voronoi_cells(outline, [district.centre for district in DISTRICTS])
    return {
        district.slug: {"type": "Polygon", "coordinates": [[list(p) for p in [*cell, cell[0]]]]}
        for district, cell in zip(DISTRICTS, cells, strict=True)
        if len(cell) >= 3
    }


def load_demo(*, log: Callable[[str], None] = print) -> Municipality:
    records = read_municipalities()
    created, updated = municipalities_import(counties=read_counties(), municipalities=records)
    log(f"Municipalities: {created} created, {updated} updated.")
    municipality = Municipality.objects.get(number=DEMO_MUNICIPALITY_NUMBER)
    municipality.is_participating = True
    municipality.save(update_fields=["is_participating"])
    places = dict(next(r.postcodes for r in records if r.number == municipality.number))
    boundaries = district_boundaries(municipality)
    for order, demo in enumerate(DISTRICTS):
        district: District = district_upsert(
            municipality=municipality,
            slug=demo.slug,
            name=demo.name,
            population=demo.population,
            description=demo.description,
            boundary=boundaries.get(demo.slug),
            sort_order=order,
            neighbourhoods=demo.neighbourhoods,
            postcodes=[(code, places.get(code, "Drammen")) for code in demo.postcodes],
        )
        postcode = demo.postcodes[0]
        hub_upsert(
            district=district,
            slug=norwegian_slug(demo.hub_name),
            name=demo.hub_name,
            kind=demo.hub_kind,
            opening_hours=OPENING_HOURS,
            rooms=ROOMS,
            address=demo.hub_address,
            postcode=postcode,
            postal_place=places.get(postcode, "Drammen"),
            latitude=demo.centre[1],
            longitude=demo.centre[0],
            accessibility="Trinnfri inngang, HC-toalett og teleslynge i storsalen.",
            email=f"{demo.slug}@demo.medvirk.no",
            phone="32 04 00 00",
            description=(
                f"{demo.hub_name} er knutepunktet i {demo.name}: et sted å møtes, få råd og "
                "veiledning, og ta del i det som skjer i nærmiljøet."
            ),
        )
    log(f"Demo municipality {municipality.name}: {len(DISTRICTS)} districts with hubs.")
    return municipality
