"""medvirk: local democracy and citizen participation for Norwegian municipalities."""

__version__ = "0.1.0"
