from events.tests.conftest import calendar_site  # noqa: F401
from registrations.tests.conftest import conference  # noqa: F401
