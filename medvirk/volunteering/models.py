"""Models of the volunteering app."""
