"""The admin's dashboard: what an editor of the portal checks each morning.

Wagtail's own dashboard lists counts of pages, images and documents and the editor's last
edits; the portal's editors start their day with other questions: how full are the next
events and courses, what waits for their review, which translations fell behind the German
page, which offers nobody has looked at for a long time. Each panel below answers one.

It lives in ``editorial`` (the top layer) because it reads events, registrations,
programmes and the translation status at once. Every panel builds its data in a fixed
number of queries, however many events, pages or registrations there are: rows are
fetched together and counts are aggregated by the database, never read per row.

Personal data stays where it is: the panels show counts of registrations, never a name;
the link to the list of registrations (with names) appears only for people who may see it
(``registrations.view_registration``, the group "Veranstaltungsorganisation").
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import TruncDate
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Locale, Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import TranslationSource

from core.request_memo import memo
from editorial.chart import LineChart
from events.models import CalendarPage, CoursePage, CourseSchedule, EventIndexPage, EventStatus
from events.schedules import LOCAL_TZ
from localization import status
from programmes.models import ProgrammeIndexPage, ProgrammePage
from registrations.models import Registration
from registrations.wagtail_hooks import registration_viewset

UPCOMING_LIMIT = 10
CHART_EVENTS = 3
CHART_WEEKS = 8
OUTDATED_LIMIT = 10
STALE_LIMIT = 8

page_policy = PagePermissionPolicy()


def default_locale():
    return Locale.get_default()


def editable_pages(user):
    """The pages ``user`` may edit, as a queryset to filter by (a subquery, not a list)."""
    return page_policy.instances_user_has_permission_for(user, "change")


def may_edit_below(user, model):
    """Whether ``user`` may edit a German page of type ``model`` (the calendar, the finder):
    the people for whom an empty panel still says something ("nothing to do")."""
    return model.objects.filter(
        locale=default_locale(), pk__in=editable_pages(user).values("pk")
    ).exists()


# --- registrations -------------------------------------------------------------------------


def booked(now):
    """Registrations that hold a place (the rule the bookings themselves follow)."""
    return Registration.objects.holding_places(now)


def waiting(now):
    """Registrations on the waiting list, as long as they may still move up: confirmed, or
    unconfirmed within their hold time (after it they expire, as a booked place does)."""
    return Registration.objects.filter(status=Registration.Status.WAITING).filter(
        Q(email_confirmed_at__isnull=False) | Q(hold_until__gt=now)
    )


def counted(now):
    """What the chart counts: booked and waiting registrations, as the table counts them."""
    return booked(now) | waiting(now)


@dataclass
class EventRow:
    page: CalendarPage
    next_start: datetime
    last_end: datetime
    upcoming_sessions: int
    booked: int
    waiting: int
    edit_url: str = ""
    registrations_url: str = ""
    group_places: int | None = None  # a course's groups, when every group has its limit

    @property
    def is_course(self):
        return issubclass(self.page.specific_class, CoursePage)

    @property
    def kind(self):
        return self.page.specific_class._meta.verbose_name

    @property
    def places(self):
        """The places there are: the overall limit, or the course groups' together, or
        the smaller of the two (None: no limit)."""
        limits = [
            limit
            for limit in (self.page.registration_capacity, self.group_places)
            if limit is not None
        ]
        return min(limits) if limits else None

    @property
    def places_left(self):
        if self.places is None:
            return None
        return max(self.places - self.booked, 0)

    @property
    def is_full(self):
        return self.places is not None and self.booked >= self.places

    @property
    def status_label(self):
        """The page's own status where it is not the usual one (cancelled, postponed …)."""
        if self.page.status in (EventStatus.SCHEDULED, EventStatus.FULLY_BOOKED):
            return ""
        return self.page.get_status_display()

    @property
    def when(self):
        start = timezone.localtime(self.next_start, LOCAL_TZ)
        end = timezone.localtime(self.last_end, LOCAL_TZ)
        if self.is_course:
            return format_lazy(
                _("Next session {date}, {count} sessions until {last}"),
                date=date_format(start, "SHORT_DATETIME_FORMAT"),
                count=self.upcoming_sessions,
                last=date_format(end, "SHORT_DATE_FORMAT"),
            )
        if start.date() == end.date():
            return date_format(start, "SHORT_DATETIME_FORMAT")
        return format_lazy(
            _("{start} to {end}"),
            start=date_format(start, "SHORT_DATETIME_FORMAT"),
            end=date_format(end, "SHORT_DATE_FORMAT"),
        )


