"""An activity past its input period with input on three topics, a campaign of copies,
and input the analysis must leave out."""

from __future__ import annotations

import uuid
from typing import Any

from medvirk.participation.models import Activity, Input, Phase, PhaseKind, Visibility
from medvirk.participation.tests.factories import make_activity, phases_for

TOPICS = {
    "buss": [
        "Bussen til sentrum går for sjelden om kvelden",
        "Bussen bør gå oftere i helgene",
        "Bussen stopper ved skolen, men holdeplassen mangler tak",
        "Bussen om natta til bydelen hadde vært fint i helgene",
        "Bussen er ofte forsinket om morgenen",
        "Bussen er for dyr for ungdom og studenter",
        "Bussen bør gå innom sykehjemmet",
        "Bussen til idrettsparken går for sjelden om kvelden",
    ],
    "lekeplass": [
        "Lekeplassen i parken trenger nye husker og sklie",
        "Sandkassen på lekeplassen er full av glass",
        "Lekeplassen bør få gjerde mot veien",
        "Vi ønsker en lekeplass for de minste barna ved barnehagen",
        "Lekeapparatene på lekeplassen er ødelagte",
        "Lekeplassen trenger belysning om vinteren",
        "Flere benker ved lekeplassen til foreldrene",
        "Klatrestativ og huske på lekeplassen ved skolen",
    ],
    "bibliotek": [
        "Biblioteket bør ha åpent på søndager",
        "Flere bøker på arabisk og somali på biblioteket",
        "Lesesal med stille plasser på biblioteket for studenter",
        "Biblioteket trenger lengre åpningstid om kvelden",
        "Eventyrstund for barn på biblioteket hver lørdag",
        "Lånekort og bøker for ukrainske barn på biblioteket",
        "Biblioteket bør låne ut verktøy og sportsutstyr",
        "Kurs i slektsgransking på biblioteket",
    ],
}
CAMPAIGN = "Vi krever at kommunen tar vare på skogen ved elva og stopper utbyggingen nå"


def add_input(activity: Activity, text: str, **fields: Any) -> Input:
    """An input stored as the participation services store it, without their rate limits
    and phase checks (the activity is past its input period)."""
    return Input.objects.create(
        activity=activity,
        kind=activity.input_kind,
        text=text,
        district=fields.pop("district", activity.district),
        submission_key=uuid.uuid4().hex,
        private_token=uuid.uuid4().hex,
        fingerprint=uuid.uuid4().hex,
        **fields,
    )


def analysable_activity(**fields: Any) -> tuple[Activity, dict[str, list[Input]]]:
    """An activity in its summarising phase with 24 inputs on three topics, five copies of
    one campaign text (with small edits), one hidden input and one in English."""
    activity = make_activity(**fields)
    made: dict[str, list[Input]] = {}
    for topic, texts in TOPICS.items():
        made[topic] = [add_input(activity, text) for text in texts]
    made["campaign"] = [
        add_input(activity, CAMPAIGN + suffix)
        for suffix in ("", ".", "!", " med en gang", ". Hilsen Ola")
    ]
    hidden = add_input(
        activity,
        "Dette er et skjult innspill om bussen",
        visibility=Visibility.HIDDEN,
        hidden_reason="Personangrep",
    )
    made["hidden"] = [hidden]
    made["english"] = [
        add_input(
            activity, "The bus and the library are both great, and we would like more of them"
        )
    ]
    move_to_phase(activity, PhaseKind.SUMMARISING)
    return activity, made


def move_to_phase(activity: Activity, phase: str) -> None:
    for kind, (starts, ends) in phases_for(phase).items():
        Phase.objects.filter(activity=activity, kind=kind).update(starts_on=starts, ends_on=ends)
