"""Readable, translated labels for the reason codes of ``medvirk.algorithms.matching``."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from medvirk.volunteering.models import Skill, SpokenLanguage


def reason_labels(reasons: Iterable[str]) -> list[str]:
    fixed = {
        "interest": _("interested in the theme"),
        "district": _("lives in the district"),
        "municipality": _("can help anywhere"),
        "time": _("free when the group meets"),
        "time_unknown": _("free times not known"),
    }
    skills = dict(Skill.choices)
    languages = dict(SpokenLanguage.choices)
    labels: list[str] = []
    for reason in reasons:
        kind, _sep, value = reason.partition(":")
        if kind == "skill":
            labels.append(str(skills.get(value, value)).lower())
        elif kind == "language":
            labels.append(_("speaks %(language)s") % {"language": str(languages.get(value, value))})
        else:
            labels.append(str(fixed.get(reason, reason)))
    return labels
