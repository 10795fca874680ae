"""JSON-stat 2.0 decoding (the format of SSB's PxWebApi v2), without Django.

>>> dataset = loads(text)
>>> for cell in dataset.cells():
...     cell.coordinates["Tid"], cell.value, cell.status

Cells are laid out in row-major order: the last dimension in ``id`` varies fastest.
Every error is a :class:`JsonStatError` naming the place in the file (``value[17]``,
``dimension.Tid.category.index``).
"""

from medvirk.algorithms.jsonstat.decode import (
    STATUS_SYMBOLS,
    Cell,
    Dataset,
    Dimension,
    JsonStatError,
    decode,
    loads,
)

__all__ = [
    "STATUS_SYMBOLS",
    "Cell",
    "Dataset",
    "Dimension",
    "JsonStatError",
    "decode",
    "loads",
]
