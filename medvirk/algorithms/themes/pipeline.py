"""The whole analysis: set apart, group duplicates, vectorise, cluster, describe.

:func:`analyse` is the one public entry point of the engine (see the package docstring
and ``docs/algorithms/themes.md``). It never deletes an input: every item ends up
either in exactly one theme or in ``not_analysed`` with a reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from medvirk.algorithms.themes.clustering import (
    candidate_ks,
    choose_n_themes,
    spherical_kmeans,
)
from medvirk.algorithms.themes.duplicates import near_duplicate_groups
from medvirk.algorithms.themes.embeddings import Backend, BackendName, select_backend
from medvirk.algorithms.themes.labels import label_words, theme_term_scores
from medvirk.algorithms.themes.model import (
    REASON_MESSAGES,
    Analysis,
    DuplicateGroup,
    FacetShare,
    NotAnalysed,
    NotAnalysedReason,
    Quote,
    TextItem,
    Theme,
)
from medvirk.algorithms.themes.representatives import pick_representatives
from medvirk.algorithms.themes.summary import summarise
from medvirk.algorithms.themes.vectorize import TermMatrix, prepare_texts, tfidf_matrix

ProgressCallback = Callable[[float, str], None]
MAX_QUOTES = 5


def _ignore_progress(fraction: float, stage: str) -> None:
    """The default progress callback: does nothing."""


def _set_apart(item_id: str, reason: NotAnalysedReason) -> NotAnalysed:
    return NotAnalysed(item_id=item_id, reason=reason, message=REASON_MESSAGES[reason])


def _check_ids(items: Sequence[TextItem]) -> None:
    counts = Counter(item.id for item in items)
    repeated = [item_id for item_id, count in counts.items() if count > 1]
    if repeated:
        shown = ", ".join(repeated[:5])
        raise ValueError(f"item ids must be unique; repeated: {shown}")


def _facet_shares(members: Sequence[TextItem]) -> dict[str, list[FacetShare]]:
    counters: dict[str, Counter[str]] = {}
    for item in members:
        for facet, value in item.facets.items():
            counters.setdefault(facet, Counter())[value] += 1
    return {
        facet: [
            FacetShare(value=value, count=count, share=round(count / len(members), 4))
            for value, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for facet, counter in sorted(counters.items())
    }


def analyse(
    items: Sequence[TextItem],
    *,
    n_themes: int | None = None,
    seed: int = 0,
    backend: BackendName | Backend = "auto",
    on_progress: ProgressCallback | None = None,
) -> Analysis:
    """Group ``items`` into themes with labels, quotes, duplicates and a summary.

    ``n_themes`` fixes the number of themes (``None`` chooses it automatically; it is
    capped by the number of distinct texts). ``seed`` makes the result reproducible.
    ``backend`` is ``"auto"``, ``"lsa"``, ``"embedding"`` or a :class:`Backend`.
    ``on_progress(fraction, stage)`` is called as the stages complete. Raises
    :class:`ValueError` on repeated ids or a non-positive ``n_themes``.
    """
    progress = on_progress or _ignore_progress
    _check_ids(items)
    if n_themes is not None and n_themes < 1:
        raise ValueError(f"n_themes must be at least 1, got {n_themes}")
    engine = select_backend(backend) if isinstance(backend, str) else backend

    progress(0.0, "preparing")
    prepared = prepare_texts([item.text for item in items])
    not_analysed: list[NotAnalysed] = []
    kept: list[int] = []
    for index, item in enumerate(items):
        if not item.text.strip():
            not_analysed.append(_set_apart(item.id, "empty"))
        elif prepared.written_forms[index] == "other":
            not_analysed.append(_set_apart(item.id, "other_language"))
        elif not prepared.stems[index]:
            not_analysed.append(_set_apart(item.id, "no_content_words"))
        else:
            kept.append(index)

    progress(0.2, "finding duplicates")
    groups = near_duplicate_groups([prepared.tokens[i] for i in kept], seed=seed)
    group_members: dict[int, list[int]] = {}
    for position, group in enumerate(groups.tolist()):
        group_members.setdefault(group, []).append(kept[position])
    all_groups = list(group_members.values())  # item indices, representative first
    leaders = [members[0] for members in all_groups]
    weights = np.asarray([len(members) for members in all_groups], dtype=np.float32)

    progress(0.35, "vectorising")
    terms = tfidf_matrix([prepared.stems[i] for i in leaders], row_weights=weights)
    vectors = engine.vectors([prepared.contents[i] for i in leaders], terms, seed)
    usable = np.flatnonzero(np.linalg.norm(vectors, axis=1) > 0)
    for row in np.setdiff1d(np.arange(len(leaders)), usable).tolist():
        not_analysed.extend(_set_apart(items[i].id, "no_known_words") for i in all_groups[row])

    themes: list[Theme] = []
    duplicates: list[DuplicateGroup] = []
    if len(usable) > 0:
        progress(0.5, "choosing the number of themes")
        unit = vectors[usable]
        if n_themes is None:
            # The number of inputs (copies included) sets how many themes a reader expects;
            # the distinct texts bound it (choose_n_themes skips k beyond them).
            k, _ = choose_n_themes(unit, candidate_ks(int(weights[usable].sum())), seed=seed)
        else:
            k = n_themes
        progress(0.65, "clustering")
        clustering = spherical_kmeans(unit, k, seed=seed, weights=weights[usable])
        progress(0.85, "describing themes")
        themes = _describe(
            items,
            prepared.display,
            terms,
            unit,
            usable,
            weights,
            all_groups,
            clustering.labels,
            clustering.centroids,
        )
        duplicates = [
            DuplicateGroup(
                representative_id=items[all_groups[row][0]].id,
                member_ids=[items[i].id for i in all_groups[row]],
                count=len(all_groups[row]),
                representative_text=items[all_groups[row][0]].text,
            )
            for row in usable.tolist()
            if len(all_groups[row]) > 1
        ]
        duplicates.sort(key=lambda group: -group.count)

    progress(1.0, "done")
    not_analysed.sort(key=lambda entry: entry.item_id)
    forms = Counter(prepared.written_forms[i] for i in kept)
    return Analysis(
        n_items=len(items),
        n_analysed=sum(theme.size for theme in themes),
        n_themes=len(themes),
        backend=engine.name,
        seed=seed,
        written_forms=dict(sorted(forms.items())),
        themes=themes,
        duplicates=duplicates,
        not_analysed=not_analysed,
        summary=summarise(items, themes, duplicates, not_analysed),
    )


def _describe(
    items: Sequence[TextItem],
    display: dict[str, str],
    terms: TermMatrix,
    unit: np.ndarray,
    usable: np.ndarray,
    weights: np.ndarray,
    groups: list[list[int]],
    labels: np.ndarray,
    centroids: np.ndarray,
) -> list[Theme]:
    """Themes sorted by size (largest first), numbered from 1."""
    n_clusters = len(centroids)
    scores = theme_term_scores(
        TermMatrix(matrix=terms.matrix[usable], terms=terms.terms),
        labels,
        weights[usable],
        n_clusters,
    )
    sizes = np.bincount(labels, weights=weights[usable], minlength=n_clusters)
    total = float(sizes.sum())
    order = np.argsort(-sizes, kind="stable")
    themes = []
    for number, cluster in enumerate(order.tolist(), start=1):
        rows = np.flatnonzero(labels == cluster)
        member_indices = sorted(i for row in rows.tolist() for i in groups[usable[row]])
        picks = pick_representatives(unit[rows], centroids[cluster], count=MAX_QUOTES)
        quoted = [items[groups[usable[rows[p]]][0]] for p in picks]
        quotes = [Quote(item_id=item.id, text=item.text) for item in quoted]
        words = label_words(scores[cluster], terms, display)
        themes.append(
            Theme(
                number=number,
                label=", ".join(words),
                label_words=words,
                size=len(member_indices),
                share=round(len(member_indices) / total, 4),
                member_ids=[items[i].id for i in member_indices],
                facet_shares=_facet_shares([items[i] for i in member_indices]),
                quotes=quotes,
            )
        )
    return themes
