"""A copy of the test database right after ``load_demo``, for tests that need the demo outside
a transaction (the live server of the browser tests).

On SQLite the copy is made and restored with SQLite's backup API: restoring takes well under a
second where ``load_demo`` takes ten. On other databases :func:`restore` runs ``load_demo``.
"""

import sqlite3

from django.core.management import call_command
from django.db import connection

_copy = None


def take():
    """Called once per test session, right after load_demo."""
    global _copy
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_copy)


def restore():
    """The demo content as load_demo left it (call outside a transaction)."""
    if _copy is None:
        call_command("load_demo", verbosity=0)
        return
    connection.ensure_connection()
    _copy.backup(connection.connection)
