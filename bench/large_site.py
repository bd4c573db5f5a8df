"""Benchmark: a large portal on PostgreSQL, served by gunicorn, under load.

    make bench                                  # the full size (about 10–15 minutes)
    BENCH_SCALE=0.1 .venv/bin/python bench/large_site.py      # a quick smoke run

Creates its own database (``bench_large`` on postgres://postgres@127.0.0.1:5432, dropped at
the end unless BENCH_KEEP=1; BENCH_REUSE=1 migrates and reuses a kept one instead of seeding
again), migrates it, and seeds at BENCH_SCALE=1: 1,800 one-off events and
200 courses of 91 weekly sessions (20,000 sessions), 300 programmes, 500 press releases, the
site's index pages in five languages and translations of a share of the content. Then it
serves the site with gunicorn (production settings, 2 workers, 127.0.0.1) twice, with the
page cache off (PAGE_CACHE_SECONDS=0) and on (300, Redis db 5), and drives each page type with
a small load driver: threads on keep-alive-less HTTP/1.1 connections (gunicorn's sync
workers close each connection), bounded in requests and seconds per page type. The driver is
standard library only: locust's gevent machinery would itself eat much of this 2-CPU
machine's time, and nothing else that installs from PyPI measures per-request latency
without it.

Printed per page type: requests/s, p50/p95 latency, SQL queries per request (counted
in-process with Django's test client against the same database) and the ratio to the
simplest page (a plain content page, the imprint) of the same run; the peak memory (VmHWM)
of each gunicorn worker; whether the targets of issue 8 are met; and the registration load
run (bench/registration_load.py) against PostgreSQL.
"""

import contextlib
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

import interop  # noqa: E402  (bench/interop.py: the feed as three iCal readers read it)

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DB", "bench_large")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
SECONDS_PER_TYPE = float(os.environ.get("BENCH_SECONDS", "8"))
MAX_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")

ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DATABASE_URL": f"{SERVER}/{DB_NAME}",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
    "STATIC_ROOT": str(BASE_DIR / ".local" / "bench-static"),
    "MEDIA_ROOT": str(BASE_DIR / ".local" / "bench-media"),
    "RATELIMIT_ENABLE": "false",
    "LOG_LEVEL": "WARNING",
    "PAGE_CACHE_SECONDS": "0",
}
os.environ.update(ENV)

EVENTS = round(1800 * SCALE)
COURSES = round(200 * SCALE)
SESSIONS_PER_COURSE = 91
PROGRAMMES = round(300 * SCALE)
RELEASES = round(500 * SCALE)
OTHER_LANGUAGES = ["en", "tr", "ar", "uk"]


# --- Database -------------------------------------------------------------------------------


def recreate_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DB_NAME}"')


def database_exists():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
        return found.fetchone() is not None


def drop_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=os.environ, check=True)


# --- Seeding --------------------------------------------------------------------------------


