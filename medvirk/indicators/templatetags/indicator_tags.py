"""Show an observation: a number in the reader's locale, or SSB's status symbol with
its meaning (never as a number)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from medvirk.indicators.selectors import status_meaning

register = template.Library()


@register.simple_tag
def observation(value: float | None, status: str = "", decimals: int = 1) -> SafeString | str:
    if value is None:
        if not status:
            return "–"
        return format_html(
            '<span class="obs-status"><abbr title="{0}">{1}</abbr> '
            '<span class="obs-status__meaning">{0}</span></span>',
            status_meaning(status),
            status,
        )
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if status:
        return format_html('{} <abbr title="{}">{}</abbr>', text, status_meaning(status), status)
    return str(text)


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{round(value * 100)} %"
