"""English as read in Norway: day before month, 24-hour clock, no US order."""

DATE_FORMAT = "j F Y"  # 8 December 2026
DATETIME_FORMAT = "j F Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"  # 8 December
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# medvirk's own names (read by medvirk.core.dates).
WEEKDAY_DATE_FORMAT = "l j F Y"  # Tuesday 8 December 2026
WEEKDAY_DATETIME_FORMAT = "l j F Y H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l j F"  # Tuesday 8 December
ABBR_MONTH_DAY_FORMAT = "j M"  # 8 Dec
ABBR_DATE_FORMAT = "j M Y"  # 8 Dec 2026
ABBR_DATETIME_FORMAT = "j M Y H:i"
ABBR_WEEKDAY_DAY_MONTH_FORMAT = "D j/n"  # Tue 8/12
ABBR_WEEKDAY_FORMAT = "D"  # Tue
DAY_FORMAT = "j"  # 8