def upcoming_events(user, now=None, limit=UPCOMING_LIMIT):
    """The next events and courses taking registrations that ``user`` may edit or whose
    registrations they may see, soonest first, with their counts: three queries."""
    now = now or timezone.now()
    can_see_registrations = user.has_perm("registrations.view_registration")
    pages = CalendarPage.objects.filter(
        locale=default_locale(), live=True, registration_enabled=True
    )
    if not can_see_registrations:
        pages = pages.filter(pk__in=editable_pages(user).values("pk"))
    pages = list(
        pages.annotate(
            next_start=Min("sessions__starts_at", filter=Q(sessions__ends_at__gte=now)),
            last_end=Max("sessions__ends_at"),
            upcoming_sessions=Count("sessions", filter=Q(sessions__ends_at__gte=now)),
        )
        .filter(next_start__isnull=False)
        .select_related("content_type")
        .order_by("next_start", "pk")[:limit]
    )
    ids = [page.pk for page in pages]
    booked_by_page = _count_by_page(booked(now).filter(page_id__in=ids))
    waiting_by_page = _count_by_page(waiting(now).filter(page_id__in=ids))
    group_places = _group_places(ids)
    editable = set(editable_pages(user).filter(pk__in=ids).values_list("pk", flat=True))
    index_url = reverse(registration_viewset.get_url_name("index"))
    rows = []
    for page in pages:
        rows.append(
            EventRow(
                page=page,
                next_start=page.next_start,
                last_end=page.last_end,
                upcoming_sessions=page.upcoming_sessions,
                booked=booked_by_page.get(page.pk, 0),
                waiting=waiting_by_page.get(page.pk, 0),
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk])
                if page.pk in editable
                else "",
                registrations_url=f"{index_url}?page={page.pk}" if can_see_registrations else "",
                group_places=group_places.get(page.pk),
            )
        )
    return rows


def _group_places(ids):
    """{course page id: the places of its groups together}, for courses whose every
    schedule (group) has a limit of its own: one query."""
    limits = {}
    for page_id, capacity in CourseSchedule.objects.filter(page_id__in=ids).values_list(
        "page_id", "capacity"
    ):
        limits.setdefault(page_id, []).append(capacity)
    return {
        page_id: sum(capacities) for page_id, capacities in limits.items() if None not in capacities
    }


def _count_by_page(registrations):
    return dict(
        registrations.order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values_list("page_id", "n")
    )


# --- the chart -----------------------------------------------------------------------------


def week_points(today, weeks=CHART_WEEKS):
    """The days the chart counts up to: today and the same weekday of the weeks before."""
    return [today - timedelta(weeks=weeks - i) for i in range(weeks + 1)]


def registration_chart(rows, now=None, events=CHART_EVENTS, weeks=CHART_WEEKS):
    """Registrations received so far for the next ``events`` events with any (else the next
    ones at all), counted up to each week's day: one query."""
    now = now or timezone.now()
    today = timezone.localtime(now, LOCAL_TZ).date()
    chosen = [row for row in rows if row.booked or row.waiting][:events] or rows[:events]
    if not chosen:
        return None
    days = week_points(today, weeks)
    per_day = {}
    for page_id, day, n in (
        counted(now)
        .filter(page_id__in=[row.page.pk for row in chosen])
        .order_by()
        .annotate(day=TruncDate("created_at", tzinfo=LOCAL_TZ))
        .values("page_id", "day")
        .annotate(n=Count("pk"))
        .values_list("page_id", "day", "n")
    ):
        per_day.setdefault(page_id, []).append((day, n))
    series = []
    for row in chosen:
        counts = per_day.get(row.page.pk, [])
        series.append(
            (row.page.title, [sum(n for day, n in counts if day <= point) for point in days])
        )
    labels = [date_format(day, "d.m.") for day in days]
    chart = LineChart(labels, series)
    chart.dates = [date_format(day, "SHORT_DATE_FORMAT") for day in days]
    chart.table_rows = list(
        zip(chart.dates, [values for _label, values in chart.rows()], strict=True)
    )
    return chart


# --- waiting for review --------------------------------------------------------------------


@dataclass
class Review:
    title: str
    page_id: int
    locale: Locale | None
    task: str
    submitted_by: str
    submitted_at: datetime
    edit_url: str
    preview_url: str


def may_approve(user):
    return user.is_superuser or (
        GroupApprovalTask.objects.filter(active=True, groups__in=user.groups.all()).exists()
    )


def reviews_for(user):
    """Pages in a moderation workflow waiting at a task ``user`` may approve, oldest first:
    a query per approval task (Wagtail's ``reviewable_by``), one for their pages' locales."""
    states = list(
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type__model="page")
        .select_related("task", "revision__user", "workflow_state__requested_by")
        .order_by("started_at", "pk")
    )
    page_ids = [int(state.workflow_state.object_id) for state in states]
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    page_locales = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "locale_id"))
    reviews = []
    for state, page_id in zip(states, page_ids, strict=True):
        if page_id not in page_locales:
            continue  # the page was deleted while in the workflow
        requested_by = state.workflow_state.requested_by or state.revision.user
        reviews.append(
            Review(
                title=state.revision.object_str,
                page_id=page_id,
                locale=locales.get(page_locales[page_id]),
                task=state.task.name,
                submitted_by=requested_by.get_full_name() or requested_by.get_username()
                if requested_by
                else "",
                submitted_at=state.workflow_state.created_at,
                edit_url=reverse("wagtailadmin_pages:edit", args=[page_id]),
                preview_url=reverse(
                    "wagtailadmin_pages:workflow_preview", args=[page_id, state.task_id]
                ),
            )
        )
    return reviews


