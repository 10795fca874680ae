"""Template helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from medvirk.core.dates import format_date

register = template.Library()

_WIDGET_CLASSES = {
    forms.CheckboxInput: "ds-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
    forms.Select: "ds-input",
    forms.Textarea: "ds-input",
}


@register.filter
def ds_widget(field: forms.BoundField) -> SafeString:
    """Render a form widget with Designsystemet's input class (Django adds aria-invalid
    and aria-describedby itself)."""
    css = "ds-input"
    for widget_class, widget_css in _WIDGET_CLASSES.items():
        if isinstance(field.field.widget, widget_class):
            css = widget_css
            break
    attrs: dict[str, Any] = {"class": css} if css else {}
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def language_next(context: dict[str, Any]) -> str:
    """The path to come back to after switching language."""
    request = context.get("request")
    return request.get_full_path() if request is not None else "/"


@register.filter(expects_localtime=True)
def datefmt(value: Any, name: str = "DATE_FORMAT") -> str:
    """``{{ value|datefmt:"WEEKDAY_DATE_FORMAT" }}``: the date in the active language's
    named format (medvirk.core.dates.format_date); "" for no date."""
    if not value:
        return ""
    return format_date(value, name)
