"""Turn the text of a draft, as staff write or paste it, into numbered sections.

A line that starts with ``#`` begins a section and is its heading; the lines after it,
up to the next heading, are its text. This is how staff split a plan into the parts that
residents comment on one by one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEADING_MARK = "#"


def sections_from_text(text: str) -> list[tuple[str, str]]:
    """(heading, text) for each section, in order. Text before the first heading, a
    heading without text, or no heading at all is refused with a message."""
    sections: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(HEADING_MARK):
            heading = line.strip().lstrip(HEADING_MARK).strip()
            if not heading:
                raise ValidationError(
                    _("Line %(line)s: write the heading after the # sign.") % {"line": number}
                )
            sections.append((heading, []))
        elif line.strip() and not sections:
            raise ValidationError(
                _("Line %(line)s: start the draft with a heading line beginning with #.")
                % {"line": number}
            )
        elif sections:
            sections[-1][1].append(line)
    if not sections:
        raise ValidationError(_("Write at least one section, starting with a line beginning #."))
    result = []
    for heading, lines in sections:
        body = "\n".join(lines).strip()
        if not body:
            raise ValidationError(
                _("The section “%(heading)s” has no text.") % {"heading": heading}
            )
        result.append((heading, body))
    return result


def text_from_sections(sections: list[tuple[str, str]]) -> str:
    """The editable text of a draft version: the inverse of :func:`sections_from_text`."""
    return "\n\n".join(f"{HEADING_MARK} {heading}\n{body}" for heading, body in sections)
