"""Opinion mapping in the manner of Pol.is: groups of opinion, representative statements,
consensus and divisive statements, computed from agree/disagree/pass votes.

Pure Python with numpy (and scipy where it pays); never imports Django. The entry points are
:func:`medvirk.algorithms.opinions.pipeline.analyze` (one snapshot of the votes) and
:func:`medvirk.algorithms.opinions.replay.replay` (the vote history in time order, as
Polis' math worker saw it).
"""
