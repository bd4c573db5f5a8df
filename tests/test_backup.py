"""Backup and restore, once for real: scripts/backup-db (pg_dump) on a database with the demo
content, scripts/restore-db (pg_restore) into a fresh database, and the restored portal shows
the same pages and holds the same rows."""

import os
import shutil
import subprocess

import pytest
from django.utils.html import escape

from tests.postgres import ROOT, create_database, drop_database, manage, with_database

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(  # in CI the test runs, and fails without them
        not os.environ.get("CI")
        and (shutil.which("pg_dump") is None or shutil.which("pg_restore") is None),
        reason="pg_dump/pg_restore are not installed (Debian: apt-get install postgresql-client)",
    ),
]


def table_counts(database_url):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def pages(database_url):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        return connection.execute(
            "SELECT p.url_path, p.title, p.live, l.language_code, p.latest_revision_id"
            " FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
            " ORDER BY p.path"
        ).fetchall()


def served_home_page(env):
    """The German home page as a visitor gets it from the database of ``env``, after
    checking that this database has every migration of the code."""
    return manage(
        env,
        "shell",
        "-c",
        "from django.core.management import call_command;"
        "call_command('migrate', check=True, verbosity=0);"
        "from django.test import Client;"
        "print(Client(HTTP_HOST='localhost').get('/de/').content.decode())",
    )


def test_backup_restores_into_a_fresh_database_with_the_same_pages_and_rows(
    demo_postgres, tmp_path
):
    dump = tmp_path / "portal.dump"
    backup = subprocess.run(
        [ROOT / "scripts" / "backup-db", dump],
        env={**os.environ, "DATABASE_URL": demo_postgres.url},
        capture_output=True,
        text=True,
    )
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 10_000
    assert not dump.with_name("portal.dump.partial").exists()

    restored_name = create_database("portal_restored")
    restored_url = with_database(demo_postgres.url, restored_name)
    try:
        restore = subprocess.run(
            [ROOT / "scripts" / "restore-db", dump],
            env={**os.environ, "DATABASE_URL": restored_url},
            capture_output=True,
            text=True,
        )
        assert restore.returncode == 0, restore.stderr

        original = table_counts(demo_postgres.url)
        copy = table_counts(restored_url)
        assert copy == original
        assert original["wagtailcore_page"] > 20 and original["events_session"] > 10
        copy_pages = pages(restored_url)
        assert copy_pages == pages(demo_postgres.url)

        # The restored database is at the code's schema and serves the demo's home page.
        html = served_home_page(demo_postgres.env(restored_url))
        home_title = next(row[1] for row in copy_pages if (row[0], row[3]) == ("/home/", "de"))
        assert '<html lang="de"' in html
        assert escape(home_title) in html
    finally:
        drop_database(restored_name)
