"""Writes about indicators: importing observations (JSON-stat 2.0 and CSV, idempotent and
all-or-nothing), running imports as background jobs, the SDG mapping, fiscal rules and
experience entries.

An import runs in two steps. *Checking* reads every cell or row, resolves its region and
refuses the whole file at the first bad one, naming the place; nothing is written.
*Saving* then writes everything in one transaction, creating or updating each
(indicator, region, period), so re-importing the same file updates and never duplicates.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.algorithms.jsonstat import STATUS_SYMBOLS, Dataset, JsonStatError, loads
from medvirk.core.jobs import progress_save, retry_locked
from medvirk.indicators.models import (
    Comparison,
    Direction,
    ExperienceEntry,
    FiscalRule,
    ImportFormat,
    ImportJob,
    Indicator,
    JobStatus,
    Observation,
    Region,
    SdgMapping,
    SourceKind,
)
from medvirk.indicators.regions import RegionResolver, RegionSpec, UnknownRegion
from medvirk.places.models import Municipality

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

SAVE_CHUNK = 500


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name_nb: str
    unit: str = ""
    decimals: int = 1
    theme: str = ""
    source: str = SourceKind.SSB
    ssb_table: str = ""
    ssb_contents_code: str = ""
    ssb_filters: dict[str, str] = field(default_factory=dict)
    name_nn: str = ""
    name_en: str = ""
    direction: str = Direction.NEUTRAL


@dataclass(frozen=True)
class Row:
    indicator: str  # code
    region: RegionSpec
    period: str
    value: float | None
    status: str


@dataclass
class Prepared:
    """A checked file, ready to save."""

    indicators: dict[str, IndicatorSpec]
    rows: list[Row]
    source: str
    retrieved_at: datetime


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    indicators: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def _fail(place: str, reason: str) -> ValidationError:
    return ValidationError(
        _("%(place)s: %(reason)s. Nothing was imported.") % {"place": place, "reason": reason}
    )


def _check_status(status: str, value: float | None, place: str) -> None:
    if status and status not in STATUS_SYMBOLS:
        raise _fail(place, _("unknown status symbol “%(symbol)s”") % {"symbol": status})
    if value is None and not status:
        raise _fail(place, _("no value and no status symbol explaining why"))


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and (done % 100 == 0 or done == total):
        progress(done, total)


# --- JSON-stat -----------------------------------------------------------------------


def _pick(dataset: Dataset, role: str, guesses: Sequence[str]) -> str:
    with_role = dataset.with_role(role)
    if with_role:
        return with_role[0].id
    for dimension in dataset.dimensions:
        if any(guess in dimension.id.lower() for guess in guesses):
            return dimension.id
    raise _fail("id", _("no %(role)s dimension found") % {"role": role})


def observations_prepare_jsonstat(
    *, text: str | bytes, table: str = "", progress: Progress | None = None
) -> Prepared:
    """Check a JSON-stat 2.0 file cell by cell. Each combination of the metric and the
    other fixed dimensions becomes one indicator (found again by SSB table, ContentsCode
    and fixed dimensions)."""
    try:
        dataset = loads(text)
    except JsonStatError as error:
        raise _fail(error.path, error.reason) from error
    geo = _pick(dataset, "geo", ("region",))
    time = _pick(dataset, "time", ("tid", "time", "år"))
    metric = _pick(dataset, "metric", ("contents",))
    table = table or str(dataset.extension.get("px", {}).get("tableid", "") or "")
    if not table:
        raise _fail("extension.px.tableid", _("the SSB table id is missing; give it"))
    fixed = [d for d in dataset.dimensions if d.id not in {geo, time, metric}]
    metric_dim = dataset.dimension(metric)
    existing = {
        (i.ssb_contents_code, tuple(sorted(i.ssb_filters.items()))): i.code
        for i in Indicator.objects.filter(ssb_table=table)
    }
    resolver = RegionResolver()
    indicators: dict[str, IndicatorSpec] = {}
    key_to_code: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}
    rows: list[Row] = []
    total = len(dataset)
    for done, cell in enumerate(dataset.cells(), start=1):
        coordinates = cell.coordinates
        contents = coordinates[metric]
        filters = tuple(sorted((d.id, coordinates[d.id]) for d in fixed))
        key = (contents, filters)
        code = key_to_code.get(key)
        if code is None:
            code = existing.get(key) or ".".join([table, contents, *(v for _, v in filters)])
            unit = metric_dim.units.get(contents, {})
            labels = [metric_dim.label_of(contents)] + [
                d.label_of(coordinates[d.id]) for d in fixed
            ]
            indicators[code] = IndicatorSpec(
                code=code,
                name_nb=" – ".join(labels)[:300],
                unit=str(unit.get("base", ""))[:50],
                decimals=int(unit.get("decimals", 1) or 0),
                ssb_table=table,
                ssb_contents_code=contents,
                ssb_filters=dict(filters),
            )
            key_to_code[key] = code
        place = f"{cell.path} ({', '.join(f'{k}={v}' for k, v in coordinates.items())})"
        status = cell.status or ""
        value = None if cell.value is None else float(cell.value)
        _check_status(status, value, place)
        try:
            region = resolver.resolve(coordinates[geo], coordinates[time])
        except UnknownRegion as error:
            raise _fail(place, str(error)) from error
        rows.append(Row(code, region, coordinates[time], value, status))
        _tick(progress, done, total)
    source = f"SSB {table}" + (f" ({dataset.updated})" if dataset.updated else "")
    return Prepared(indicators=indicators, rows=rows, source=source, retrieved_at=timezone.now())


# --- CSV -------------------------------------------------------------------------------

CSV_REQUIRED = ("indicator", "region", "period", "value")


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def observations_prepare_csv(*, text: str, progress: Progress | None = None) -> Prepared:
    """Check a long CSV file: columns ``indicator, region, period, value`` and optional
    ``status``, ``source``, ``indicator_name``, ``unit``. An indicator code not yet known
    is created when the row names it (``indicator_name``). Row numbers count the header
    as row 1."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:2048]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in columns]
    if missing:
        raise _fail(_("row 1"), _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    lines = list(reader)
    known = {code: None for code in Indicator.objects.values_list("code", flat=True)}
    resolver = RegionResolver()
    indicators: dict[str, IndicatorSpec] = {}
    rows: list[Row] = []
    seen: set[tuple[str, str, str]] = set()
    total = len(lines)
    for done, raw in enumerate(lines, start=1):
        line = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        place = _("row %(row)s") % {"row": done + 1}
        code = line["indicator"]
        if not code:
            raise _fail(place, _("the indicator code is empty"))
        if code not in known and code not in indicators:
            if not line.get("indicator_name"):
                raise _fail(
                    place,
                    _("unknown indicator “%(code)s” (add an indicator_name column to create it)")
                    % {"code": code},
                )
            indicators[code] = IndicatorSpec(
                code=code,
                name_nb=line["indicator_name"][:300],
                unit=line.get("unit", "")[:50],
                source=SourceKind.OTHER,
            )
        value_text = line["value"]
        status = line.get("status", "")
        value: float | None = None
        if value_text in STATUS_SYMBOLS and not status:
            status = value_text
        elif value_text:
            try:
                value = _number(value_text)
            except ValueError as error:
                raise _fail(
                    place, _("“%(value)s” is not a number") % {"value": value_text}
                ) from error
        _check_status(status, value, place)
        if not line["period"]:
            raise _fail(place, _("the period is empty"))
        try:
            region = resolver.resolve(line["region"], line["period"])
        except UnknownRegion as error:
            raise _fail(place, str(error)) from error
        key = (code, region.code, line["period"])
        if key in seen:
            raise _fail(place, _("the same indicator, region and period appear twice"))
        seen.add(key)
        rows.append(Row(code, region, line["period"], value, status))
        _tick(progress, done, total)
    return Prepared(
        indicators=indicators, rows=rows, source=_("CSV import"), retrieved_at=timezone.now()
    )


# --- saving ----------------------------------------------------------------------------


def _regions_upsert(specs: Sequence[RegionSpec]) -> dict[str, int]:
    """Region ids by code, creating the missing ones (a concurrent creator is fine: the
    code is unique and conflicts are ignored)."""
    by_code = {spec.code: spec for spec in specs}
    found = dict(Region.objects.filter(code__in=by_code).values_list("code", "pk"))
    missing = [spec for code, spec in by_code.items() if code not in found]
    if missing:
        Region.objects.bulk_create(
            [
                Region(
                    kind=spec.kind,
                    code=spec.code,
                    name=spec.name,
                    municipality_id=spec.municipality_id,
                    county_id=spec.county_id,
                )
                for spec in missing
            ],
            ignore_conflicts=True,
        )
        found.update(
            Region.objects.filter(code__in=[s.code for s in missing]).values_list("code", "pk")
        )
    return found


def observations_save(*, prepared: Prepared, progress: Progress | None = None) -> ImportResult:
    """Write a checked file in one transaction: indicators by code, regions by code, and
    each observation created or updated on (indicator, region, period)."""
    with transaction.atomic():
        indicator_ids: dict[str, int] = {}
        for spec in prepared.indicators.values():
            indicator, _created = Indicator.objects.get_or_create(
                code=spec.code,
                defaults={
                    "name_nb": spec.name_nb,
                    "name_nn": spec.name_nn,
                    "name_en": spec.name_en,
                    "unit": spec.unit,
                    "decimals": spec.decimals,
                    "theme": spec.theme,
                    "source": spec.source,
                    "ssb_table": spec.ssb_table,
                    "ssb_contents_code": spec.ssb_contents_code,
                    "ssb_filters": spec.ssb_filters,
                    "direction": spec.direction,
                },
            )
            indicator_ids[spec.code] = indicator.pk
        missing = {row.indicator for row in prepared.rows} - set(indicator_ids)
        indicator_ids.update(Indicator.objects.filter(code__in=missing).values_list("code", "pk"))
        region_ids = _regions_upsert([row.region for row in prepared.rows])
        existing = set(
            Observation.objects.filter(indicator_id__in=set(indicator_ids.values()))
            .filter(region_id__in=set(region_ids.values()))
            .values_list("indicator_id", "region_id", "period")
        )
        created = updated = 0
        total = len(prepared.rows)
        for start in range(0, total, SAVE_CHUNK):
            chunk = prepared.rows[start : start + SAVE_CHUNK]
            objects = []
            for row in chunk:
                key = (indicator_ids[row.indicator], region_ids[row.region.code], row.period)
                if key in existing:
                    updated += 1
                else:
                    created += 1
                    existing.add(key)
                objects.append(
                    Observation(
                        indicator_id=key[0],
                        region_id=key[1],
                        period=row.period,
                        value=row.value,
                        status=row.status,
                        source=prepared.source,
                        retrieved_at=prepared.retrieved_at,
                    )
                )
            Observation.objects.bulk_create(
                objects,
                update_conflicts=True,
                unique_fields=["indicator", "region", "period"],
                update_fields=["value", "status", "source", "retrieved_at"],
            )
            if progress is not None:
                progress(min(start + SAVE_CHUNK, total), total)
    return ImportResult(created=created, updated=updated, indicators=len(prepared.indicators))


def observations_import_jsonstat(
    *, text: str | bytes, table: str = "", progress: Progress | None = None
) -> ImportResult:
    prepared = observations_prepare_jsonstat(text=text, table=table, progress=progress)
    return observations_save(prepared=prepared)


def observations_import_csv(*, text: str, progress: Progress | None = None) -> ImportResult:
    prepared = observations_prepare_csv(text=text, progress=progress)
    return observations_save(prepared=prepared)


# --- background import jobs -------------------------------------------------------------

MAX_IMPORT_BYTES = 20 * 1024 * 1024
UNFINISHED_JOBS = (JobStatus.PENDING, JobStatus.RUNNING)


def import_job_start(*, user: Any, file_format: str, filename: str, content: str) -> ImportJob:
    """Record an import and queue it for the task worker once the request's transaction
    commits."""
    if file_format not in ImportFormat.values:
        raise ValidationError(_("Choose JSON-stat or CSV."))
    if not content.strip():
        raise ValidationError(_("The file is empty."))
    if len(content.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=user if getattr(user, "is_authenticated", False) else None,
            file_format=file_format,
            filename=filename[:200],
            content=content,
        )
        transaction.on_commit(lambda: launch_job(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from medvirk.indicators.tasks import import_job_task

    import_job_task.enqueue(job_id)


# Tests replace this to run jobs inline.
launch_job: Callable[[int], None] = _enqueue


def import_job_stopped(*, job_id: int) -> None:
    """Mark a job failed whose worker stopped each time it ran it."""
    retry_locked(
        lambda: ImportJob.objects.filter(pk=job_id, status__in=UNFINISHED_JOBS).update(
            status=JobStatus.FAILED,
            message=_("The import stopped without finishing. Nothing was saved; try again."),
            updated_at=timezone.now(),
        )
    )


def import_job_run(*, job_id: int) -> ImportJob:
    """Check then save the job's file, writing progress to the job as it goes."""
    retry_locked(
        lambda: ImportJob.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING, updated_at=timezone.now()
        )
    )
    job = retry_locked(lambda: ImportJob.objects.get(pk=job_id))

    def progress(done: int, total: int) -> None:
        progress_save(ImportJob, job_id, processed=done, total=total)

    def finish(status: str, message: str, **counts: int) -> None:
        retry_locked(
            lambda: ImportJob.objects.filter(pk=job_id).update(
                status=status, message=message, updated_at=timezone.now(), **counts
            )
        )

    try:
        if job.file_format == ImportFormat.JSONSTAT:
            prepared = observations_prepare_jsonstat(text=job.content, progress=progress)
        else:
            prepared = observations_prepare_csv(text=job.content, progress=progress)
        result = retry_locked(lambda: observations_save(prepared=prepared))
    except ValidationError as error:
        finish(JobStatus.FAILED, " ".join(error.messages))
    except Exception:  # a bug, not bad input: record it, keep the server running
        logger.exception("import job %s failed", job_id)
        finish(JobStatus.FAILED, _("The import failed unexpectedly."))
    else:
        finish(
            JobStatus.DONE,
            _("%(created)s observations created and %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
            created_count=result.created,
            updated_count=result.updated,
        )
    retry_locked(job.refresh_from_db)
    return job


# --- fiscal rules ---------------------------------------------------------------------


def fiscal_rule_set(
    *,
    municipality: Municipality,
    indicator: Indicator,
    name: str,
    comparison: str,
    threshold: float,
    first_year: int,
    target_threshold: float | None = None,
    target_year: int | None = None,
    amber_margin: float = 0.5,
) -> FiscalRule:
    """Create or change the municipality's rule for an indicator (one rule each)."""
    if comparison not in Comparison.values:
        raise ValidationError(_("Choose “at least” or “at most”."))
    if (target_threshold is None) != (target_year is None):
        raise ValidationError(
            _("Give both the later threshold and the year it is reached, or neither.")
        )
    if target_year is not None and target_year <= first_year:
        raise ValidationError(_("The year the target is reached must come after the first year."))
    if amber_margin < 0:
        raise ValidationError(_("The margin cannot be negative."))
    with transaction.atomic():
        rule, _created = FiscalRule.objects.update_or_create(
            municipality=municipality,
            indicator=indicator,
            defaults={
                "name": name,
                "comparison": comparison,
                "threshold": threshold,
                "first_year": first_year,
                "target_threshold": target_threshold,
                "target_year": target_year,
                "amber_margin": amber_margin,
            },
        )
    return rule


def fiscal_rule_remove(*, municipality: Municipality, rule_id: int) -> None:
    with transaction.atomic():
        deleted, _detail = FiscalRule.objects.filter(municipality=municipality, pk=rule_id).delete()
    if not deleted:
        raise ValidationError(_("That rule is no longer there."))


# --- SDG mapping, experiences ------------------------------------------------------------


def sdg_mapping_add(*, municipality: Municipality, goal: int, indicator: Indicator) -> SdgMapping:
    if not 1 <= goal <= 17:
        raise ValidationError(_("Choose a goal from 1 to 17."))
    with transaction.atomic():
        mapping, _created = SdgMapping.objects.get_or_create(
            municipality=municipality, goal=goal, indicator=indicator
        )
    return mapping


def sdg_mapping_remove(*, municipality: Municipality, mapping_id: int) -> None:
    with transaction.atomic():
        deleted, _detail = SdgMapping.objects.filter(
            municipality=municipality, pk=mapping_id
        ).delete()
    if not deleted:
        raise ValidationError(_("That row is no longer in the table."))


def experience_entry_publish(
    *, municipality: Municipality, title: str, **fields: Any
) -> ExperienceEntry:
    """Publish a new experience entry with an address name made from its title (unique
    within the municipality: "-2", "-3" … are added when needed)."""
    from medvirk.places.reference_data import norwegian_slug

    base = norwegian_slug(title)[:180] or "erfaring"
    with transaction.atomic():
        taken = set(
            ExperienceEntry.objects.select_for_update()
            .filter(municipality=municipality, slug__startswith=base)
            .values_list("slug", flat=True)
        )
        slug = base
        number = 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        return experience_entry_upsert(
            municipality=municipality, slug=slug, title=title, is_published=True, **fields
        )


def experience_entry_upsert(
    *,
    municipality: Municipality,
    slug: str,
    title: str,
    theme: str,
    challenge: str,
    what_was_done: str,
    results: str,
    contact_name: str,
    contact_email: str = "",
    goals: Sequence[int] = (),
    indicator_codes: Sequence[str] = (),
    is_published: bool = True,
    is_demo: bool = False,
) -> ExperienceEntry:
    """Create or update an experience entry by (municipality, slug)."""
    bad = [goal for goal in goals if not 1 <= goal <= 17]
    if bad:
        raise ValidationError(_("Choose goals from 1 to 17."))
    with transaction.atomic():
        entry, _created = ExperienceEntry.objects.update_or_create(
            municipality=municipality,
            slug=slug,
            defaults={
                "title": title,
                "theme": theme,
                "challenge": challenge,
                "what_was_done": what_was_done,
                "results": results,
                "contact_name": contact_name,
                "contact_email": contact_email,
                "goals": sorted(set(goals)),
                "is_published": is_published,
                "is_demo": is_demo,
            },
        )
        entry.indicators.set(Indicator.objects.filter(code__in=indicator_codes))
    return entry


# --- the platform's own engagement measures --------------------------------------------


def engagement_compute(*, municipality: Municipality, period: str) -> ImportResult:
    """Compute every engagement measure that has data for the municipality and its
    districts in the period, and store them as observations (source "platform")."""
    from medvirk.indicators.engagement import measures
    from medvirk.indicators.models import RegionKind
    from medvirk.indicators.regions import RegionSpec
    from medvirk.places.models import District

    indicators: dict[str, IndicatorSpec] = {}
    rows: list[Row] = []
    for measure in measures():
        indicators[measure.code] = IndicatorSpec(
            code=measure.code,
            name_nb=measure.name_nb,
            name_nn=measure.name_nn,
            name_en=measure.name_en,
            unit=measure.unit,
            decimals=measure.decimals,
            theme="Medvirkning",
            source=SourceKind.PLATFORM,
            direction=measure.direction,
        )
        if measure.compute is None:
            continue
        for place, value in measure.compute(municipality, period):
            if isinstance(place, District):
                spec = RegionSpec(
                    RegionKind.DISTRICT,
                    f"{municipality.number}:{place.slug}",
                    f"{place.name} ({municipality.name})",
                )
            else:
                spec = RegionSpec(
                    RegionKind.MUNICIPALITY, place.number, place.name, municipality_id=place.pk
                )
            rows.append(Row(measure.code, spec, period, round(value, 4), ""))
    prepared = Prepared(
        indicators=indicators, rows=rows, source="medvirk", retrieved_at=timezone.now()
    )
    result = observations_save(prepared=prepared)
    # districts: link the region rows to their district
    for district in District.objects.filter(municipality=municipality):
        Region.objects.filter(
            code=f"{municipality.number}:{district.slug}", district__isnull=True
        ).update(district=district)
    return result
