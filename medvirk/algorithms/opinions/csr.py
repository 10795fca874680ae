"""A small compressed-sparse-row matrix on numpy alone: what the engine needs of
``scipy.sparse.csr_matrix`` (sums, row selection, products with dense blocks), without
importing scipy, which doubles the start-up time of ``medvirk opinions analyze``.

Products accumulate every row's (or column's) terms one by one in storage order, as
scipy's ``csr_matvecs`` and ``csc_matvecs`` do (``np.bincount`` with weights adds in
input order), so the results are the same to the last bit. From ``SCIPY_MIN_ENTRIES``
stored entries on, where scipy's single pass in C is several times faster and its import
no longer counts, the products go through scipy itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from medvirk.algorithms.opinions.model import FloatArray, IntArray

SCIPY_MIN_ENTRIES = 1_000_000


class CsrMatrix:
    """``shape`` matrix whose row ``i`` holds ``data[indptr[i]:indptr[i + 1]]`` in the
    columns ``indices[indptr[i]:indptr[i + 1]]``; stored zeros count as entries."""

    __slots__ = ("_rows", "_scipy", "data", "indices", "indptr", "shape")

    def __init__(
        self,
        data: npt.NDArray[Any],
        indices: IntArray,
        indptr: IntArray,
        shape: tuple[int, int],
    ) -> None:
        self.data = np.asarray(data)
        self.indices = np.asarray(indices, dtype=np.int64)
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.shape = (int(shape[0]), int(shape[1]))
        self._rows: IntArray | None = None
        self._scipy: Any = None

    @property
    def nnz(self) -> int:
        return len(self.data)

    def row_of_entry(self) -> IntArray:
        """The row of every stored entry."""
        if self._rows is None:
            self._rows = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        return self._rows

    def with_data(self, data: npt.NDArray[Any]) -> CsrMatrix:
        """The same sparsity pattern with other values."""
        matrix = CsrMatrix(data, self.indices, self.indptr, self.shape)
        matrix._rows = self._rows
        return matrix

    def sum(self, axis: int | None = None) -> Any:
        """Sum of all entries, of each column (``axis=0``) or of each row (``axis=1``)."""
        weights = self.data.astype(np.float64)
        if axis is None:
            return weights.sum()
        if axis == 0:
            return np.bincount(self.indices, weights=weights, minlength=self.shape[1])
        return np.bincount(self.row_of_entry(), weights=weights, minlength=self.shape[0])

    def __getitem__(self, rows: npt.NDArray[Any]) -> CsrMatrix:
        """The selected rows (a boolean mask or row indices), in that order."""
        rows = np.asarray(rows)
        if rows.dtype == np.bool_:
            rows = np.flatnonzero(rows)
        counts = np.diff(self.indptr)[rows]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        entries = np.repeat(self.indptr[rows] - indptr[:-1], counts) + np.arange(indptr[-1])
        return CsrMatrix(
            self.data[entries], self.indices[entries], indptr, (len(rows), self.shape[1])
        )

    def __gt__(self, value: float) -> CsrMatrix:
        return self.with_data(self.data > value)

    def __lt__(self, value: float) -> CsrMatrix:
        return self.with_data(self.data < value)

    def __matmul__(self, block: FloatArray) -> FloatArray:
        """``self @ block`` for a dense vector or block of columns."""
        if self.nnz >= SCIPY_MIN_ENTRIES:
            return np.asarray(self._as_scipy() @ block)
        return self._product(self.row_of_entry(), self.indices, block, self.shape[0])

    def rmatmul(self, block: FloatArray) -> FloatArray:
        """``selfᵀ @ block`` for a dense vector or block of columns."""
        if self.nnz >= SCIPY_MIN_ENTRIES:
            return np.asarray(self._as_scipy().T @ block)
        return self._product(self.indices, self.row_of_entry(), block, self.shape[1])

    def _as_scipy(self) -> Any:
        if self._scipy is None:
            from scipy import sparse

            data = self.data.astype(np.float64, copy=False)
            self._scipy = sparse.csr_matrix((data, self.indices, self.indptr), shape=self.shape)
        return self._scipy

    @property
    def T(self) -> _Transposed:
        return _Transposed(self)

    def _product(
        self, out_index: IntArray, in_index: IntArray, block: FloatArray, size: int
    ) -> FloatArray:
        block = np.asarray(block, dtype=np.float64)
        data = self.data.astype(np.float64, copy=False)
        if block.ndim == 1:
            return np.bincount(out_index, weights=data * block[in_index], minlength=size)
        result = np.empty((size, block.shape[1]))
        for column in range(block.shape[1]):
            terms = data * block[in_index, column]
            result[:, column] = np.bincount(out_index, weights=terms, minlength=size)
        return result

    def toarray(self) -> FloatArray:
        dense = np.zeros(self.shape, dtype=self.data.dtype)
        dense[self.row_of_entry(), self.indices] = self.data
        return dense


class _Transposed:
    """``matrix.T``, for products only."""

    __slots__ = ("matrix",)

    def __init__(self, matrix: CsrMatrix) -> None:
        self.matrix = matrix

    @property
    def shape(self) -> tuple[int, int]:
        return (self.matrix.shape[1], self.matrix.shape[0])

    def __matmul__(self, block: FloatArray) -> FloatArray:
        return self.matrix.rmatmul(block)
