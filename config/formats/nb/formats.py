"""Norwegian Bokmål; Django's formats plus medvirk's names (lower case is applied by
medvirk.core.dates)."""

DATE_FORMAT = "j. F Y"  # 8. desember 2026
DATETIME_FORMAT = "j. F Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# medvirk's own names (read by medvirk.core.dates).
WEEKDAY_DATE_FORMAT = "l j. F Y"  # tirsdag 8. desember 2026
WEEKDAY_DATETIME_FORMAT = "l j. F Y H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l j. F"
ABBR_MONTH_DAY_FORMAT = "j. N"  # 8. des. (Språkrådet: jan., feb., mars, april, mai …)
ABBR_DATE_FORMAT = "j. N Y"
ABBR_DATETIME_FORMAT = "j. N Y H:i"
ABBR_WEEKDAY_DAY_MONTH_FORMAT = "D j.n."  # tir 8.12.
ABBR_WEEKDAY_FORMAT = "D"
DAY_FORMAT = "j."
