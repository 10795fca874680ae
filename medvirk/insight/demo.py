"""Demo summary for Drammen: the hearing on the veivalgdokument (180 inputs) analysed,
reviewed by the case officer (each theme given a name a resident understands) and
published in its report. The hub survey, which is summarising, is left for staff to analyse."""

from __future__ import annotations

from collections.abc import Callable

from medvirk.accounts.models import User
from medvirk.insight import services
from medvirk.insight.models import Analysis, AnalysisStatus, Theme
from medvirk.participation import demo as participation_demo
from medvirk.participation.models import Activity

# The names the case officer gave the themes, by the first characteristic word the
# analysis found. A theme the list does not know keeps a name made from its words.
NAMES = {
    "nærutvalget": "Flere unge i nærutvalgene",
    "tolk": "Tolk på møtene og enkel innmelding av saker",
    "velge": "Innbyggerne bør velge representantene selv",
    "kontortid": "Fast kontortid for koordinatoren",
    "store": "Kommunedelene og hovedutvalgene",
    "politikerne": "Politikerne må også bruke verktøykassen",
    "tid": "Raske svar fra kommunen",
    "papir": "Innspill på papir for dem som ikke er på nett",
    "knutepunktet": "Kveldsåpne knutepunkter",
    "kroner": "Mer penger til nærutvalgene",
    "referatene": "Raske referater",
    "idrettslagene": "Plass til idrettslagene",
}


def _readable(words: list[str], fallback: str) -> str:
    """A name a reviewer would write from the characteristic words: "A, b og c"."""
    if not words:
        return fallback
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]
    return text[0].upper() + text[1:]


def load_demo(*, log: Callable[[str], None] = print) -> None:
    hearing = Activity.objects.filter(slug=participation_demo.HEARING).first()
    officer = User.objects.filter(email="saksbehandler@medvirk.example").first()
    if hearing is None or officer is None or Analysis.objects.filter(activity=hearing).exists():
        return
    # Run the analysis here rather than in a thread: the demo loads in one transaction.
    analysis = Analysis.objects.create(activity=hearing, requested_by=officer)
    analysis = services.analysis_run(analysis_id=analysis.pk)
    if analysis.status != AnalysisStatus.DONE:
        log(f"Demo insight: the analysis failed: {analysis.detail}")
        return
    summary = analysis.summary
    for theme in Theme.objects.filter(summary=summary):
        services.theme_rename(
            actor=officer,
            theme=theme,
            label=NAMES.get(
                theme.label_words[0] if theme.label_words else "",
                _readable(theme.label_words, theme.label),
            ),
        )
    services.summary_publish(actor=officer, summary=summary)
    log(
        f"Demo insight: the hearing's input summarised in "
        f"{Theme.objects.filter(summary=summary).count()} themes and published."
    )
