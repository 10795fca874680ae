"""Norwegian text handling: normalisation, tokens, stop words and the written form.

Both written forms of Norwegian are covered: bokmål (``nb``) and nynorsk (``nn``).
Stop words are the union of function words of both forms, because one hearing mixes
them. :func:`detect_written_form` tells bokmål from nynorsk from a foreign language by
counting marker words; it is a heuristic, meant to set apart texts that are clearly not
Norwegian, never to reject short Norwegian texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

WrittenForm = Literal["nb", "nn", "other", "unknown"]

# Letters of Norwegian and its neighbours, digits, and inner hyphens (``EØS-avtalen``).
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _words(text: str) -> list[str]:
    """The white-space separated words of a word list written as a block of text."""
    return text.split()


# Function words shared by both written forms.
_COMMON = _words(
    """
og i på til av for med som at er det den de en et ei om fra ved har var
vi oss du deg han seg sin sitt sine så men eller når da nå her der
også alle andre annen anna noen nokon mange flere fleire mest meste mer
meir kan skal vil må bør kunne skulle ville måtte burde blir bli ble
vere være vore vært vert vart bare berre enn over under etter før mot
inn ut opp ned hos hjå uten utan mellom gjennom dette disse desse denne
ingen inga ikke ikkje hvis viss om slik sånn selv sjølv sjøl både hvor
kor hva kva hvem kven hvorfor kvifor hvordan korleis hver kvar hvert
kvart hvilke kva for fordi sidan siden mens medan enn enda endå jo
nei ja vel altså likevel derfor difor dessuten også òg ett eitt ein eit
eg jeg meg mitt min mine vår vårt våre dykk dere deres dykkar hun ho
henne hennar hans dei dem deira deres dets dens hennes seg sjølve
blitt vorte hadde ha har hatt gjøre gjere gjort gjør gjer får få fikk
fekk fått går gikk gjekk gått kom kommer kjem komme sa si sier seier
sagt litt lite mye mykje noe noko noen nokre ingenting alt heile hele
helt heilt svært veldig ganske nok ennå enno allerede allereie ofte
aldri alltid igjen att tilbake fram frem bort hit dit
"""
)

# Marker words that occur in one written form only (or almost only).
BOKMAL_MARKERS = frozenset(
    _words(
        """
    ikke jeg hun de dem hva hvem hvor hvordan hvorfor hver hvert mer noe
    noen mye fra være vært bare disse selv flere hele helt mens hvis
    også siden enda ennå allerede hos uten sammen blant ble gjøre kommer
    deres hennes et en hvilke kunne skulle ville
    """
    )
)
NYNORSK_MARKERS = frozenset(
    _words(
        """
    ikkje eg ho dei deira kva kven kor korleis kvifor kvar kvart meir
    noko nokon nokre mykje frå vere vore berre desse sjølv fleire heile
    heilt medan viss òg sidan endå enno allereie hjå utan saman mellom
    vart vert vorte gjere kjem dykk dykkar eit ein inga difor
    """
    )
)

# Frequent function words of languages other than Norwegian that Norwegian lacks.
FOREIGN_MARKERS = frozenset(
    _words(
        """
    the and of to are was were this that with has not you your
    they their from which would there what about will been into
    und die das ist nicht ein eine mit auf für sich auch wir sie
    le est une pas que qui dans pour avec sont nous
    el los es una por con para como pero muy
    jest nie się na że to ale czy jak dla
    och är inte jag att det som på med för har
    """
    )
)
# Swedish and Danish overlap so much with Norwegian that only the Swedish words with
# no Norwegian homograph count against a text (``och``, ``är``, ``inte``, ``jag``).
_NORWEGIAN_HOMOGRAPHS = frozenset({"att", "det", "som", "på", "med", "för", "har", "to", "ein"})
_FOREIGN_ONLY = FOREIGN_MARKERS - _NORWEGIAN_HOMOGRAPHS

STOP_WORDS = frozenset(_COMMON) | BOKMAL_MARKERS | NYNORSK_MARKERS


def normalise(text: str) -> str:
    """Return ``text`` in Unicode NFC and lower case.

    NFC makes ``å`` typed as ``a`` + ring equal to the single code point; case folding
    uses :meth:`str.lower` so Norwegian letters keep their identity.
    """
    return unicodedata.normalize("NFC", text).lower()


def tokenise(text: str) -> list[str]:
    """Split a normalised text into word tokens (letters or digits, inner hyphens kept)."""
    return _TOKEN.findall(text)


def content_tokens(tokens: Iterable[str]) -> list[str]:
    """Drop stop words of both written forms, lone digits and one-letter tokens."""
    return [t for t in tokens if t not in STOP_WORDS and len(t) > 1 and not t.isdigit()]


def detect_written_form(tokens: Iterable[str]) -> WrittenForm:
    """Classify a tokenised, normalised text as ``nb``, ``nn``, ``other`` or ``unknown``.

    Counts bokmål markers, nynorsk markers and foreign function words. A text is
    ``other`` only when at least two foreign markers appear and they outnumber all the
    Norwegian ones; ``unknown`` when no marker at all is present (short titles).
    """
    words = tokens if isinstance(tokens, list) else list(tokens)
    bokmal = sum(map(BOKMAL_MARKERS.__contains__, words))
    nynorsk = sum(map(NYNORSK_MARKERS.__contains__, words))
    foreign = sum(map(_FOREIGN_ONLY.__contains__, words))
    if foreign >= 2 and foreign > bokmal + nynorsk:
        return "other"
    if bokmal == nynorsk == 0:
        return "unknown"
    return "nn" if nynorsk > bokmal else "nb"
