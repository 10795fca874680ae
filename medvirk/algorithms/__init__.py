"""Pure algorithm packages. Nothing below this package may import Django.

Each family (``pb``, ``opinions``, ``themes``, ``peers``, ``geo``, ...) keeps one
calling convention and ships its own command-line registration in ``cli.py``.
"""
