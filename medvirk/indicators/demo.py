"""Demo content of the indicators app: every real figure shipped in ``data/``, the
platform's engagement measures, SSB's JSON-stat sample, Drammen's fiscal rules and SDG
mapping, and a few experience entries written for the demo (marked as such)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from medvirk.indicators.models import Comparison, FiscalRule, Indicator
from medvirk.indicators.reference import DATA_DIR, extract_code, reference_data
from medvirk.indicators.services import (
    engagement_compute,
    experience_entry_upsert,
    observations_import_jsonstat,
    observations_save,
    sdg_mapping_add,
)
from medvirk.places.models import Municipality

DEMO_MUNICIPALITY_NUMBER = "3301"  # Drammen
SAMPLE_FILE = DATA_DIR / "ssb-12367-jsonstat2-sample.ksanalyse.json"

DISPOSITION_FUND = extract_code("Fri egenkapital drift i % av br. driftsinnt. (%)")
SELF_FINANCING = extract_code("Egenfinansiering av investeringene i % av tot. br. invest. (%)")

SDG_DEMO = (
    (1, "kb.andel-uforetrygdede-18-66-ar-pst"),
    (3, "kb.forventet-levealder-ved-fodsel-kvinner-ar"),
    (4, "kb.gjennomsnittlig-grunnskolepoeng-poeng"),
    (8, "NDR_PCT_DERIVED"),
    (10, "kb.andel-uforetrygdede-18-66-ar-pst"),
    (11, "ROAD_KM_PER_1000"),
    (16, "platform.share_answered"),
    (17, "DEBT_PCT_DERIVED"),
)


def _fiscal_rules(municipality: Municipality) -> None:
    rules = [
        (
            "Netto driftsresultat minst 1,75 % av driftsinntektene",
            "NDR_PCT_DERIVED",
            Comparison.AT_LEAST,
            1.75,
            None,
            None,
            0.75,
            "Avledet av SSBs KOSTRA-beløp (netto driftsresultat / brutto driftsinntekter).",
        ),
        (
            "Disposisjonsfond minst 5 % av driftsinntektene",
            DISPOSITION_FUND,
            Comparison.AT_LEAST,
            5.0,
            None,
            None,
            1.0,
            "Målt som fri egenkapital drift i % av brutto driftsinntekter (KOSTRA).",
        ),
        (
            "Netto lånegjeld høyst 80 % av driftsinntektene",
            "DEBT_PCT_DERIVED",
            Comparison.AT_MOST,
            80.0,
            None,
            None,
            5.0,
            "Avledet av SSBs KOSTRA-beløp (netto lånegjeld / brutto driftsinntekter).",
        ),
        (
            "Egenfinansiering av investeringene minst 15 %, økende til 20 %",
            SELF_FINANCING,
            Comparison.AT_LEAST,
            15.0,
            20.0,
            2028,
            2.0,
            "",
        ),
    ]
    for order, (name, code, comparison, threshold, target, year, margin, note) in enumerate(rules):
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        FiscalRule.objects.update_or_create(
            municipality=municipality,
            indicator=indicator,
            defaults={
                "name": name,
                "comparison": comparison,
                "threshold": threshold,
                "first_year": 2024,
                "target_threshold": target,
                "target_year": year,
                "amber_margin": margin,
                "note": note,
                "sort_order": order,
            },
        )


EXPERIENCES = (
    (
        "3907",
        "naeringsliv-og-frivillighet",
        "Næringsliv og frivillighet løfter dem som står utenfor",
        "Arbeid og inkludering",
        "Mange innbyggere sto utenfor arbeid og samfunnsliv, og kommunen hadde lave "
        "skatteinntekter og store forskjeller i levekår mellom områdene.",
        "Kommunen inngikk avtaler med lokale bedrifter om praksisplasser, og frivillige lag fikk "
        "gratis lokaler mot å drive lavterskeltilbud i de mest utsatte områdene. En koordinator i "
        "hvert område holdt kontakten mellom NAV, næringslivet og de frivillige.",
        "Flere kom i arbeid eller aktivitet, og frivilligheten vokste i områdene som trengte det "
        "mest. Kommunen følger utviklingen i andelen uføretrygdede og i sosialhjelpstilfellene.",
        (1, 8, 10),
        ("kb.andel-uforetrygdede-18-66-ar-pst",),
        "Kari Nordmann (demo)",
    ),
    (
        "3907",
        "samskaping-i-nabolag",
        "Samskaping i nabolagene",
        "Medvirkning",
        "Innbyggerne opplevde at kommunen var langt unna, og få deltok på folkemøter.",
        "Kommunen flyttet møtene ut i nabolagene, til bibliotek og idrettshaller, og lot "
        "innbyggerne sette dagsorden sammen med politikerne.",
        "Oppmøtet økte, og flere unge deltok. Innspillene fikk svar innen fire uker.",
        (11, 16),
        ("platform.share_answered",),
        "Ola Nordmann (demo)",
    ),
    (
        "3201",
        "tjenestedesign-med-brukere",
        "Tjenestedesign sammen med brukerne",
        "Helse og omsorg",
        "Hjemmetjenestene var dyre, og brukerne var ikke fornøyde med tilbudet.",
        "Kommunen brukte tjenestedesign med brukere og ansatte, og styrte etter dekningsgrader, "
        "enhetskostnader og kvalitet.",
        "Enhetskostnadene gikk ned, og brukertilfredsheten gikk opp.",
        (3, 10),
        ("kb.andel-innb-80-som-bruker-hjemmetjenester-pst",),
        "Kontakt i kommunen (demo)",
    ),
)


def _experiences() -> None:
    for number, slug, title, theme, challenge, done, results, goals, codes, contact in EXPERIENCES:
        municipality = Municipality.objects.filter(number=number).first()
        if municipality is None:
            continue
        experience_entry_upsert(
            municipality=municipality,
            slug=slug,
            title=title,
            theme=theme,
            challenge=challenge,
            what_was_done=done,
            results=results,
            contact_name=contact,
            goals=goals,
            indicator_codes=codes,
            is_published=True,
            is_demo=True,
        )


def load_demo_set(municipality: Municipality) -> None:
    """Drammen's fiscal rules, its SDG mapping and the demo experience entries."""
    _fiscal_rules(municipality)
    for goal, code in SDG_DEMO:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is not None:
            sdg_mapping_add(municipality=municipality, goal=goal, indicator=indicator)
    _experiences()


def load_demo(*, log: Callable[[str], None] = print) -> None:
    """Load the real figures and the demo set (idempotent: run it again to refresh)."""
    with transaction.atomic():
        for batch in reference_data():
            result = observations_save(prepared=batch)
            log(
                f"indicators: {batch.source[:60]}: {result.created} created, "
                f"{result.updated} updated"
            )
        sample = observations_import_jsonstat(text=SAMPLE_FILE.read_text(encoding="utf-8"))
        log(f"indicators: SSB JSON-stat sample: {sample.created} created, {sample.updated} updated")
        municipality = Municipality.objects.filter(number=DEMO_MUNICIPALITY_NUMBER).first()
        if municipality is None:
            log("indicators: the demo municipality is missing; skipped the demo set")
            return
        engagement_compute(municipality=municipality, period=str(timezone.now().year))
        load_demo_set(municipality)
    log("indicators: fiscal rules, SDG mapping and experience entries for Drammen")
