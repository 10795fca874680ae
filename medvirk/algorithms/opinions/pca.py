"""Polis' projection of participants onto two principal components.

Missing votes are imputed by the statement's mean vote, so after centring they are zero
and the centred matrix stays sparse. The components are the two leading eigenvectors of
``CᵀC`` (the same as a PCA of the mean-imputed matrix). Polis' earlier worker filled
missing votes with zeros instead (``imputation="zero"``): then the centre is the column
sum over *all* participants and ``CᵀC = XᵀX − n·ccᵀ``, a rank-one correction that keeps
the work sparse. Either way a participant is projected from the votes they cast, centred
(``Σ (x − c)·component`` over their votes), and the projection is
scaled by ``sqrt(n_statements / n_votes_cast)`` so that participants who voted on few
statements are not all bunched up at the centre (Polis ``sparsity-aware-project-ptpt``).
Like Polis, which zeroes moderated-out columns instead of dropping them, those columns
count in both ``n_statements`` and every participant's ``n_votes_cast``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from medvirk.algorithms.opinions.csr import CsrMatrix
from medvirk.algorithms.opinions.matrix import VoteMatrix
from medvirk.algorithms.opinions.model import FloatArray

N_COMPONENTS = 2
# Up to this many statements the eigenproblem is solved densely.
DIRECT_LIMIT = 60
MAX_POWER_ITERATIONS = 300
POWER_TOLERANCE = 1e-5


@dataclass(frozen=True)
class Projection:
    """Statement means, the components (``2 × n_statements``) and each participant's
    scaled coordinates (``n_participants × 2``)."""

    means: FloatArray
    components: FloatArray
    coordinates: FloatArray


def _orient(components: FloatArray, previous: FloatArray | None) -> FloatArray:
    """Fix each component's sign: agreeing with ``previous`` when given (so that replayed
    maps do not flip), else with its largest entry positive."""
    oriented = components.copy()
    for index, component in enumerate(components):
        if previous is not None and previous.shape == components.shape:
            sign = np.sign(component @ previous[index]) or 1.0
        else:
            sign = np.sign(component[np.argmax(np.abs(component))]) or 1.0
        oriented[index] = sign * component
    return oriented


def _leading_eigenvectors(
    centred: CsrMatrix, previous: FloatArray | None, shift: FloatArray | None = None
) -> FloatArray:
    """The ``N_COMPONENTS`` leading eigenvectors (rows) of ``CᵀC − n·shift·shiftᵀ`` (``n``
    rows; no correction without ``shift``) by subspace (block power) iteration on the
    sparse matrix, never formed densely, as Polis does; it starts from the previous
    components when given, else from a fixed vector, so results are repeatable. Small
    problems are solved directly."""
    n_rows, n_statements = centred.shape
    components = np.zeros((N_COMPONENTS, n_statements))

    def gram(block: FloatArray) -> FloatArray:
        image = np.asarray(centred.T @ (centred @ block))
        if shift is not None:
            image -= n_rows * np.outer(shift, shift @ block)
        return image

    if n_statements <= DIRECT_LIMIT:
        from scipy import linalg  # only here: importing scipy slows every start

        _, vectors = linalg.eigh(gram(np.eye(n_statements)))
        found = vectors[:, ::-1][:, :N_COMPONENTS].T
        components[: len(found)] = found
        return components
    if previous is not None and previous.shape == components.shape and previous.any():
        basis = previous.T + 1e-6
    else:
        basis = np.cos(np.outer(np.arange(1, n_statements + 1), np.arange(1, N_COMPONENTS + 1)))
    basis, _ = np.linalg.qr(basis)
    for _ in range(MAX_POWER_ITERATIONS):
        image = gram(basis)
        small = basis.T @ image
        _values, rotation = np.linalg.eigh((small + small.T) / 2.0)
        rotation = rotation[:, ::-1]
        new_basis, _ = np.linalg.qr(image @ rotation)
        new_basis *= np.sign((new_basis * (basis @ rotation)).sum(axis=0) + 1e-300)
        converged = np.abs(new_basis - basis @ rotation).max() < POWER_TOLERANCE
        basis = new_basis
        if converged:
            break
    return np.asarray(basis.T)


def project(
    matrix: VoteMatrix, previous: FloatArray | None = None, imputation: str = "mean"
) -> Projection:
    """Fit the components on all participants and project every participant; missing
    votes imputed by the statement's mean (``"mean"``) or as zeros (``"zero"``)."""
    n_participants, n_statements = matrix.shape
    totals = np.asarray(matrix.votes.sum(axis=0), dtype=np.float64).ravel()
    if imputation == "zero":
        means = totals / max(n_participants, 1)
    else:
        cast = np.asarray(matrix.voted.sum(axis=0), dtype=np.float64).ravel()
        means = np.divide(totals, cast, out=np.zeros(n_statements), where=cast > 0)
    votes = matrix.votes
    # The cast votes, centred; with zero imputation the missing cells (-mean after
    # centring) enter the components through the rank-one correction instead.
    centred = votes.with_data(votes.data - means[votes.indices])
    if imputation == "zero":
        components = _leading_eigenvectors(votes, previous, shift=means)
    else:
        components = _leading_eigenvectors(centred, previous)
    components = _orient(components, previous)
    counts = np.asarray(matrix.voted.sum(axis=1), dtype=np.float64).ravel()
    zeroed = matrix.n_zeroed
    scale = np.sqrt((n_statements + zeroed) / np.maximum(counts + zeroed, 1.0))
    coordinates = np.asarray(centred @ components.T) * scale[:, np.newaxis]
    return Projection(means=means, components=components, coordinates=coordinates)
