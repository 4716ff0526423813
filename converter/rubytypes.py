"""Values that print and compare the way Ruby's Time and Date do.

Jekyll hands Liquid Ruby objects; templates print them (`{{ page.date }}`
gives `2020-01-01 00:00:00 +0000`) and filters format them.  These
subclasses keep Python's arithmetic and add Ruby's `to_s`.
"""

from __future__ import annotations

import datetime as _dt


class RubyTime(_dt.datetime):
    """A timezone-aware datetime whose str() is Ruby's Time#to_s."""

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%d %H:%M:%S ") + utc_offset(self)

    @classmethod
    def wrap(cls, value: _dt.datetime) -> "RubyTime":
        if isinstance(value, cls):
            return value
        return cls(value.year, value.month, value.day, value.hour, value.minute,
                   value.second, value.microsecond, tzinfo=value.tzinfo, fold=value.fold)

    def astimezone(self, tz=None) -> "RubyTime":  # keep the subclass
        return RubyTime.wrap(super().astimezone(tz))


class RubyDate(_dt.date):
    """A calendar date whose str() is Ruby's Date#to_s (ISO 8601)."""

    def __str__(self) -> str:
        return self.isoformat()

    @classmethod
    def wrap(cls, value: _dt.date) -> "RubyDate":
        if isinstance(value, cls):
            return value
        return cls(value.year, value.month, value.day)


def utc_offset(value: _dt.datetime, colon: bool = False) -> str:
    """The `%z` of Ruby: +HHMM (or +HH:MM), +0000 for naive values."""
    offset = value.utcoffset() or _dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{mins:02d}"
