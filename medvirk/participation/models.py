"""Models of the participation app."""
