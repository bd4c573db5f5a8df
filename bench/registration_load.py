"""Load run: 200 people register at the same moment for 100 places, over real HTTP.

    make bench                      # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make bench

Starts the portal on a threaded live server (127.0.0.1, a free port) against a throw-away
test database and runs two scenarios, each in two bursts:

- **forums**: one conference with 100 places and a waiting list, one round with a small forum
  of 10 places beside a large one; every one of the 200 wants the small forum first and the
  large one second.
- **groups**: a course in two family centres (two schedules) with 50 places each; the 200
  choose their group alternately.

Each client fetches the form (CSRF cookie, signed start time); after the minimum fill time
all 200 submissions are fired at once from threads. Then 20 of the booked cancel at the same
moment through their personal links (the second, confirming POST), and each freed place must
go to exactly one person waiting (for the same group), with exactly one e-mail. Prints the
outcome (places, booked, waiting, places per forum or group, promotions, errors) and the
latency.
"""

import contextlib
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ["RATELIMIT_ENABLE"] = "false"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.servers.basehttp import ThreadedWSGIServer  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.testcases import LiveServerThread, _StaticFilesHandler  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "200"))
PLACES = int(os.environ.get("BENCH_PLACES", "100"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
SMALL_FORUM = int(os.environ.get("BENCH_SMALL_FORUM", "10"))
CANCELLATIONS = int(os.environ.get("BENCH_CANCELLATIONS", "20"))


def seed_site():
    from wagtail.models import Page, Site

    from core.demo_builder import DemoBuilder
    from events.models import EventIndexPage
    from home.models import HomePage

    DemoBuilder()  # locales and the collection root
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Start", slug="bench"))
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    return home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))


def _day(hour, days=30):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from events.schedules import local

    day = timezone.localdate() + timedelta(days=days)
    return local(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def seed_conference(index):
    from events.models import EventPage, Forum, Round

    page = EventPage(
        title="Lasttest-Fachtag",
        slug="lasttest",
        teaser="Ein Fachtag mit 100 Plätzen.",
        start=_day(9),
        end=_day(17),
        registration_enabled=True,
        registration_capacity=PLACES,
        waiting_list=True,
        consent_text="Einverstanden.",
    )
    page.rounds = [Round(number=1, title="Durchlauf", starts_at=_day(10), ends_at=_day(11))]
    page.forums = [
        Forum(round_number=1, title="Kleines Forum", capacity=SMALL_FORUM),
        Forum(round_number=1, title="Großes Forum", capacity=PLACES),
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_course(index):
    from datetime import time as clock

    import recurrence

    from directory.models import Place
    from events.models import CoursePage, CourseSchedule

    weekly = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=8)])
    first = _day(9).date()
    page = CoursePage(
        title="Lasttest-Kurs",
        slug="lasttest-kurs",
        teaser="Ein Kurs in zwei Familienzentren.",
        registration_enabled=True,
        waiting_list=True,
        consent_text="Einverstanden.",
    )
    page.schedules = [
        CourseSchedule(
            place=Place.objects.create(name=name, city="Kassel"),
            first_date=first,
            start_time=clock(hour, 0),
            recurrence=weekly,
            capacity=PLACES // 2,
        )
        for name, hour in (("FZ Wehlheiden", 18), ("FZ Rothenditmold", 9))
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


class BurstServer(ThreadedWSGIServer):
    # The default listen backlog (10) resets connections when 50 clients connect at once;
    # a production server (gunicorn: 2048) queues them.
    request_queue_size = 512


class BurstLiveServerThread(LiveServerThread):
    server_class = BurstServer


def fetch_form(base, url):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + url, timeout=30).read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', html))
    choices = {
        name: re.findall(rf'name="{name}" id="[^"]+" value="([^"]+)"', html)
        for name in ("forum_1", "group")
    }
    action = re.search(r'<form class="registration__form" method="post" action="([^"#]+)', html)
    return opener, fields, choices, action.group(1)


def post(opener, url, data, referer):
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": referer}
    )
    started = time.perf_counter()
    try:
        status = opener.open(request, timeout=120).status
    except urllib.error.HTTPError as error:
        status = error.code
    except Exception as error:  # counted as an error below
        status = type(error).__name__
    return status, time.perf_counter() - started


