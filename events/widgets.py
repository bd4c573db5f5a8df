"""The course schedule's rule as the rest of Wagtail's admin asks for things: plain form fields.

django-recurrence's own widget is a jQuery calendar of its own that broke the page editor's
layout (the second schedule was pushed sideways and cut off, the page scrolled), showed no
weekday for a weekly rule and was hard to use by keyboard. This widget asks for the same rule
in server-rendered fields (how often, every how many, on which weekdays, how many sessions or
until when) and writes it as django-recurrence's text, so the stored value and
``events.schedules`` stay as they are. Parts of a rule it cannot show (a second rule, extra
or excluded dates from older data) travel in a hidden field and are kept unchanged; the
course's exceptions are the editors' way to cancel or move a session.

Below the fields, ``static/events/schedule-editor.js`` shows the sessions the rule will
create, with the public and school holidays of the place's Land (``events.days_off``).
"""

from datetime import UTC, date, datetime, time

import recurrence
from django import forms
from django.urls import reverse
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from events.schedules import LOCAL_TZ

FREQUENCIES = [
    ("", _("No further sessions")),
    ("WEEKLY", _("Weekly")),
    ("DAILY", _("Daily")),
    ("MONTHLY", _("Monthly")),
    ("YEARLY", _("Yearly")),
]
FREQUENCY_NUMBERS = {name: getattr(recurrence, name) for name, _label in FREQUENCIES if name}
FREQUENCY_NAMES = {number: name for name, number in FREQUENCY_NUMBERS.items()}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MAX_COUNT = 400  # events.models.courses.MAX_SESSIONS_PER_SCHEDULE
SUFFIXES = ("freq", "interval", "byday", "count", "until", "rest")


def _positive(value, upper):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= upper else None


def _date(value):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def as_recurrence(value):
    """A stored or submitted value as a ``Recurrence`` (empty for nothing or nonsense)."""
    if isinstance(value, recurrence.Recurrence):
        return value
    try:
        return recurrence.deserialize(value or "")
    except (recurrence.exceptions.DeserializationError, ValueError):
        return recurrence.Recurrence()


def until_date(rule):
    """The last day of a rule's series, as a Berlin date."""
    if not rule.until:
        return None
    until = rule.until
    if until.tzinfo is not None:
        until = until.astimezone(LOCAL_TZ)
    return until.date()


def rule_from(data, name):
    """The rule's text from the submitted fields ``<name>_freq``, ``<name>_interval`` …"""
    frequency = FREQUENCY_NUMBERS.get(data.get(f"{name}_freq", ""))
    rest = as_recurrence(data.get(f"{name}_rest", ""))
    rules = list(rest.rrules)
    if frequency is not None:
        days = [code for code in data.getlist(f"{name}_byday") if code in WEEKDAY_CODES]
        last = _date(data.get(f"{name}_until"))
        rule = recurrence.Rule(
            frequency,
            interval=_positive(data.get(f"{name}_interval"), 99) or 1,
            count=_positive(data.get(f"{name}_count"), MAX_COUNT),
            # Noon in Berlin: the same date whatever time zone reads it (events.schedules
            # includes the whole day).
            until=datetime.combine(last, time(12), tzinfo=LOCAL_TZ) if last else None,
            byday=[getattr(recurrence, code) for code in days]
            if frequency == recurrence.WEEKLY
            else [],
        )
        rules.insert(0, rule)
    text = recurrence.serialize(
        recurrence.Recurrence(
            rrules=rules, exrules=rest.exrules, rdates=rest.rdates, exdates=rest.exdates
        )
    )
    if frequency is not None and rule.count and rule.until:
        # django-recurrence writes only the count of a rule given both; keep the date too,
        # so that CourseSchedule.clean asks the editor which one they meant.
        first, newline, others = text.partition("\n")
        until = rule.until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        text = f"{first};UNTIL={until}{newline}{others}"
    return text


class ScheduleRuleWidget(forms.Widget):
    template_name = "events/widgets/schedule_rule.html"

    class Media:
        js = ["events/schedule-editor.js"]
        css = {"all": ["events/schedule-editor.css"]}

    def value_from_datadict(self, data, files, name):
        return rule_from(data, name)

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_freq" not in data

    def id_for_label(self, id_):
        return f"{id_}_freq" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        parsed = as_recurrence(value)
        rules = list(parsed.rrules)
        rule = rules.pop(0) if rules else None
        rest = recurrence.Recurrence(
            rrules=rules, exrules=parsed.exrules, rdates=parsed.rdates, exdates=parsed.exdates
        )
        chosen = {WEEKDAY_CODES[day.number] for day in (rule.byday if rule else [])}
        last = until_date(rule) if rule else None
        context["rule"] = {
            "id": context["widget"]["attrs"].get("id", ""),
            "prefix": name.removesuffix("-recurrence"),
            "frequency": FREQUENCY_NAMES.get(rule.freq, "") if rule else "",
            "frequencies": FREQUENCIES,
            "interval": rule.interval if rule and rule.interval != 1 else 1,
            "count": rule.count if rule and rule.count else "",
            "until": last.isoformat() if last else "",
            "weekdays": [
                {"code": code, "label": WEEKDAYS[number], "checked": code in chosen}
                for number, code in enumerate(WEEKDAY_CODES)
            ],
            "rest": recurrence.serialize(rest),
            "max_count": MAX_COUNT,
            "preview_url": reverse("course_schedule_preview"),
        }
        return context
