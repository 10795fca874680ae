"""Models of the localdemocracy app."""
