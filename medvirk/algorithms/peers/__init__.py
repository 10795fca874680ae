"""The peer finder: "which municipalities face challenges like ours, and do better on
these indicators?" A pure function over a municipalities × measures matrix (numpy, no
Django). See :mod:`medvirk.algorithms.peers.finder` for the distance it uses."""

from medvirk.algorithms.peers.finder import (
    ContextMeasure,
    MeasureMatch,
    Peer,
    PeerAnswer,
    PeerMatrix,
    TargetGain,
    TargetMeasure,
    find_peers,
    robust_scale,
)

__all__ = [
    "ContextMeasure",
    "MeasureMatch",
    "Peer",
    "PeerAnswer",
    "PeerMatrix",
    "TargetGain",
    "TargetMeasure",
    "find_peers",
    "robust_scale",
]
