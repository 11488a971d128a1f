"""Workers' feedback: surveys, free comments ("tell the centre") and their themes.

Anonymous by default. A `Response` or `Comment` carries a member only when the
worker asked to be contacted about it; otherwise nothing in the row, the audit trail
or the logs leads back to the person: rows hold the date only (never the time, which
could be matched against access logs), no account, no visit, no kiosk.

Channels: a member with an account on their phone, the entrance kiosk after a
check-in (one answer per check-in, by a one-use ticket), and staff entering paper
forms. Free text is read by the manager and social workers only, who code it into
decent-work-deficit and service `ThemeCode`s with a sentiment; the committee receives
theme counts, and verbatim text only where the worker ticked "may be shared" and a
staff member approved a redacted version.
"""
