"""Load run: 200 people register at the same moment for 100 places, over real HTTP.

    make bench                      # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make bench

Starts the portal on a threaded live server (127.0.0.1, a free port) against a throw-away
test database, seeds one conference with 100 places and a waiting list, and one round with
a small forum of 10 places beside a large one; lets 200 clients fetch the form (CSRF cookie,
signed start time), waits out the minimum fill time, then fires all 200 submissions at once
from threads, each wanting the small forum first and the large one second. Prints the
outcome (places, booked, waiting, places in each forum, errors) and the latency.
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


def seed():
    from datetime import datetime, timedelta

    from django.utils import timezone
    from wagtail.models import Page, Site

    from core.demo_builder import DemoBuilder
    from events.models import EventIndexPage, EventPage, Forum, Round
    from events.schedules import local
    from home.models import HomePage

    DemoBuilder()  # locales and the collection root
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Start", slug="bench"))
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    index = home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
    day = timezone.localdate() + timedelta(days=30)
    at = lambda hour: local(datetime.combine(day, datetime.min.time()).replace(hour=hour))  # noqa: E731
    page = EventPage(
        title="Lasttest-Fachtag",
        slug="lasttest",
        teaser="Ein Fachtag mit 100 Plätzen.",
        start=at(9),
        end=at(17),
        registration_enabled=True,
        registration_capacity=PLACES,
        waiting_list=True,
        consent_text="Einverstanden.",
    )
    page.rounds = [Round(number=1, title="Durchlauf", starts_at=at(10), ends_at=at(11))]
    page.forums = [
        Forum(round_number=1, title="Kleines Forum", capacity=SMALL_FORUM),
        Forum(round_number=1, title="Großes Forum", capacity=PLACES),
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
    forum = re.findall(r'name="forum_1" id="[^"]+" value="([^"]+)"', html)  # small, large
    action = re.search(r'<form class="registration__form" method="post" action="([^"#]+)', html)
    return opener, fields, forum, action.group(1)


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
        page = seed()
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        base = f"http://127.0.0.1:{server.port}"
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            forms = list(pool.map(lambda _: fetch_form(base, page.url), range(SUBMISSIONS)))
        time.sleep(3.2)  # the form refuses submissions faster than a person can type
        gate = threading.Barrier(CLIENTS, timeout=60)

        def submit(args):
            number, (opener, fields, forum, action) = args
            data = urllib.parse.urlencode(
                {
                    **fields,
                    "name": f"Person {number}",
                    "email": f"person{number}@example.org",
                    "forum_1": forum[0],
                    "second_1": forum[1],
                    "consent": "on",
                    "website": "",
                }
            ).encode()
            request = urllib.request.Request(
                base + action, data=data, headers={"Referer": base + page.url}
            )
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            started = time.perf_counter()
            try:
                status = opener.open(request, timeout=120).status
            except urllib.error.HTTPError as error:
                status = error.code
            except Exception as error:  # counted as an error below
                status = type(error).__name__
            return status, time.perf_counter() - started

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            results = list(pool.map(submit, enumerate(forms)))
        elapsed = time.perf_counter() - began

        from registrations.models import ForumChoice, Registration

        statuses = Counter(Registration.objects.values_list("status", flat=True))
        seats = Counter(
            ForumChoice.objects.filter(registration__status="booked").values_list(
                "seat__title", flat=True
            )
        )
        codes = Counter(code for code, _ in results)
        latencies = sorted(seconds for _, seconds in results)
        print(f"database: {connection.vendor}; clients in parallel: {CLIENTS}")
        print(f"submissions: {SUBMISSIONS}, places: {PLACES}")
        print(
            f"booked: {statuses.get('booked', 0)}, waiting: {statuses.get('waiting', 0)}, "
            f"rows: {sum(statuses.values())}, distinct e-mails: "
            f"{Registration.objects.values('email').distinct().count()}"
        )
        print(f"places in forums: {dict(seats)} (small forum: {SMALL_FORUM} places)")
        print(
            f"HTTP answers: {dict(codes)}; errors (not 200): "
            f"{sum(n for code, n in codes.items() if code != 200)}"
        )
        print(f"throughput: {SUBMISSIONS / elapsed:.1f} submissions/s over {elapsed:.1f} s")
        print(
            f"latency p50: {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95: {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, "
            f"max: {latencies[-1] * 1000:.0f} ms"
        )
        booked = min(PLACES, SUBMISSIONS)
        ok = (
            statuses.get("booked") == booked
            and codes == {200: SUBMISSIONS}
            and seats.get("Kleines Forum") == min(SMALL_FORUM, booked)
            and sum(seats.values()) == booked
        )
        print("result:", "OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        server.terminate()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
