"""Concurrent writers wait for each other instead of failing with "database is locked"."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections, transaction


def write_after_read(name, start, errors):
    try:
        start.wait(timeout=5)
        with transaction.atomic():
            # Read, pause, then write: with SQLite's default deferred transactions the second
            # writer fails at once with "database is locked"; with BEGIN IMMEDIATE it waits.
            Group.objects.count()
            time.sleep(0.3)
            Group.objects.create(name=name)
    except Exception as error:  # the test reports whatever went wrong
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_both_commit():
    errors = []
    start = threading.Event()
    threads = [
        threading.Thread(target=write_after_read, args=(f"writer {n}", start, errors))
        for n in range(2)
    ]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert set(Group.objects.values_list("name", flat=True)) >= {"writer 0", "writer 1"}


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
