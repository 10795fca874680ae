"""Decode a JSON-stat 2.0 dataset into dimensions and cells.

Follows https://json-stat.org/format/ (version 2.0):

* ``id`` and ``size`` give the dimension order; the value of the cell with category
  positions ``(p0, p1, ..., pn)`` sits at ``sum(p_i * stride_i)`` where
  ``stride_i = size[i+1] * ... * size[n]`` (row-major, last dimension fastest);
* ``value`` is an array of ``prod(size)`` numbers or nulls, or a sparse object
  ``{"<index>": number}`` (absent cells are null);
* ``status`` is one string for every cell, an array (one per cell, nulls allowed), or a
  sparse object ``{"<index>": "<symbol>"}``;
* a category ``index`` is an array of codes or an object ``{code: position}``; with a
  single category it may be left out, the code then comes from ``label``;
* ``role`` names the ``time``, ``geo`` and ``metric`` dimensions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# SSB's status symbols and what they mean (standard for tegn i tabeller).
STATUS_SYMBOLS: dict[str, str] = {
    ".": "not applicable",  # Tall kan ikke forekomme
    "..": "not available",  # Tallgrunnlag mangler
    "...": "not yet available",  # Oppgave mangler foreløpig
    ":": "confidential",  # Vises ikke av konfidensialitetshensyn
    "-": "nil",  # Null
    "0": "less than half the unit",
}

VALID_ROLES = ("time", "geo", "metric")


class JsonStatError(ValueError):
    """The input is not a valid JSON-stat 2.0 dataset; ``path`` names the place."""

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]
    labels: Mapping[str, str]
    role: str | None = None
    units: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.codes)

    def position(self, code: str) -> int:
        try:
            return self.codes.index(code)
        except ValueError as exc:
            raise KeyError(f"{self.id}: no category {code!r}") from exc

    def label_of(self, code: str) -> str:
        return self.labels.get(code, code)


@dataclass(frozen=True)
class Cell:
    index: int
    coordinates: Mapping[str, str]
    value: float | int | None
    status: str | None

    @property
    def path(self) -> str:
        """Where the cell sits in the file, for error messages."""
        return f"value[{self.index}]"


@dataclass(frozen=True)
class Dataset:
    label: str
    source: str
    updated: str
    dimensions: tuple[Dimension, ...]
    values: tuple[float | int | None, ...]
    statuses: Mapping[int, str]
    extension: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def size(self) -> tuple[int, ...]:
        return tuple(d.size for d in self.dimensions)

    @property
    def strides(self) -> tuple[int, ...]:
        strides = []
        step = 1
        for dimension in reversed(self.dimensions):
            strides.append(step)
            step *= dimension.size
        return tuple(reversed(strides))

    def __len__(self) -> int:
        return len(self.values)

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def with_role(self, role: str) -> list[Dimension]:
        return [d for d in self.dimensions if d.role == role]

    def index_of(self, **coordinates: str) -> int:
        """The flat index of the cell with these category codes (one per dimension)."""
        missing = set(self.ids) - set(coordinates)
        if missing:
            raise KeyError(f"missing dimensions: {', '.join(sorted(missing))}")
        return sum(
            d.position(coordinates[d.id]) * stride
            for d, stride in zip(self.dimensions, self.strides, strict=True)
        )

    def cell(self, **coordinates: str) -> Cell:
        index = self.index_of(**coordinates)
        return Cell(
            index=index,
            coordinates=dict(coordinates),
            value=self.values[index],
            status=self.statuses.get(index),
        )

    def cells(self) -> Iterator[Cell]:
        """Every cell in file order, with its category code in each dimension."""
        sizes = self.size
        positions = [0] * len(sizes)
        for index, value in enumerate(self.values):
            yield Cell(
                index=index,
                coordinates={
                    d.id: d.codes[p] for d, p in zip(self.dimensions, positions, strict=True)
                },
                value=value,
                status=self.statuses.get(index),
            )
            # odometer increment, last dimension fastest
            for axis in range(len(sizes) - 1, -1, -1):
                positions[axis] += 1
                if positions[axis] < sizes[axis]:
                    break
                positions[axis] = 0


def loads(text: str | bytes) -> Dataset:
    """Parse and decode JSON text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonStatError(
            f"not valid JSON ({exc.msg}, line {exc.lineno}, column {exc.colno})", path="(file)"
        ) from exc
    return decode(data)


def decode(data: Any) -> Dataset:
    """Decode a parsed JSON-stat 2.0 dataset, checking it throughout."""
    if not isinstance(data, dict):
        raise JsonStatError("the file must hold a JSON object", path="(root)")
    version = data.get("version")
    if version != "2.0":
        hint = ""
        if version is None and "class" not in data:
            hint = " (it looks like JSON-stat 1.x or another format)"
        raise JsonStatError(f"not JSON-stat 2.0: version is {version!r}{hint}", path="version")
    if data.get("class") != "dataset":
        raise JsonStatError(
            f"only a dataset can be imported, not class {data.get('class')!r}", path="class"
        )
    ids = data.get("id")
    sizes = data.get("size")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise JsonStatError("must be a non-empty list of dimension names", path="id")
    if len(set(ids)) != len(ids):
        raise JsonStatError("dimension names repeat", path="id")
    if not isinstance(sizes, list) or not all(
        isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes
    ):
        raise JsonStatError("must be a list of whole numbers", path="size")
    if len(sizes) != len(ids):
        raise JsonStatError(
            f"has {len(sizes)} entries but id has {len(ids)} dimensions", path="size"
        )
    raw_dimensions = data.get("dimension")
    if not isinstance(raw_dimensions, dict):
        raise JsonStatError("must be an object", path="dimension")
    roles = _roles(data.get("role"), ids)
    dimensions = tuple(
        _dimension(dim_id, raw_dimensions.get(dim_id), size, roles.get(dim_id))
        for dim_id, size in zip(ids, sizes, strict=True)
    )
    total = math.prod(sizes)
    values = _values(data.get("value"), total)
    statuses = _statuses(data.get("status"), total)
    extension = data.get("extension") if isinstance(data.get("extension"), dict) else {}
    return Dataset(
        label=str(data.get("label") or ""),
        source=str(data.get("source") or ""),
        updated=str(data.get("updated") or ""),
        dimensions=dimensions,
        values=values,
        statuses=statuses,
        extension=extension or {},
    )


