"""Polis' projection of participants onto two principal components.

Missing votes are imputed by the statement's mean vote, so after centring they are zero
and the centred matrix stays sparse. The components are the two leading eigenvectors of
``CᵀC`` (the same as a PCA of the mean-imputed matrix). A participant's projection is
scaled by ``sqrt(n_statements / n_votes_cast)`` so that participants who voted on few
statements are not all bunched up at the centre (Polis ``sparsity-aware-project-ptpt``).
Like Polis, which zeroes moderated-out columns instead of dropping them, those columns
count in both ``n_statements`` and every participant's ``n_votes_cast``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg, sparse

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


def _leading_eigenvectors(centred: sparse.csr_matrix, previous: FloatArray | None) -> FloatArray:
    """The ``N_COMPONENTS`` leading eigenvectors of ``CᵀC`` (rows) by subspace (block
    power) iteration on the sparse matrix, never formed densely, as Polis does; it
    starts from the previous components when given, else from a fixed vector, so results
    are repeatable. Small problems are solved directly."""
    n_statements = centred.shape[1]
    components = np.zeros((N_COMPONENTS, n_statements))
    if n_statements <= DIRECT_LIMIT:
        _, vectors = linalg.eigh((centred.T @ centred).toarray())
        found = vectors[:, ::-1][:, :N_COMPONENTS].T
        components[: len(found)] = found
        return components
    if previous is not None and previous.shape == components.shape and previous.any():
        basis = previous.T + 1e-6
    else:
        basis = np.cos(np.outer(np.arange(1, n_statements + 1), np.arange(1, N_COMPONENTS + 1)))
    basis, _ = np.linalg.qr(basis)
    for _ in range(MAX_POWER_ITERATIONS):
        image = centred.T @ (centred @ basis)
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


def project(matrix: VoteMatrix, previous: FloatArray | None = None) -> Projection:
    """Fit the components on all participants and project every participant."""
    _n_participants, n_statements = matrix.shape
    cast = np.asarray(matrix.voted.sum(axis=0), dtype=np.float64).ravel()
    totals = np.asarray(matrix.votes.sum(axis=0), dtype=np.float64).ravel()
    means = np.divide(totals, cast, out=np.zeros(n_statements), where=cast > 0)
    votes = matrix.votes
    centred = sparse.csr_matrix(
        (votes.data - means[votes.indices], votes.indices, votes.indptr), shape=votes.shape
    )
    components = _orient(_leading_eigenvectors(centred, previous), previous)
    counts = np.asarray(matrix.voted.sum(axis=1), dtype=np.float64).ravel()
    zeroed = matrix.n_zeroed
    scale = np.sqrt((n_statements + zeroed) / np.maximum(counts + zeroed, 1.0))
    coordinates = np.asarray(centred @ components.T) * scale[:, np.newaxis]
    return Projection(means=means, components=components, coordinates=coordinates)