def seed():
    """The site, fast: pages are created live with add_child (treebeard's own insert, no
    revision per page); only translations go through Wagtail's copy-and-publish."""
    import recurrence
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from core.demo_builder import DemoBuilder
    from core.models import OrganisationSettings
    from directory.models import District, Place, Topic
    from events.models import CoursePage, CourseSchedule, EventIndexPage, EventPage
    from events.schedules import local
    from events.sessions import sync_sessions
    from home.models import ContentPage, HomePage
    from press.models import PressReleaseIndexPage, PressReleasePage
    from programmes.models import ProgrammeIndexPage, ProgrammePage

    builder = DemoBuilder()
    german = builder.locales["de"]
    now = timezone.now()
    published = {"live": True, "first_published_at": now, "last_published_at": now}
    rng = random.Random(8)
    root = builder.page_root()
    for page in root.get_children():  # Wagtail's welcome page
        page.delete()
    home = root.add_child(
        instance=HomePage(title="Frühe Hilfen", slug="start", locale=german, **published)
    )
    Site.objects.all().delete()
    site = Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    OrganisationSettings.for_site(site)
    imprint = home.add_child(
        instance=ContentPage(
            title="Impressum",
            slug="impressum",
            introduction="Wer dieses Portal betreibt und wie Sie uns erreichen.",
            **published,
        )
    )
    finder = home.add_child(instance=ProgrammeIndexPage(title="Angebote", slug="angebote"))
    calendar = home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
    press = home.add_child(instance=PressReleaseIndexPage(title="Presse", slug="presse"))

    districts = [District.objects.create(name=f"Kreis {n}", slug=f"kreis-{n}") for n in range(12)]
    places = [
        Place.objects.create(name=f"Familienzentrum {n}", city="Kassel", district=districts[n % 12])
        for n in range(60)
    ]
    topics = [
        Topic.objects.create(name=name, slug=name.lower(), locale=german)
        for name in ["Bindung", "Schlaf", "Ernährung", "Sprache", "Bewegung", "Stillen"]
    ]
    today = date.today()

    programmes = []
    with transaction.atomic():
        for number in range(PROGRAMMES):
            page = ProgrammePage(
                title=f"Angebot {number}: Familienbegleitung",
                slug=f"angebot-{number}",
                teaser="Begleitung für Familien mit Kindern bis drei Jahre.",
                district=districts[number % 12],
                **published,
            )
            page.topics = rng.sample(topics, 2)
            page.places = [places[number % 60]]
            finder.add_child(instance=page)
            programmes.append(page)

    events, courses = [], []
    with transaction.atomic():
        for number in range(EVENTS):
            day = today + timedelta(days=number * 400 // max(EVENTS, 1) - 30)
            page = EventPage(
                title=f"Elterncafé {number}",
                slug=f"veranstaltung-{number}",
                teaser="Ein Nachmittag für Familien mit kleinen Kindern.",
                start=local(datetime.combine(day, datetime.min.time()).replace(hour=15)),
                end=local(datetime.combine(day, datetime.min.time()).replace(hour=17)),
                place=places[number % 60],
                **published,
            )
            page.topics = [topics[number % len(topics)]]
            page.programmes = [programmes[number % len(programmes)]] if programmes else []
            calendar.add_child(instance=page)
            sync_sessions(page)
            events.append(page)
        for number in range(COURSES):
            page = CoursePage(
                title=f"Elternkurs {number}",
                slug=f"kurs-{number}",
                teaser="Wöchentliche Abende für Eltern.",
                **published,
            )
            page.schedules = [
                CourseSchedule(
                    place=places[number % 60],
                    first_date=today + timedelta(days=number % 60 - 20),
                    start_time=datetime.min.time().replace(hour=18),
                    duration=90,
                    recurrence=recurrence.Recurrence(
                        rrules=[recurrence.Rule(recurrence.WEEKLY, count=SESSIONS_PER_COURSE)]
                    ),
                )
            ]
            page.topics = [topics[number % len(topics)]]
            page.programmes = [programmes[number % len(programmes)]] if programmes else []
            calendar.add_child(instance=page)
            sync_sessions(page)
            courses.append(page)

    releases = []
    with transaction.atomic():
        for number in range(RELEASES):
            page = PressReleasePage(
                title=f"Pressemitteilung {number}",
                slug=f"pressemitteilung-{number}",
                date=today - timedelta(days=number * 3),
                teaser="Neue Angebote für Familien in der Region.",
                **published,
            )
            page.topics = [topics[number % len(topics)]]
            press.add_child(instance=page)
            releases.append(page)

    # Five languages: the index pages everywhere, a share of the content in English and a
    # little in the others (translations are copies published through Wagtail, the slow way).
    names = {"en": "english", "tr": "turkce", "ar": "arabic", "uk": "ukrainska"}
    translated = 0
    for language in OTHER_LANGUAGES:
        suffix = names[language]
        builder.translation(home, language, slug=f"start-{suffix}")
        for page in (imprint, finder, calendar, press):
            builder.translation(page, language, slug=f"{page.slug}-{suffix}")
        share = 0.2 if language == "en" else 0.03
        for page in programmes[: round(len(programmes) * share)]:
            builder.translation(page, language, slug=page.slug)
            translated += 1
        for page in (events + releases)[:: round(1 / (share / 2))]:
            builder.translation(page, language, slug=page.slug)
            translated += 1
    return translated


def site_urls():
    """The URLs driven per page type, read from the seeded database (so BENCH_REUSE=1 can
    skip seeding)."""
    from events.models import CoursePage, EventIndexPage, EventPage
    from home.models import ContentPage
    from press.models import PressReleaseIndexPage, PressReleasePage
    from programmes.models import ProgrammeIndexPage, ProgrammePage

    def german(model):
        return model.objects.live().filter(locale__language_code="de").order_by("path")

    imprint = german(ContentPage).get(slug="impressum")
    finder = german(ProgrammeIndexPage).get()
    calendar = german(EventIndexPage).get()
    press = german(PressReleaseIndexPage).get()
    programmes = list(german(ProgrammePage)[:20])
    events = list(german(EventPage))
    courses = list(german(CoursePage)[:20])
    releases = list(german(PressReleasePage)[:20])
    return {
        "simplest": [imprint.url],
        "robots.txt": ["/robots.txt"],
        "home": ["/de/"],
        "finder": [finder.url, finder.url + "?topic=bindung", finder.url + "?district=kreis-1"],
        "programme": [p.url for p in programmes],
        "calendar": [calendar.url, calendar.url + "?view=month", calendar.url + "?page=2"],
        "event": [e.url for e in events[:: max(1, len(events) // 20)]],
        "course": [c.url for c in courses],
        "press index": [press.url, press.url + "?page=2"],
        "press release": [r.url for r in releases],
        "iCal full feed": [calendar.url + "feed.ics"],
        "filtered feed": [calendar.url + "feed.ics?topic=bindung"],
        "conditional feed": [calendar.url + "feed.ics"],
    }


# --- In-process figures: SQL queries, feed rendering ----------------------------------------


def count_queries(urls):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import events.views
    from core.cache import invalidate

    settings.PAGE_CACHE_SECONDS = 0
    client = Client(HTTP_HOST="127.0.0.1")
    figures = {}
    renders = []
    original = events.views.FeedBuilder.render

    def counted(self):
        renders.append(1)
        return original(self)

    events.views.FeedBuilder.render = counted
    try:
        for name, targets in urls.items():
            url = targets[0]
            headers = {}
            if name == "conditional feed":
                headers["HTTP_IF_NONE_MATCH"] = client.get(url)["ETag"]
            client.get(url, **headers)  # warm caches of Wagtail (sites, settings)
            # The first request after a publish: every kept fragment and feed body is stale.
            invalidate()
            started = time.perf_counter()
            client.get(url, **headers)
            cold_ms = (time.perf_counter() - started) * 1000
            if name in ("iCal full feed", "filtered feed"):
                invalidate()  # measure writing the feed, not reading its cached body
            renders.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, **headers)
                elapsed = time.perf_counter() - started
            figures[name] = {
                "queries": len(captured),
                "status": response.status_code,
                "in_process_ms": elapsed * 1000,
                "cold_ms": cold_ms,
                "renders": len(renders),
                "bytes": len(response.content),
            }
    finally:
        events.views.FeedBuilder.render = original
    return figures


# --- Server and load ------------------------------------------------------------------------


def start_gunicorn(cache_seconds):
    env = dict(os.environ, PAGE_CACHE_SECONDS=str(cache_seconds))
    process = subprocess.Popen(
        [
            GUNICORN,
            "portal.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            connection.request("GET", "/robots.txt")
            if connection.getresponse().status == 200:
                return process
        time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def worker_peaks(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks[int(pid)] = int(line.split()[1]) // 1024
    return peaks


def stop_gunicorn(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def get(connection, url, headers):
    connection.request("GET", url, headers={"Host": "127.0.0.1", **headers})
    response = connection.getresponse()
    response.read()
    return response


FEEDS = ("iCal full feed", "filtered feed", "conditional feed")


def client_headers(name):
    """Calendar apps (Google, Apple, Outlook, Thunderbird) ask for feeds gzip-compressed;
    HTML is left uncompressed, as a proxy in front would compress it (docs/deployment.md)."""
    return {"Accept-Encoding": "gzip"} if name in FEEDS else {}


def drive(urls, headers=None, *, seconds=SECONDS_PER_TYPE, limit=MAX_REQUESTS):
    """GET the URLs round-robin from CONCURRENCY threads until ``limit`` requests or
    ``seconds`` have passed; returns (requests/s, latencies, statuses)."""
    headers = headers or {}
    latencies, statuses = [], []
    lock = threading.Lock()
    counter = iter(range(limit))
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            url = urls[number % len(urls)]
            started = time.perf_counter()
            try:
                status = get(connection, url, headers).status
            except (OSError, http.client.HTTPException):
                connection.close()
                status = "error"
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return len(latencies) / wall, sorted(latencies), statuses


def percentile(values, share):
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(len(values) * share))]


def run_load(urls, cache_seconds):
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    server = start_gunicorn(cache_seconds)
    results = {}
    try:
        warm = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        etag = None
        for name, targets in urls.items():  # first requests: imports, Wagtail caches, page cache
            for url in targets:
                response = get(warm, url, client_headers(name))
                if name == "iCal full feed":
                    etag = response.getheader("ETag")
        for name, targets in urls.items():
            headers = client_headers(name)
            if name == "conditional feed":
                headers["If-None-Match"] = etag
            rate, latencies, statuses = drive(targets, headers)
            results[name] = {
                "rps": rate,
                "p50": percentile(latencies, 0.5) * 1000,
                "p95": percentile(latencies, 0.95) * 1000,
                "n": len(latencies),
                "statuses": sorted({str(s) for s in statuses}),
            }
        results["_memory"] = worker_peaks(server)
        if cache_seconds == 0:  # the feed the server writes, for the interop figure
            results["_feed"] = interop.fetch(PORT, urls["iCal full feed"][0])
    finally:
        stop_gunicorn(server)
    return results


# --- Report ---------------------------------------------------------------------------------


def report(urls, queries, uncached, cached):
    simplest = uncached["simplest"]["rps"]
    print()
    header = (
        f"{'page type':17} {'mode':8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'SQL':>4} {'×simplest':>9} {'n':>5}  status"
    )
    print(header)
    print("-" * len(header))
    for name in urls:
        if name.startswith("_"):
            continue
        for mode, results in (("uncached", uncached), ("cached", cached)):
            row = results[name]
            sql = queries[name]["queries"] if mode == "uncached" else "-"
            print(
                f"{name:17} {mode:8} {row['rps']:>7.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
                f"{sql!s:>4} {row['rps'] / simplest:>9.2f} {row['n']:>5}  "
                f"{','.join(row['statuses'])}"
            )
    print()
    for mode, results in (("uncached", uncached), ("cached", cached)):
        peaks = ", ".join(f"{mb} MB" for mb in results["_memory"].values())
        print(f"peak memory (VmHWM) per gunicorn worker, {mode}: {peaks}")

    checks = []
    page_types = [n for n in urls if not n.startswith("_") and n not in ("simplest", "robots.txt")]
    slow = [
        f"{n} {uncached[n]['rps'] / simplest:.2f}×"
        for n in page_types
        if uncached[n]["rps"] < 0.5 * simplest
    ]
    checks.append(("every uncached page type ≥ 0.5× the simplest page", not slow, slow))
    cache_slow = [
        f"{n} {cached[n]['rps'] / simplest:.1f}×"
        for n in page_types
        if n not in ("iCal full feed", "filtered feed", "conditional feed")
        and cached[n]["rps"] < 5 * simplest
    ]
    checks.append(("cached pages ≥ 5× the uncached simplest page", not cache_slow, cache_slow))
    cold_ms = queries["iCal full feed"]["in_process_ms"]
    feed_ms = uncached["iCal full feed"]["p50"]
    checks.append(
        (
            f"full iCal feed of {queries['_sessions']} sessions under 1 s",
            cold_ms < 1000 and feed_ms < 1000,
            [f"written in {cold_ms:.0f} ms (in-process, cold), p50 over HTTP {feed_ms:.0f} ms"],
        )
    )
    conditional = queries["conditional feed"]
    checks.append(
        (
            "conditional feed request answered without rendering",
            conditional["status"] == 304 and conditional["renders"] == 0,
            [f"status {conditional['status']}, feed renders {conditional['renders']}"],
        )
    )
    print()
    for label, ok, details in checks:
        suffix = f": {'; '.join(details)}" if details else ""
        print(f"[{'met' if ok else 'NOT met'}] {label}{suffix}")


def registration_run():
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    env["DATABASE_URL"] = f"{SERVER}/bench_registration"
    for name in ("REDIS_URL", "PAGE_CACHE_SECONDS"):
        env.pop(name, None)
    print("\nregistration load run (bench/registration_load.py, PostgreSQL):", flush=True)
    return subprocess.run(
        [PYTHON, "bench/registration_load.py"], cwd=BASE_DIR, env=env, check=False
    ).returncode


def main():
    began = time.perf_counter()
    print(
        f"scale {SCALE}: {EVENTS} events, {COURSES} courses × {SESSIONS_PER_COURSE} sessions, "
        f"{PROGRAMMES} programmes, {RELEASES} press releases; database {DB_NAME}",
        flush=True,
    )
    reuse = os.environ.get("BENCH_REUSE") == "1" and database_exists()
    if not reuse:
        recreate_database()
    try:
        started = time.perf_counter()
        manage("migrate", "--noinput", "-v", "0")
        manage("collectstatic", "--noinput", "-v", "0")
        print(f"migrated and collected static files in {time.perf_counter() - started:.0f} s")

        import django

        django.setup()
        from django.db import connection

        import core.cache
        from events.models import Session

        started = time.perf_counter()
        if reuse:
            print(f"reusing the seeded database {DB_NAME} (BENCH_REUSE=1)")
        else:
            # Seeding writes 20,000 sessions; emptying the (empty) page cache after each is
            # waste.
            invalidate, core.cache.invalidate = core.cache.invalidate, lambda: None
            try:
                translated = seed()
            finally:
                core.cache.invalidate = invalidate
            print(
                f"seeded {Session.objects.count()} sessions and {translated} translations "
                f"in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have by now on a running site
        sessions = Session.objects.count()
        urls = site_urls()
        queries = count_queries(urls)
        queries["_sessions"] = sessions
        connection.close()

        uncached = run_load(urls, 0)
        print(f"uncached load run done ({time.perf_counter() - began:.0f} s)", flush=True)
        cached = run_load(urls, 300)
        report(urls, queries, uncached, cached)
        print("\nin-process (test client, page cache off; cold = first request after a publish):")
        print(f"  {'page type':17} {'ms':>7} {'cold ms':>8} {'bytes':>9}")
        for name in urls:
            row = queries[name]
            print(
                f"  {name:17} {row['in_process_ms']:>7.1f} {row['cold_ms']:>8.1f} {row['bytes']:>9}"
            )
        interop.report(
            urls["iCal full feed"][0],
            *uncached["_feed"],
            queries["iCal full feed"]["in_process_ms"],
        )
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if os.environ.get("BENCH_KEEP") != "1" and os.environ.get("BENCH_REUSE") != "1":
            drop_database()
    code = 0
    if os.environ.get("BENCH_SKIP_REGISTRATION") != "1":
        code = registration_run()
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
