"""Helpers shared by the test suites (no Django needed to import this package)."""
