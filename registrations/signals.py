"""What registrations tells the apps above it, which it must not import (``tests/test_layering``).

``registrations_anonymised``: sent by ``purge_registrations``' ``anonymise()`` once the
registrations' personal data is gone, with ``page_ids``, the events they belonged to. An app
that keeps something personal about those events (feedback comments) removes it too.
"""

from django.dispatch import Signal

registrations_anonymised = Signal()
