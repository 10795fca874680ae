"""medvirk's date formats per language (FORMAT_MODULE_PATH), over Django's own.

Besides Django's named formats, each module names the formats medvirk's pages use;
``medvirk.core.dates.format_date`` (and the ``|datefmt`` template filter) read them and
write month and day names in lower case in nb and nn, as Norwegian does."""