def _roles(raw: Any, ids: list[str]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise JsonStatError("must be an object", path="role")
    roles: dict[str, str] = {}
    for role, members in raw.items():
        if role not in VALID_ROLES:
            raise JsonStatError(f"unknown role {role!r}", path=f"role.{role}")
        if not isinstance(members, list):
            raise JsonStatError("must be a list of dimension names", path=f"role.{role}")
        for member in members:
            if member not in ids:
                raise JsonStatError(f"{member!r} is not a dimension", path=f"role.{role}")
            roles[member] = role
    return roles


def _dimension(dim_id: str, raw: Any, size: int, role: str | None) -> Dimension:
    path = f"dimension.{dim_id}"
    if not isinstance(raw, dict):
        raise JsonStatError("is missing or not an object", path=path)
    category = raw.get("category")
    if not isinstance(category, dict):
        raise JsonStatError("is missing or not an object", path=f"{path}.category")
    labels = category.get("label", {})
    if not isinstance(labels, dict):
        raise JsonStatError("must be an object", path=f"{path}.category.label")
    index = category.get("index")
    codes: list[str]
    if index is None:
        if len(labels) != 1:
            raise JsonStatError(
                "is required when the dimension has more than one category",
                path=f"{path}.category.index",
            )
        codes = [str(next(iter(labels)))]
    elif isinstance(index, list):
        codes = [str(code) for code in index]
        if len(set(codes)) != len(codes):
            raise JsonStatError("category codes repeat", path=f"{path}.category.index")
    elif isinstance(index, dict):
        positions = list(index.values())
        if sorted(positions) != list(range(len(index))) or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in positions
        ):
            raise JsonStatError(
                "positions must be 0, 1, 2, … each used once", path=f"{path}.category.index"
            )
        codes = [str(code) for code, _ in sorted(index.items(), key=lambda item: item[1])]
    else:
        raise JsonStatError("must be a list or an object", path=f"{path}.category.index")
    if len(codes) != size:
        raise JsonStatError(
            f"has {len(codes)} categories but size says {size}", path=f"{path}.category"
        )
    units = category.get("unit", {})
    return Dimension(
        id=dim_id,
        label=str(raw.get("label") or dim_id),
        codes=tuple(codes),
        labels={str(k): str(v) for k, v in labels.items()},
        role=role,
        units=units if isinstance(units, dict) else {},
    )


def _number(raw: Any, path: str) -> float | int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise JsonStatError(f"{raw!r} is not a number", path=path)
    if isinstance(raw, float) and not math.isfinite(raw):
        raise JsonStatError(f"{raw!r} is not a finite number", path=path)
    return raw


def _sparse_index(key: Any, total: int, path: str) -> int:
    try:
        position = int(key)
    except (TypeError, ValueError) as exc:
        raise JsonStatError(f"key {key!r} is not a cell number", path=path) from exc
    if not 0 <= position < total or str(position) != str(key):
        raise JsonStatError(f"cell {key} is outside 0–{total - 1}", path=path)
    return position


def _values(raw: Any, total: int) -> tuple[float | int | None, ...]:
    if isinstance(raw, list):
        if len(raw) != total:
            raise JsonStatError(f"has {len(raw)} cells but size gives {total}", path="value")
        return tuple(_number(item, f"value[{i}]") for i, item in enumerate(raw))
    if isinstance(raw, dict):
        values: list[float | int | None] = [None] * total
        for key, item in raw.items():
            position = _sparse_index(key, total, "value")
            values[position] = _number(item, f"value[{position}]")
        return tuple(values)
    raise JsonStatError("must be a list or an object", path="value")


def _statuses(raw: Any, total: int) -> dict[int, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(total), raw)
    if isinstance(raw, list):
        if len(raw) == 1 and total != 1 and isinstance(raw[0], str):
            return dict.fromkeys(range(total), raw[0])
        if len(raw) != total:
            raise JsonStatError(f"has {len(raw)} entries but size gives {total}", path="status")
        statuses: dict[int, str] = {}
        for i, item in enumerate(raw):
            if item is None:
                continue
            if not isinstance(item, str):
                raise JsonStatError(f"{item!r} is not a status symbol", path=f"status[{i}]")
            statuses[i] = item
        return statuses
    if isinstance(raw, dict):
        statuses = {}
        for key, item in raw.items():
            position = _sparse_index(key, total, "status")
            if item is None:
                continue
            if not isinstance(item, str):
                raise JsonStatError(f"{item!r} is not a status symbol", path=f"status.{key}")
            statuses[position] = item
        return statuses
    raise JsonStatError("must be a string, a list or an object", path="status")
