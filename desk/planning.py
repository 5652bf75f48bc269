"""The planning calendar: what goes (or went) live when, by week or by month, in
Brussels time, for every publishable model the user may view. What is scheduled when
is ``workflow.schedule.entries()``, which the schedule form's clash warning and the
private iCalendar feed read too."""

import datetime
import zoneinfo
from dataclasses import dataclass

from workflow.schedule import entries, viewable_models  # noqa: F401  (the calendar's API)

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def local_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=BRUSSELS)


@dataclass
class Period:
    """A week (Monday to Sunday) or a month, in Brussels dates."""

    view: str
    first: datetime.date  # first day shown
    last: datetime.date  # last day shown
    anchor: datetime.date  # the day asked for

    @classmethod
    def around(cls, view, day):
        if view == "month":
            start = day.replace(day=1)
            following = (start + datetime.timedelta(days=32)).replace(day=1)
            first = start - datetime.timedelta(days=start.weekday())
            end = following - datetime.timedelta(days=1)
            last = end + datetime.timedelta(days=6 - end.weekday())
            return cls("month", first, last, day)
        first = day - datetime.timedelta(days=day.weekday())
        return cls("week", first, first + datetime.timedelta(days=6), day)

    @property
    def start(self):
        return local_midnight(self.first)

    @property
    def end(self):
        return local_midnight(self.last + datetime.timedelta(days=1))

    def days(self):
        day = self.first
        while day <= self.last:
            yield day
            day += datetime.timedelta(days=1)

    def previous(self):
        if self.view == "month":
            return (self.anchor.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        return self.anchor - datetime.timedelta(days=7)

    def next(self):
        if self.view == "month":
            return (self.anchor.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return self.anchor + datetime.timedelta(days=7)

    def in_month(self, day):
        return self.view != "month" or day.month == self.anchor.month


def by_day(period, found, today):
    """[(day, [entries]), ...] for every day of the period; weeks for a month."""
    days = {day: [] for day in period.days()}
    for entry in found:
        local_day = entry.local.date()
        if local_day in days:
            days[local_day].append(entry)
    cells = [
        {
            "day": day,
            "entries": items,
            "today": day == today,
            "outside": not period.in_month(day),
        }
        for day, items in days.items()
    ]
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]