# --- outdated translations -----------------------------------------------------------------


@dataclass
class OutdatedTranslation:
    page: Page
    cell: status.Cell

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.cell.translated_page_id])

    @property
    def report_url(self):
        return f"{reverse('localization_status_report')}?language={self.cell.locale.language_code}"


def outdated_translations():
    """Translations behind their German page, longest behind first: the translation
    report's own rows (``localization.status``), for the German pages with a source in
    wagtail-localize (the others cannot be outdated). A fixed number of queries."""
    source = status.source_locale()
    locales = status.target_locales(source)
    pages = status.german_pages(source, None).filter(
        translation_key__in=TranslationSource.objects.filter(locale=source).values("object_id")
    )
    rows = status.build_rows(pages, source, locales, [])
    found = [
        OutdatedTranslation(row.page, cell)
        for row in rows
        for cell in row.cells
        if cell.status == status.OUTDATED
    ]
    found.sort(key=lambda item: (item.cell.since or date.max, item.page.path))
    return found


# --- offers not updated for a long time ----------------------------------------------------


def months_before(day, months):
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def stale_before(now=None):
    """The moment before which an offer counts as not updated for a long time."""
    now = now or timezone.now()
    return months_before(now, settings.PORTAL_STALE_OFFER_MONTHS)


def stale_offers(offers, now=None):
    """The staleness rule, in one place: live offers last published before
    ``stale_before``, oldest first, each with ``updated_at``, the date the rule looked at
    (a later "last checked" date per offer changes this function only)."""
    return (
        offers.filter(live=True, last_published_at__lt=stale_before(now))
        .annotate(updated_at=F("last_published_at"))
        .order_by("last_published_at", "pk")
    )


def stale_programmes(user, now=None, limit=STALE_LIMIT):
    """The German programme pages ``user`` may edit that are stale, and how many: two
    queries."""
    offers = ProgrammePage.objects.filter(
        locale=default_locale(), pk__in=editable_pages(user).values("pk")
    )
    stale = stale_offers(offers, now)
    return list(stale.only("id", "title", "last_published_at")[:limit]), stale.count()


# --- the panels ----------------------------------------------------------------------------


class DashboardPanel(Component):
    """A panel that shows only where it has something to say to this user."""

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["request"] = parent_context["request"]
        context.update(self.panel_data(parent_context["request"]))
        return context

    def panel_data(self, request):
        raise NotImplementedError

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context.get("shown"):
            return ""
        return get_template(self.template_name).render(context)


def events_for(user):
    """The upcoming events' rows, read once per request (the table and the chart)."""
    return memo(("dashboard-events", user.pk), lambda: upcoming_events(user))


class UpcomingEventsPanel(DashboardPanel):
    name = "portal_upcoming_events"
    template_name = "editorial/dashboard/upcoming_events.html"
    order = 100

    def panel_data(self, request):
        rows = events_for(request.user)
        shown = bool(rows) or request.user.has_perm("registrations.view_registration")
        if not shown:
            shown = may_edit_below(request.user, EventIndexPage)
        return {"rows": rows, "shown": shown}


class RegistrationChartPanel(DashboardPanel):
    name = "portal_registration_chart"
    template_name = "editorial/dashboard/chart.html"
    order = 110

    def panel_data(self, request):
        chart = registration_chart(events_for(request.user))
        return {"chart": chart, "shown": chart is not None, "weeks": CHART_WEEKS}


class ReviewPanel(DashboardPanel):
    name = "portal_reviews"
    template_name = "editorial/dashboard/reviews.html"
    order = 120

    def panel_data(self, request):
        reviews = reviews_for(request.user)
        return {"reviews": reviews, "shown": bool(reviews) or may_approve(request.user)}


class OutdatedTranslationsPanel(DashboardPanel):
    name = "portal_outdated_translations"
    template_name = "editorial/dashboard/outdated_translations.html"
    order = 130

    def panel_data(self, request):
        user = request.user
        if not (user.is_superuser or user.has_perm("wagtail_localize.submit_translation")):
            return {"shown": False}
        found = outdated_translations()
        return {
            "translations": found[:OUTDATED_LIMIT],
            "total": len(found),
            "report_url": reverse("localization_status_report"),
            "shown": True,
        }


class StaleOffersPanel(DashboardPanel):
    name = "portal_stale_offers"
    template_name = "editorial/dashboard/stale_offers.html"
    order = 140

    def panel_data(self, request):
        offers, total = stale_programmes(request.user)
        shown = bool(offers) or may_edit_below(request.user, ProgrammeIndexPage)
        return {
            "offers": offers,
            "total": total,
            "months": settings.PORTAL_STALE_OFFER_MONTHS,
            "shown": shown,
        }


PORTAL_PANELS = [
    UpcomingEventsPanel,
    RegistrationChartPanel,
    ReviewPanel,
    OutdatedTranslationsPanel,
    StaleOffersPanel,
]
