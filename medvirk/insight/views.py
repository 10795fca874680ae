"""Pages of the insight app: the staff workspace where an analysis is started, followed
and reviewed, and the public page of a published theme with its inputs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from medvirk.core.forms import form_add_service_errors
from medvirk.core.http import safe_next
from medvirk.insight import access, selectors, services
from medvirk.insight.forms import NEW_THEME, MergeForm, MoveForm, PublishForm, RenameForm, StartForm
from medvirk.insight.models import Summary, Theme
from medvirk.participation import selectors as participation
from medvirk.participation.models import Activity
from medvirk.participation.views import crumbs

STAGES = {
    "": gettext_lazy("Waiting to start"),
    "preparing": gettext_lazy("Preparing the texts"),
    "finding duplicates": gettext_lazy("Finding near-identical inputs"),
    "vectorising": gettext_lazy("Reading the words"),
    "choosing the number of themes": gettext_lazy("Choosing the number of themes"),
    "clustering": gettext_lazy("Grouping the inputs into themes"),
    "describing themes": gettext_lazy("Naming the themes and choosing quotes"),
    "saving": gettext_lazy("Saving the draft"),
    "done": gettext_lazy("Done"),
}


def _activity(municipality_slug: str, activity_slug: str) -> Activity:
    return participation.activity_at(
        municipality_slug=municipality_slug, activity_slug=activity_slug
    )


def _staff_activity(request: HttpRequest, municipality_slug: str, activity_slug: str) -> Activity:
    activity = _activity(municipality_slug, activity_slug)
    if not access.user_can_summarise(request.user, activity=activity):
        raise PermissionDenied
    return activity


def _workspace_url(activity: Activity) -> str:
    return reverse("insight:workspace", args=[activity.municipality.slug, activity.slug])


def _crumbs(activity: Activity, *extra: tuple[str, str]) -> list[dict[str, str]]:
    items = [
        *crumbs(activity.municipality, activity),
        {"label": _("Summarise the input"), "url": _workspace_url(activity)},
    ]
    items += [{"label": label, "url": url} for label, url in extra]
    return items


def _draft(activity: Activity) -> Summary:
    draft = selectors.draft_get(activity=activity)
    if draft is None:
        raise Http404
    return draft


def _with_copies(inputs: list[Any], summary: Summary) -> list[Any]:
    """Mark each input with the number of near-identical copies it stands for."""
    copies = selectors.copies_of(summary=summary)
    for item in inputs:
        item.copies = copies.get(item.pk, 0)
    return selectors.with_bodies(inputs)


def _stage_label(stage: str) -> str:
    return str(STAGES.get(stage, stage))


def workspace(request: HttpRequest, municipality_slug: str, activity_slug: str) -> HttpResponse:
    """Start an analysis, follow its progress, review the draft and publish it."""
    activity = _staff_activity(request, municipality_slug, activity_slug)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_start(
                actor=request.user,
                activity=activity,
                n_themes=form.cleaned_data["n_themes"],
                replace_draft=form.cleaned_data["replace_draft"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The analysis has started. You can keep working."))
            return redirect(_workspace_url(activity))
    analysis = selectors.latest_analysis(activity=activity)
    draft = selectors.draft_get(activity=activity)
    published = selectors.published_get(activity=activity)
    context = {
        "municipality": activity.municipality,
        "activity": activity,
        "form": form,
        "can_analyse": access.activity_can_be_analysed(activity),
        "analysis": analysis,
        "stage": _stage_label(analysis.stage) if analysis else "",
        "draft": selectors.summary_view(summary=draft, public=False) if draft else None,
        "reviewed": selectors.draft_reviewed(draft=draft),
        "published": published,
        "publish_form": PublishForm(),
        "events": list(selectors.events(activity=activity)),
        "breadcrumbs": _crumbs(activity),
    }
    return render(request, "insight/workspace.html", context, status=400 if form.errors else 200)


def analysis_progress(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    """The progress bar, polled by HTMX; when the analysis ends the page reloads."""
    activity = _staff_activity(request, municipality_slug, activity_slug)
    analysis = selectors.analysis_get(activity=activity, pk=pk)
    response = render(
        request,
        "insight/_progress.html",
        {"activity": activity, "analysis": analysis, "stage": _stage_label(analysis.stage)},
    )
    if analysis.is_finished and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"
    return response


def _done(request: HttpRequest, activity: Activity, text: str, anchor: str = "") -> HttpResponse:
    messages.success(request, text)
    return redirect(_workspace_url(activity) + anchor)


def _refused(request: HttpRequest, activity: Activity, exc: ValidationError) -> HttpResponse:
    for message in exc.messages:
        messages.error(request, message)
    return redirect(safe_next(request, request.POST.get("next"), _workspace_url(activity)))


@require_POST
def theme_rename(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    activity = _staff_activity(request, municipality_slug, activity_slug)
    theme = selectors.theme_get(summary=_draft(activity), pk=pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        return _refused(request, activity, ValidationError(_("Give the theme a name.")))
    try:
        theme = services.theme_rename(
            actor=request.user, theme=theme, label=form.cleaned_data["label"]
        )
    except ValidationError as exc:
        return _refused(request, activity, exc)
    return _done(request, activity, _("The theme has been renamed."), f"#tema-{theme.pk}")


@require_POST
def themes_merge(request: HttpRequest, municipality_slug: str, activity_slug: str) -> HttpResponse:
    activity = _staff_activity(request, municipality_slug, activity_slug)
    draft = _draft(activity)
    form = MergeForm(
        request.POST,
        theme_ids=list(Theme.objects.filter(summary=draft).values_list("pk", flat=True)),
    )
    if not form.is_valid():
        return _refused(
            request,
            activity,
            ValidationError(
                _("Choose at least two themes to merge. Reload the page if a theme is missing.")
            ),
        )
    try:
        theme = services.themes_merge(
            actor=request.user,
            summary=draft,
            theme_ids=form.cleaned_data["themes"],
            label=form.cleaned_data["label"],
        )
    except ValidationError as exc:
        return _refused(request, activity, exc)
    return _done(request, activity, _("The themes have been merged."), f"#tema-{theme.pk}")


@require_POST
def theme_split(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    activity = _staff_activity(request, municipality_slug, activity_slug)
    theme = selectors.theme_get(summary=_draft(activity), pk=pk)
    try:
        parts = services.theme_split(actor=request.user, theme=theme)
    except ValidationError as exc:
        return _refused(request, activity, exc)
    return _done(
        request,
        activity,
        _("The theme has been split in %(count)s.") % {"count": len(parts)},
        f"#tema-{parts[0].pk}",
    )


def theme_review(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    """One theme of the draft with its inputs: move inputs and choose quotes."""
    activity = _staff_activity(request, municipality_slug, activity_slug)
    draft = _draft(activity)
    theme = selectors.theme_get(summary=draft, pk=pk)
    page = selectors.theme_inputs_page(theme=theme, page=request.GET.get("side"))
    inputs = _with_copies(list(page.object_list), draft)
    others = selectors.other_themes(theme=theme)
    move_form = None
    if request.method == "POST" and "quote" in request.POST:
        try:
            services.theme_quote_toggle(
                actor=request.user, theme=theme, input_id=int(request.POST["quote"])
            )
        except (ValidationError, ValueError) as exc:
            error = (
                exc if isinstance(exc, ValidationError) else ValidationError(_("Choose an input."))
            )
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The quotes have been changed."))
        return redirect(request.get_full_path())
    if request.method == "POST":
        posted = [int(v) for v in request.POST.getlist("inputs") if v.isdigit()]
        move_form = MoveForm(
            request.POST, input_ids=posted, targets=[(t.pk, t.label) for t in others]
        )
        if move_form.is_valid():
            target = move_form.cleaned_data["target"]
            try:
                moved_to = services.inputs_move(
                    actor=request.user,
                    summary=draft,
                    input_ids=move_form.cleaned_data["inputs"],
                    theme_id=None if target == NEW_THEME else int(target),
                    new_label=move_form.cleaned_data["new_label"],
                )
            except ValidationError as exc:
                form_add_service_errors(move_form, exc)
            else:
                messages.success(
                    request,
                    _("%(count)s inputs have been moved to «%(theme)s».")
                    % {"count": len(move_form.cleaned_data["inputs"]), "theme": moved_to.label},
                )
                if Theme.objects.filter(pk=theme.pk).exists():
                    return redirect(request.get_full_path())
                return redirect(_workspace_url(activity))
    if move_form is None:
        move_form = MoveForm(input_ids=[], targets=[(t.pk, t.label) for t in others])
    context = {
        "municipality": activity.municipality,
        "activity": activity,
        "theme": theme,
        "page": page,
        "inputs": inputs,
        "move_form": move_form,
        "checked": {int(v) for v in request.POST.getlist("inputs") if v.isdigit()},
        "breadcrumbs": _crumbs(activity, (theme.label, request.path)),
    }
    return render(
        request, "insight/theme_review.html", context, status=400 if move_form.errors else 200
    )


@require_POST
def summary_publish(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> HttpResponse:
    activity = _staff_activity(request, municipality_slug, activity_slug)
    draft = _draft(activity)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, activity, ValidationError(_("Confirm that you have read the summary."))
        )
    try:
        services.summary_publish(actor=request.user, summary=draft)
    except ValidationError as exc:
        return _refused(request, activity, exc)
    return _done(
        request,
        activity,
        _("The summary is published on the activity page and in the report."),
    )


@require_POST
def summary_withdraw(
    request: HttpRequest, municipality_slug: str, activity_slug: str
) -> HttpResponse:
    activity = _staff_activity(request, municipality_slug, activity_slug)
    published = selectors.published_get(activity=activity)
    if published is None:
        raise Http404
    try:
        services.summary_withdraw(actor=request.user, summary=published)
    except ValidationError as exc:
        return _refused(request, activity, exc)
    return _done(request, activity, _("The summary is no longer shown to the public."))


def theme_public(
    request: HttpRequest, municipality_slug: str, activity_slug: str, pk: int
) -> HttpResponse:
    """A theme of the published summary, with every input in it."""
    activity = _activity(municipality_slug, activity_slug)
    published = selectors.published_get(activity=activity)
    if published is None:
        raise Http404
    theme = selectors.theme_get(summary=published, pk=pk)
    view = next(
        v for v in selectors.summary_view(summary=published, public=True).themes if v.theme.pk == pk
    )
    page = selectors.theme_inputs_page(theme=theme, page=request.GET.get("side"))
    context: dict[str, Any] = {
        "municipality": activity.municipality,
        "activity": activity,
        "summary": published,
        "view": view,
        "page": page,
        "inputs": _with_copies(list(page.object_list), published),
        "breadcrumbs": [
            *crumbs(activity.municipality, activity),
            {
                "label": _("What we heard and what we did"),
                "url": reverse("followup:report", args=[activity.municipality.slug, activity.slug]),
            },
            {"label": theme.label, "url": request.path},
        ],
    }
    return render(request, "insight/theme_public.html", context)