def burst(calls):
    """Runs the calls from CLIENTS threads, released together; their (status, seconds)."""
    gate = threading.Barrier(min(CLIENTS, len(calls)), timeout=60)

    def run(call):
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait()
        return call()

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(run, calls))
    return results, time.perf_counter() - began


def report_http(results, elapsed, what):
    codes = Counter(code for code, _ in results)
    latencies = sorted(seconds for _, seconds in results)
    print(
        f"  {what}: HTTP answers {dict(codes)}; errors (not 200): "
        f"{sum(n for code, n in codes.items() if code != 200)}; "
        f"{len(results) / elapsed:.1f}/s over {elapsed:.1f} s; latency p50 "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 "
        f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, max "
        f"{latencies[-1] * 1000:.0f} ms"
    )
    return codes == {200: len(results)}


def register_all(base, page, choose):
    """Fetches SUBMISSIONS forms, waits out the fill time, submits them all at once."""
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        forms = list(pool.map(lambda _: fetch_form(base, page.url), range(SUBMISSIONS)))
    time.sleep(3.2)  # the form refuses submissions faster than a person can type

    def call(number, opener, fields, choices, action):
        data = {
            **fields,
            **choose(number, choices),
            "name": f"Person {number}",
            "email": f"person{number}@{page.slug}.example.org",
            "consent": "on",
            "website": "",
        }
        return lambda: post(opener, base + action, data, base + page.url)

    return burst([call(number, *form) for number, form in enumerate(forms)])


def personal_pages(base, registrations, name):
    """Opens each registration's personal link (as its e-mail would): the opener with its
    CSRF cookie, the URL and the form's token."""
    from registrations.links import personal_url

    def open_one(registration):
        url = base + personal_url(registration, name)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        html = opener.open(url, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return opener, url, token

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(open_one, registrations))


def on_links(pages, data):
    return burst(
        [
            lambda o=o, u=u, t=t: post(o, u, {"csrfmiddlewaretoken": t, **data}, u)
            for o, u, t in pages
        ]
    )


def confirm_all(base, page):
    """Everyone follows the link in their e-mail and confirms at the same moment (only
    confirmed people waiting can move up)."""
    from registrations.models import Registration

    rows = list(Registration.objects.filter(page=page))
    results, elapsed = on_links(personal_pages(base, rows, "registration_confirm"), {})
    ok = report_http(results, elapsed, f"{len(rows)} confirm at once")
    confirmed = Registration.objects.filter(page=page, email_confirmed_at__isnull=False)
    print(f"  confirmed: {confirmed.count()} of {len(rows)}")
    return ok and confirmed.count() == len(rows)


def cancel_some(base, page):
    """CANCELLATIONS booked people cancel at the same moment through their personal links
    (the second, confirming POST)."""
    from registrations.models import Registration

    booked = list(Registration.objects.filter(page=page, status="booked").order_by("?"))
    leaving = booked[:CANCELLATIONS]
    pages = personal_pages(base, leaving, "registration_manage")
    results, elapsed = on_links(pages, {"action": "cancel", "confirmed": "yes"})
    return results, elapsed, leaving


def promotions(page, waiting_before, leaving):
    """Who moved up, how often each was mailed about it, and whether the groups held."""
    from django.core import mail
    from django.utils.translation import override

    from registrations.emails import SUBJECTS
    from registrations.models import Registration

    with override("de"):
        subject = SUBJECTS["promoted"]() % {"title": page.title}
    mailed = Counter(
        to for message in mail.outbox if message.subject == subject for to in message.to
    )
    moved = list(
        Registration.objects.filter(pk__in=waiting_before, status="booked").values_list(
            "email", "group_key"
        )
    )
    freed_groups = Counter(str(r.group_key) for r in leaving)
    moved_groups = Counter(str(group) for _, group in moved)
    return {
        "promoted": len(moved),
        "mailed once each": sorted(mailed) == sorted(email for email, _ in moved)
        and set(mailed.values()) <= {1},
        "same groups as freed": moved_groups == freed_groups,
    }


