"""Date and time formats shared by every interface language.

Dates read the same way in every language: day, month name, four-digit year
("29 Nov 2026", "29 نوفمبر 2026"), never a numeric day/month order that one reader
takes for the other (12/04/2026). Times use the 24-hour clock. Form inputs render ISO
8601 first, which is what `<input type="date">` and `datetime-local` need.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-11-29
    "%d %b %Y",  # 29 Nov 2026
    "%d %B %Y",  # 29 November 2026
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",  # what <input type="datetime-local"> sends
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
]
