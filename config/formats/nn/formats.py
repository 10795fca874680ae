"""Norwegian Nynorsk: written dates look as in Bokmål (the names differ, "tysdag", and
come from Django's catalogue), so the formats are Bokmål's."""

from config.formats.nb.formats import *  # noqa: F403
