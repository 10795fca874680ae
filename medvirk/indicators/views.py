"""Pages about indicators for one municipality: the list, one indicator over time beside
its KOSTRA group and the country (chart, table, CSV), comparison and ranking, fiscal
rules, the peer finder, SDG progress, the experience library and imports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medvirk.core.csvexport import csv_response
from medvirk.indicators import selectors, services
from medvirk.indicators.access import (
    user_can_edit_fiscal_rules,
    user_can_edit_sdg_mapping,
    user_can_import_indicators,
    user_can_publish_experience,
)
from medvirk.indicators.charts import bar_chart, line_chart
from medvirk.indicators.engagement import measures as engagement_measures
from medvirk.indicators.forms import (
    CompareForm,
    ExperienceForm,
    ExperienceSearchForm,
    FiscalRuleForm,
    ImportForm,
    PeerForm,
    SdgMappingForm,
)
from medvirk.indicators.models import Indicator
from medvirk.places.crumbs import place_crumbs
from medvirk.places.models import Municipality
from medvirk.places.selectors import municipality_get


def _crumbs(municipality: Municipality, *extra: tuple[str, str]) -> list[dict[str, str]]:
    key_figures = reverse("indicators:list", args=[municipality.slug])
    return place_crumbs(municipality, (_("Key figures"), key_figures), *extra)


def _indicator_choices() -> list[tuple[str, str]]:
    return [(i.code, i.name) for i in selectors.indicator_list()]


def indicator_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    overview = selectors.indicator_overview(municipality=municipality)
    themes: dict[str, list[Any]] = {}
    for row in overview:
        themes.setdefault(row.indicator.theme or _("Other"), []).append(row)
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "municipality": municipality,
            "themes": themes,
            "engagement": engagement_measures(),
            "can_import": user_can_import_indicators(request.user, municipality=municipality),
            "breadcrumbs": _crumbs(municipality)[:3],
        },
    )


def _series_csv(table: selectors.SeriesTable, filename: str) -> HttpResponse:
    # Figures with decimal points, the API's columns: machine CSV (see core.csvexport).
    return csv_response(
        filename,
        ["indicator", "region", "region_name", "period", "value", "status"],
        (
            [
                table.indicator.code,
                series.region_code,
                series.label,
                point.period,
                "" if point.value is None else repr(point.value),
                point.status,
            ]
            for series in table.series
            for point in series.points
        ),
        for_people=False,
    )


def indicator_detail(request: HttpRequest, municipality_slug: str, code: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    indicator = selectors.indicator_get(code=code)
    table = selectors.indicator_series(indicator=indicator, municipality=municipality)
    if request.GET.get("format") == "csv":
        return _series_csv(table, f"{indicator.code}-{municipality.number}.csv")
    chart = line_chart(
        table,
        title=indicator.name,
        chart_id="chart",
        description=_(
            "%(indicator)s for %(municipality)s, its KOSTRA group and the "
            "country, by year. The same figures are in the table beside the chart."
        )
        % {"indicator": indicator.name, "municipality": municipality.name},
    )
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "municipality": municipality,
            "indicator": indicator,
            "table": table,
            "chart": chart,
            "breadcrumbs": _crumbs(municipality, (indicator.name, request.path)),
        },
    )


def _comparison_csv(result: selectors.ComparisonResult, municipality: Municipality) -> HttpResponse:
    filename = f"{result.indicator.code}-{municipality.number}-{result.period or ''}.csv"
    return csv_response(
        filename,
        ["indicator", "period", "region", "name", "rank", "value", "status"],
        (
            [
                result.indicator.code,
                result.period,
                row.region_code,
                row.name,
                row.rank or "",
                "" if row.value is None else repr(row.value),
                row.status,
            ]
            for row in result.chosen
        ),
        for_people=False,
    )


def indicator_compare(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    indicators = _indicator_choices()
    choices = [
        (m.number, f"{m.name} ({m.number})")
        for m in Municipality.objects.exclude(pk=municipality.pk).order_by("name")
    ]
    data = request.GET if "indikator" in request.GET else None
    code = (data.get("indikator") if data else None) or (indicators[0][0] if indicators else "")
    chosen = Indicator.objects.filter(code=code).first() if code else None
    periods = selectors.indicator_periods(indicator=chosen) if chosen else []
    form = CompareForm(
        data,
        indicators=indicators,
        municipalities=choices,
        periods=periods,
        initial={"indikator": code},
    )
    result = chart = None
    if form.is_bound and form.is_valid():
        indicator = selectors.indicator_get(code=form.cleaned_data["indikator"])
        result = selectors.indicator_compare(
            indicator=indicator,
            municipality=municipality,
            numbers=form.cleaned_data["kommuner"],
            period=form.cleaned_data["periode"] or None,
        )
        if request.GET.get("format") == "csv":
            return _comparison_csv(result, municipality)
        chart = bar_chart(
            list(result.chosen),
            chart_id="compare-chart",
            decimals=indicator.decimals,
            title=_("%(indicator)s, %(period)s")
            % {"indicator": indicator.name, "period": result.period or ""},
            description=_(
                "Bars for each chosen municipality; the table beside gives the "
                "same figures and the ranking."
            ),
        )
    return render(
        request,
        "indicators/compare.html",
        {
            "municipality": municipality,
            "form": form,
            "result": result,
            "chart": chart,
            "breadcrumbs": _crumbs(municipality, (_("Compare"), request.path)),
        },
    )


@require_http_methods(["GET", "POST"])
def fiscal_rules(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The verdicts for everyone; administrators also add, change and remove rules."""
    municipality = municipality_get(slug=municipality_slug)
    can_edit = user_can_edit_fiscal_rules(request.user, municipality=municipality)
    form = FiscalRuleForm(
        indicators=_indicator_choices(), initial={"first_year": timezone.now().year}
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "remove" in request.POST:
            try:
                services.fiscal_rule_remove(
                    municipality=municipality, rule_id=int(request.POST["remove"])
                )
                messages.success(request, _("The rule was removed."))
            except (ValueError, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(request.path)
        form = FiscalRuleForm(request.POST, indicators=_indicator_choices())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.fiscal_rule_set(
                    municipality=municipality,
                    indicator=selectors.indicator_get(code=data["indicator"]),
                    name=data["name"],
                    comparison=data["comparison"],
                    threshold=data["threshold"],
                    first_year=data["first_year"],
                    target_threshold=data["target_threshold"],
                    target_year=data["target_year"],
                    amber_margin=data["amber_margin"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The rule was saved."))
                return redirect(request.path)
    return render(
        request,
        "indicators/fiscal_rules.html",
        {
            "municipality": municipality,
            "rules": selectors.fiscal_rule_verdicts(municipality=municipality),
            "can_edit": can_edit,
            "form": form,
            "breadcrumbs": _crumbs(municipality, (_("Fiscal rules"), request.path)),
        },
    )


def _reasons(result: selectors.PeerResult, peer: Any) -> list[str]:
    reasons = []
    close = [m for m in peer.context if m.similarity is not None and m.similarity >= 0.5]
    if close:
        reasons.append(
            _("Similar on %(measures)s.")
            % {"measures": ", ".join(result.measure_name(m.column).lower() for m in close)}
        )
    for target in peer.targets:
        if target.better:
            indicator = result.indicators[target.column]
            reasons.append(
                _("Does better on %(indicator)s: %(value)s against our %(home)s.")
                % {
                    "indicator": indicator.name.lower(),
                    "value": _fmt(target.value, indicator.decimals),
                    "home": _fmt(target.home_value, indicator.decimals),
                }
            )
    entries = result.experiences.get(peer.row, [])
    if entries:
        reasons.append(
            _("Has shared what worked: %(titles)s.")
            % {"titles": "; ".join(f"«{e.title}»" for e in entries)}
        )
    return reasons


def _fmt(value: Any, decimals: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return str(number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True))


def _peer_rows(result: selectors.PeerResult, peer: Any) -> list[dict[str, str]]:
    rows = []
    for match in peer.context:
        indicator = result.indicators.get(match.column)
        decimals = indicator.decimals if indicator else (0 if match.column != "density" else 1)
        rows.append(
            {
                "name": result.measure_name(match.column),
                "home": _fmt(match.home_value, decimals),
                "value": _fmt(match.value, decimals),
                "note": (_("%(percent)s %% similar") % {"percent": round(100 * match.similarity)})
                if match.similarity is not None
                else _("no figure"),
            }
        )
    for target in peer.targets:
        indicator = result.indicators[target.column]
        if target.better:
            note = _("better by %(gain)s") % {"gain": _fmt(target.gain, indicator.decimals)}
        elif target.gain is None:
            note = _("no figure")
        else:
            note = _("not better")
        rows.append(
            {
                "name": indicator.name,
                "home": _fmt(target.home_value, indicator.decimals),
                "value": _fmt(target.value, indicator.decimals),
                "note": note,
            }
        )
    return rows


def peer_finder(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    all_measures = selectors.peer_measure_choices()
    directed = {i.code for i in Indicator.objects.exclude(direction="neutral")}
    target_choices = [(c, n) for c, n in all_measures if c in directed]
    defaults = {
        "kontekst": [c for c in ("population", "density", "DKI") if c in dict(all_measures)],
        "mal": [c for c in ("NDR_PCT_DERIVED",) if c in dict(target_choices)],
    }
    form = PeerForm(
        request.GET if "kontekst" in request.GET else None,
        context_choices=all_measures,
        target_choices=target_choices,
        initial=defaults,
    )
    result = None
    visits: list[dict[str, Any]] = []
    if form.is_bound and form.is_valid():
        result = selectors.peer_find(
            municipality=municipality,
            context=form.cleaned_data["kontekst"],
            targets=form.cleaned_data["mal"],
            limit=10,
        )
        for peer in result.answer.peers:
            visits.append(
                {
                    "peer": peer,
                    "municipality": result.municipalities[peer.row],
                    "reasons": _reasons(result, peer),
                    "rows": _peer_rows(result, peer),
                    "experiences": result.experiences.get(peer.row, []),
                }
            )
    return render(
        request,
        "indicators/peer_finder.html",
        {
            "municipality": municipality,
            "form": form,
            "result": result,
            "visits": visits,
            "breadcrumbs": _crumbs(municipality, (_("Learn from others"), request.path)),
        },
    )


@require_http_methods(["GET", "POST"])
def sdg_progress(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    can_edit = user_can_edit_sdg_mapping(request.user, municipality=municipality)
    form = SdgMappingForm(indicators=_indicator_choices())
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "remove" in request.POST:
            try:
                services.sdg_mapping_remove(
                    municipality=municipality, mapping_id=int(request.POST["remove"])
                )
                messages.success(request, _("The row was removed."))
            except (ValueError, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(request.path)
        form = SdgMappingForm(request.POST, indicators=_indicator_choices())
        if form.is_valid():
            services.sdg_mapping_add(
                municipality=municipality,
                goal=form.cleaned_data["goal"],
                indicator=selectors.indicator_get(code=form.cleaned_data["indicator"]),
            )
            messages.success(request, _("The indicator was added to the goal."))
            return redirect(request.path)
    return render(
        request,
        "indicators/sdg.html",
        {
            "municipality": municipality,
            "goals": selectors.sdg_progress(municipality=municipality),
            "can_edit": can_edit,
            "form": form,
            "breadcrumbs": _crumbs(
                municipality, (_("Sustainable development goals"), request.path)
            ),
        },
    )


def experience_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    form = ExperienceSearchForm(
        request.GET or None, themes=selectors.experience_themes(), indicators=_indicator_choices()
    )
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {
            "goal": form.cleaned_data["mal"],
            "theme": form.cleaned_data["tema"],
            "indicator": form.cleaned_data["indikator"],
            "text": form.cleaned_data["q"],
        }
    entries = list(selectors.experience_search(**filters))
    return render(
        request,
        "indicators/experience_list.html",
        {
            "municipality": municipality,
            "form": form,
            "entries": entries,
            "can_publish": user_can_publish_experience(request.user, municipality=municipality),
            "breadcrumbs": [
                *_crumbs(municipality)[:2],
                {"label": _("What worked"), "url": request.path},
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def experience_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Staff of the municipality publish what worked."""
    municipality = municipality_get(slug=municipality_slug)
    if not user_can_publish_experience(request.user, municipality=municipality):
        raise PermissionDenied
    form = ExperienceForm(request.POST or None, indicators=_indicator_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.experience_entry_publish(
                municipality=municipality,
                title=data["title"],
                theme=data["theme"],
                challenge=data["challenge"],
                what_was_done=data["what_was_done"],
                results=data["results"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                goals=data["goals"],
                indicator_codes=data["indicators"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The experience was published."))
            return redirect("indicators:experience", municipality.slug, entry.pk)
    return render(
        request,
        "indicators/experience_form.html",
        {
            "municipality": municipality,
            "form": form,
            "breadcrumbs": [
                *_crumbs(municipality)[:2],
                {
                    "label": _("What worked"),
                    "url": reverse("indicators:experiences", args=[municipality.slug]),
                },
                {"label": _("Share an experience"), "url": request.path},
            ],
        },
    )


def experience_detail(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    entry = selectors.experience_get(pk=pk)
    return render(
        request,
        "indicators/experience_detail.html",
        {
            "municipality": municipality,
            "entry": entry,
            "goal_names": [(g, selectors.sdg_goal_name(g)) for g in entry.goals],
            "breadcrumbs": [
                *_crumbs(municipality)[:2],
                {
                    "label": _("What worked"),
                    "url": reverse("indicators:experiences", args=[municipality.slug]),
                },
                {"label": entry.title, "url": request.path},
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    if not user_can_import_indicators(request.user, municipality=municipality):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = upload.read().decode("utf-8-sig")
            job = services.import_job_start(
                user=request.user,
                file_format=form.cleaned_data["file_format"],
                filename=upload.name,
                content=content,
            )
        except UnicodeDecodeError:
            form.add_error("file", _("The file must be UTF-8 text."))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("indicators:import-job", municipality.slug, job.pk)
    return render(
        request,
        "indicators/import.html",
        {
            "municipality": municipality,
            "form": form,
            "breadcrumbs": _crumbs(municipality, (_("Import"), request.path)),
        },
    )


def import_job(request: HttpRequest, municipality_slug: str, job_id: int) -> HttpResponse:
    municipality = municipality_get(slug=municipality_slug)
    if not user_can_import_indicators(request.user, municipality=municipality):
        raise PermissionDenied
    job = selectors.import_job_get(pk=job_id)
    context = {
        "municipality": municipality,
        "job": job,
        "breadcrumbs": _crumbs(
            municipality,
            (_("Import"), reverse("indicators:import", args=[municipality.slug])),
            (job.filename, request.path),
        ),
    }
    if getattr(request, "htmx", False):
        return render(request, "indicators/_job_progress.html", context)
    return render(request, "indicators/import_job.html", context)
