"""Participatory budgeting engine: pabulib files in and out, greedy and the Method of Equal Shares.

Pure Python + numpy; never imports Django. Entry points:

* :func:`medvirk.algorithms.pb.pabulib.read_pabulib` / :func:`~.pabulib.write_pabulib`;
* :func:`medvirk.algorithms.pb.rules.compute_outcome` (and the rules it dispatches to);
* the ``medvirk pb`` command line in :mod:`medvirk.algorithms.pb.cli`.
"""
