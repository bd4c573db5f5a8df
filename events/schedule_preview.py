"""The course editor's preview of a schedule: the sessions its rule creates, before publishing.

``static/events/schedule-editor.js`` sends the schedule's fields as they stand in the form
(nothing is saved) together with the course's place and the exceptions already entered; this
view plans the sessions with the same code the published course uses (``events.schedules``)
and marks those that fall on a public holiday or in the school holidays of the place's Land,
so that a course in Kassel across Easter does not silently meet on Karfreitag. Each marked
session offers to become a cancellation in one click (the script fills in an exception).
"""

from datetime import date, time
from types import SimpleNamespace

from django.shortcuts import render
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from directory.models import Place
from events.days_off import days_off, state_code
from events.models.courses import MAX_SESSIONS_PER_SCHEDULE
from events.schedules import plan_schedule
from events.widgets import as_recurrence, rule_from

SHOWN_ROWS = 120


def _date(value):
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _time(value):
    try:
        return time.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _exceptions(values):
    """The exceptions entered in the form, each sent as ``date|place id|action``."""
    found = []
    for value in values:
        day, _sep, rest = value.partition("|")
        place, _sep, action = rest.partition("|")
        if _date(day):
            found.append(
                SimpleNamespace(
                    date=_date(day),
                    place_id=_number(place),
                    action="move" if action == "move" else "cancel",
                    translation_key=None,
                    new_date=None,
                    new_start_time=None,
                    new_place_id=None,
                )
            )
    return found


def _place(place_id):
    if place_id is None:
        return None
    return Place.objects.select_related("district").filter(pk=place_id).first()


@require_safe
def schedule_preview(request):
    data = request.GET
    prefix = data.get("prefix", "")
    first_date = _date(data.get(f"{prefix}-first_date"))
    start_time = _time(data.get(f"{prefix}-start_time"))
    if first_date is None or start_time is None:
        return render(request, "events/admin/schedule_preview.html", {"waiting": True})
    rule = as_recurrence(rule_from(data, f"{prefix}-recurrence"))
    if any(not (r.count or r.until) for r in rule.rrules):
        return render(
            request,
            "events/admin/schedule_preview.html",
            {"problem": _("Give the series an end: a number of sessions or a last date.")},
        )
    if any(r.count and r.until for r in rule.rrules):
        return render(
            request,
            "events/admin/schedule_preview.html",
            {"problem": _("Give either the number of sessions or the last date, not both.")},
        )
    own_place = _number(data.get(f"{prefix}-place"))
    place = _place(own_place or _number(data.get("course_place")))
    schedule = SimpleNamespace(
        key="preview",
        first_date=first_date,
        start_time=start_time,
        duration=max(_number(data.get(f"{prefix}-duration")) or 0, 0),
        recurrence=rule,
        place_id=place.pk if place else None,
    )
    sessions = plan_schedule(
        schedule,
        default_place_id=None,
        exceptions=_exceptions(data.getlist("exception")),
        limit=MAX_SESSIONS_PER_SCHEDULE,
    )
    state_name = place.district.state if place and place.district else ""
    state = state_code(state_name)
    off = days_off(state, {s.original_start.year for s in sessions})
    rows = []
    for session in sessions:
        day = session.original_start.date()
        rows.append(
            {
                "session": session,
                "days_off": off.get(day, []),
                "offer": bool(off.get(day)) and not (session.cancelled or session.moved),
                "reason": ", ".join(d.name for d in off.get(day, [])),
            }
        )
    flagged = [row for row in rows if row["offer"]]
    weekdays = sorted({s.original_start.weekday() for s in sessions})
    context = {
        "rows": rows[:SHOWN_ROWS],
        "more": max(len(rows) - SHOWN_ROWS, 0),
        "count": len(sessions),
        "summary": ngettext("%(count)s session", "%(count)s sessions", len(sessions))
        % {"count": len(sessions)},
        "first": sessions[0] if sessions else None,
        "last": sessions[-1] if sessions else None,
        "weekdays": ", ".join(str(WEEKDAYS[number]) for number in weekdays),
        "off_first_day": bool(sessions) and sessions[0].original_start.date() != first_date,
        "first_date": first_date,
        "flagged": flagged,
        "place": place,
        "state": state,
        "state_name": state_name,
        "exception_place": own_place or "",
    }
    return render(request, "events/admin/schedule_preview.html", context)