def forum_scenario(base, index):
    from registrations.models import ForumChoice, Registration

    page = seed_conference(index)
    print(f"forums: {PLACES} places, small forum {SMALL_FORUM}, {SUBMISSIONS} at once")
    results, elapsed = register_all(
        base,
        page,
        lambda number, choices: {
            "forum_1": choices["forum_1"][0],
            "second_1": choices["forum_1"][1],
        },
    )
    ok = report_http(results, elapsed, "register")
    statuses = Counter(Registration.objects.filter(page=page).values_list("status", flat=True))
    seats = Counter(
        ForumChoice.objects.filter(
            registration__page=page, registration__status="booked"
        ).values_list("seat__title", flat=True)
    )
    booked = min(PLACES, SUBMISSIONS)
    print(
        f"  booked: {statuses.get('booked', 0)}, waiting: {statuses.get('waiting', 0)}, "
        f"rows: {sum(statuses.values())}; places in forums: {dict(seats)}"
    )
    ok &= (
        statuses.get("booked") == booked
        and seats.get("Kleines Forum") == min(SMALL_FORUM, booked)
        and sum(seats.values()) == booked
    )
    ok &= cancellations(base, page, booked)
    seats = Counter(
        ForumChoice.objects.filter(
            registration__page=page, registration__status="booked"
        ).values_list("seat__title", flat=True)
    )
    print(f"  places in forums after: {dict(seats)}")
    ok &= seats.get("Kleines Forum") == min(SMALL_FORUM, booked) and sum(seats.values()) == booked
    return ok


def group_scenario(base, index):
    from registrations.models import Registration

    page = seed_course(index)
    keys = [str(s.key) for s in page.schedules.order_by("sort_order", "pk")]
    print(f"groups: two groups of {PLACES // 2} places, {SUBMISSIONS} at once")
    results, elapsed = register_all(
        base, page, lambda number, choices: {"group": choices["group"][number % 2]}
    )
    ok = report_http(results, elapsed, "register")
    rows = Registration.objects.filter(page=page)
    booked = Counter(
        str(key) for key in rows.filter(status="booked").values_list("group_key", flat=True)
    )
    waiting = Counter(
        str(key) for key in rows.filter(status="waiting").values_list("group_key", flat=True)
    )
    per_group = min(PLACES // 2, SUBMISSIONS // 2)
    print(
        f"  booked per group: {sorted(booked.values())}, waiting per group: "
        f"{sorted(waiting.values())}, rows: {rows.count()}"
    )
    ok &= all(booked[key] == per_group for key in keys)
    ok &= cancellations(base, page, per_group * 2)
    booked = Counter(
        str(key) for key in rows.filter(status="booked").values_list("group_key", flat=True)
    )
    print(f"  booked per group after: {sorted(booked.values())}")
    ok &= all(booked[key] == per_group for key in keys)
    return ok


def cancellations(base, page, booked):
    from registrations.models import Registration

    ok = confirm_all(base, page)
    waiting_before = list(
        Registration.objects.filter(page=page, status="waiting").values_list("pk", flat=True)
    )
    results, elapsed, leaving = cancel_some(base, page)
    ok &= report_http(results, elapsed, f"{len(leaving)} cancel at once")
    now_booked = Registration.objects.filter(page=page, status="booked").count()
    moved = promotions(page, waiting_before, leaving)
    print(f"  booked after: {now_booked}; {moved}")
    expected = min(len(leaving), len(waiting_before))
    return (
        ok
        and now_booked == booked - len(leaving) + expected
        and moved["promoted"] == expected
        and moved["mailed once each"]
        and moved["same groups as freed"]
    )


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    server = BurstLiveServerThread(
        "127.0.0.1", _StaticFilesHandler, connections_override=None, port=0
    )
    server.daemon = True
    try:
        index = seed_site()
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        base = f"http://127.0.0.1:{server.port}"
        print(f"database: {connection.vendor}; clients in parallel: {CLIENTS}")
        ok = forum_scenario(base, index)
        ok &= group_scenario(base, index)
        print("result:", "OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        server.terminate()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
