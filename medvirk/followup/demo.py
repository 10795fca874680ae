"""Demo follow-up for Drammen: answers to the hearing, the dialogue meeting and some of the
ideas, decisions linked to the inputs behind them, and finished "what we heard / what we
did" reports for the hearing and the dialogue meeting."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.utils import timezone

from medvirk.accounts.models import User
from medvirk.followup.models import Decision, Report, Response, ResponseStatus
from medvirk.participation import demo as participation_demo
from medvirk.participation.models import Activity, Input

ANSWERS = {
    ResponseStatus.TAKEN: [
        "Takk for innspillet. Vi har tatt det med i det endelige dokumentet.",
        "Innspillet er tatt inn: dette står nå i avsnittet om nærutvalgenes sammensetning.",
        "Godt innspill. Bystyret vedtok en endring i tråd med dette.",
    ],
    ResponseStatus.PARTLY: [
        "Vi har tatt med deler av innspillet. Ordningen evalueres etter to år.",
        "Innspillet er delvis fulgt opp: kveldsåpent prøves ut på tre knutepunkter.",
    ],
    ResponseStatus.NOT_TAKEN: [
        "Vi har vurdert innspillet, men ser ikke rom for det innenfor budsjettet.",
        "Bystyret valgte en annen løsning; begrunnelsen står i saksframlegget.",
    ],
    ResponseStatus.OUT_OF_SCOPE: [
        "Innspillet gjelder ikke denne høringen. Vi har sendt det videre til riktig enhet.",
    ],
    ResponseStatus.CONSIDERING: ["Vi vurderer innspillet og kommer tilbake med svar."],
}


def _answer(
    activity: Activity,
    officer: User | None,
    rng: random.Random,
    share: float,
    statuses: Sequence[str],
) -> list[Input]:
    inputs = list(Input.objects.filter(activity=activity).order_by("id"))
    chosen = [i for i in inputs if rng.random() < share]
    now = timezone.now()
    Response.objects.bulk_create(
        Response(
            input=item,
            status=(status := rng.choice(statuses)),
            answer=rng.choice(ANSWERS[ResponseStatus(status)]),
            answered_by=officer,
            answered_at=now - timedelta(days=rng.randint(1, 20)),
        )
        for item in chosen
    )
    return chosen


def load_demo(*, log: Callable[[str], None] = print) -> None:
    hearing = Activity.objects.filter(slug=participation_demo.HEARING).first()
    if hearing is None or Report.objects.filter(activity=hearing).exists():
        return
    rng = random.Random(2026)
    officer = User.objects.filter(email="saksbehandler@medvirk.example").first()
    final = [
        ResponseStatus.TAKEN,
        ResponseStatus.PARTLY,
        ResponseStatus.NOT_TAKEN,
        ResponseStatus.TAKEN,
        ResponseStatus.OUT_OF_SCOPE,
    ]
    answered = _answer(hearing, officer, rng, 1.0, final)
    taken = [i.pk for i in answered if i.section_id][:40]
    today = timezone.localdate()
    for title, text, chunk in (
        (
            "Nærutvalg i alle ti kommunedeler",
            "Bystyret vedtok nærdemokratiordningen med ti kommunedeler og nærutvalg på tolv "
            "personer, med to plasser reservert for ungdom.",
            taken[:20],
        ),
        (
            "Kveldsåpne knutepunkter prøves ut",
            "Tre knutepunkter holder åpent to kvelder i uka i en prøveperiode på ett år.",
            taken[20:],
        ),
    ):
        decision = Decision.objects.create(
            activity=hearing,
            title=title,
            text=text,
            decided_on=today - timedelta(days=10),
            decided_by="Bystyret",
            reference="21/04512",
        )
        decision.inputs.set(chunk)
    Report.objects.create(
        activity=hearing,
        published_at=timezone.now() - timedelta(days=6),
        published_by=officer,
        what_we_heard="Vi fikk 180 innspill fra alle kommunedelene, på nett, e-post, papir og "
        "i møter. Mange ønsker at unge skal ha plass i nærutvalgene, at "
        "knutepunktene skal ha åpent om kvelden, og at kommunen svarer raskere.",
        what_we_did="Bystyret reserverte to plasser for ungdom i hvert nærutvalg, og tre "
        "knutepunkter prøver kveldsåpent. Alle innspill har fått et svar, som "
        "du finner i tabellen under.",
    )
    ideas = Activity.objects.filter(slug=participation_demo.IDEAS).first()
    if ideas is not None:
        _answer(ideas, officer, rng, 0.3, [ResponseStatus.CONSIDERING, ResponseStatus.TAKEN])
    dialogue = Activity.objects.filter(slug=participation_demo.DIALOGUE).first()
    if dialogue is not None:
        _answer(dialogue, officer, rng, 1.0, final)
        Report.objects.create(
            activity=dialogue,
            published_at=timezone.now() - timedelta(days=150),
            published_by=officer,
            what_we_heard="Om lag 60 personer kom på dialogmøtet. De ønsket et levende torg, "
            "bading i havna og bedre buss til Drammen.",
            what_we_did="Torget får nye benker i vår, og badeplass i havna utredes.",
        )
    log("Demo follow-up: answers, decisions and published reports.")
