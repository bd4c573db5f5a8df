"""Hostile and random input at the public forms and query strings (hypothesis): never a 500,
no row written for a refused submission, no markup reflected unescaped.

The demo site is built once per session (conftest.py); each example runs inside the test's
transaction, so rows are counted before and after every single request.
"""

import re
import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from events.models import CalendarPage
from home.models import FormPage
from registrations.models import Registration
from registrations.tests.conftest import started

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    SCRIPT,
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE registrations_registration; --",
    "1' OR '1'='1",
    "1 UNION SELECT password FROM auth_user --",
    "\x00",
    "a\x00b",
    "\x07\x1b[31m\r\n\t",
    "\u202egnp.exe",  # right-to-left override
    "\u200f\u202b\u2066",
    "\ufeff\ud7ff\U0010ffff",
    "A" * 5000,
    "ü" * 300,
    "%00%27%22%3Cscript%3E",
    "../../etc/passwd",
    "{{ 7*7 }}{% debug %}",
    "-1",
    "99999999999999999999999",
    "0x1F",
    "NaN",
    "true",
    "[]",
    '{"a": 1}',
    "",
    " ",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=80),
    st.text(alphabet=string.printable, max_size=300),
    st.builds(lambda a, b: a + SCRIPT + b, st.text(max_size=10), st.text(max_size=10)),
)
# A form value: a string, or the same key repeated with several values.
form_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=4))


def assert_safe(response, sent):
    """No server error, and no sent string containing markup shows up unescaped."""
    assert response.status_code < 500, response.status_code
    if getattr(response, "streaming", False):
        return
    body = response.content.decode("utf-8", errors="replace")
    for value in sent:
        if "<script" in value.lower():
            assert value not in body, value[:80]


def flatten(data):
    for value in data.values():
        if isinstance(value, list):
            yield from value
        else:
            yield value


# --- Forms ----------------------------------------------------------------------------------


@pytest.fixture
def no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def registration_page(demo):
    page = next(
        page
        for page in CalendarPage.objects.live().filter(locale__language_code="de").specific()
        if page.registration_enabled
    )
    return page


def field_names(html):
    return sorted(set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html)))


@pytest.fixture
def registration_fields(client, registration_page, no_rate_limit):
    html = client.get(registration_page.url).content.decode()
    names = [n for n in field_names(html) if n not in {"csrfmiddlewaretoken", "q"}]
    assert {"name", "email", "consent"} <= set(names), names
    return names


def form_data(names, values, extra, valid_started):
    data = {name: values.get(name, "") for name in names}
    data.update(extra)
    if valid_started:
        data["started"] = started()
        data["website"] = ""
    return data


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(["name", "email", "organisation", "consent"]), form_value
    ),
    forum=form_value,
    extra=st.dictionaries(st.text(min_size=1, max_size=20), form_value, max_size=3),
    valid_started=st.booleans(),
)
def test_registration_form(
    client, registration_page, registration_fields, values, forum, extra, valid_started
):
    names = registration_fields
    data = form_data(names, values, extra, valid_started)
    for name in names:
        if name.startswith("forum_"):
            data[name] = forum
    before = Registration.objects.count()
    response = client.post(f"/de/registration/{registration_page.pk}/", data)
    assert_safe(response, list(flatten(data)))
    if response.status_code >= 400:
        assert Registration.objects.count() == before
    else:
        assert Registration.objects.count() <= before + 1


@pytest.fixture
def form_page(demo, no_rate_limit):
    return FormPage.objects.live().get(locale__language_code="de", slug="kontakt")


@pytest.fixture
def form_page_fields(client, form_page):
    html = client.get(form_page.url).content.decode()
    names = [n for n in field_names(html) if n not in {"csrfmiddlewaretoken", "q"}]
    assert names
    return names


@FUZZ
@given(
    values=st.dictionaries(st.text(max_size=30), form_value),
    fill=form_value,
    extra=st.dictionaries(st.text(min_size=1, max_size=20), form_value, max_size=3),
    valid_started=st.booleans(),
)
def test_editors_form_page(client, form_page, form_page_fields, values, fill, extra, valid_started):
    names = [n for n in form_page_fields if n not in {"started", "website"}]
    values = {**dict.fromkeys(names, fill), **values}
    data = form_data(form_page_fields, values, extra, valid_started)
    submissions = FormSubmission.objects.filter(page=form_page)
    before = submissions.count()
    response = client.post(form_page.url, data)
    assert_safe(response, list(flatten(data)))
    if response.status_code >= 400:
        assert submissions.count() == before
    else:
        assert submissions.count() <= before + 1


def test_form_pages_are_fuzzed_with_their_real_fields(form_page_fields, registration_fields):
    """Guards the two tests above: they post the forms' own fields, not guesses."""
    assert "started" in form_page_fields
    assert "started" in registration_fields


@pytest.fixture
def feedback_url(demo, no_rate_limit):
    from home.models import AccessibilityStatementPage

    page = AccessibilityStatementPage.objects.live().get(locale__language_code="de")
    return page.url


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(["message", "page_url", "name", "email"]), form_value, min_size=1
    ),
    valid_started=st.booleans(),
)
def test_accessibility_feedback_form(client, feedback_url, values, valid_started):
    from home.models import AccessibilityFeedback

    html = client.get(feedback_url).content.decode()
    action = re.search(r'<form[^>]*method="post"[^>]*action="([^"]*)"', html)
    url = action.group(1) if action and action.group(1) else feedback_url
    data = form_data(["message", "page_url", "name", "email"], values, {}, valid_started)
    before = AccessibilityFeedback.objects.count()
    response = client.post(url, data)
    assert_safe(response, list(flatten(data)))
    if response.status_code >= 400:
        assert AccessibilityFeedback.objects.count() == before


# --- Query strings --------------------------------------------------------------------------

QUERY_TARGETS = {
    "/de/angebote/": ["topic", "group", "age", "district", "language", "free", "page"],
    "/de/kalender/": [
        "topic",
        "audience",
        "district",
        "language",
        "programme",
        "page",
        "view",
        "month",
    ],
    "/de/kalender/archive/": ["topic", "audience", "district", "page"],
    "/de/presse/": ["year", "topic", "page"],
    "/de/search/": ["q", "page"],
    "/de/kalender/feed.ics": ["topic", "audience", "district", "language", "programme"],
    "/de/presse/feed/rss/": ["programme"],
    "/de/presse/feed/atom/": ["programme"],
}

raw_fragment = st.one_of(
    st.sampled_from(["%ff", "%00", "%", "%zz", "%c3%28", "&&", "==", "%E2%80%AE", "+", ";"]),
    st.text(max_size=20).map(lambda s: quote(s, safe="")),
)


@FUZZ
@given(
    path=st.sampled_from(sorted(QUERY_TARGETS)),
    data=st.data(),
)
def test_query_strings(client, demo, path, data):
    keys = QUERY_TARGETS[path]
    params = data.draw(
        st.lists(
            st.tuples(st.one_of(st.sampled_from(keys), st.text(max_size=10)), hostile_text),
            max_size=6,
        )
    )
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
    response = client.get(f"{path}?{query}")
    assert_safe(response, [v for _k, v in params])


@FUZZ
@given(path=st.sampled_from(sorted(QUERY_TARGETS)), fragments=st.lists(raw_fragment, max_size=8))
def test_broken_query_strings(client, demo, path, fragments):
    keys = QUERY_TARGETS[path]
    query = "&".join(
        f"{keys[i % len(keys)]}={fragment}" if i % 2 else fragment
        for i, fragment in enumerate(fragments)
    )
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500


def test_hostile_search_is_shown_escaped(client, demo):
    response = client.get("/de/search/", {"q": SCRIPT})
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("programme", ["%00", "a%00b", "%ff", "<script>", "x" * 300])
def test_press_feed_with_a_programme_that_is_no_slug_is_not_found(client, demo, kind, programme):
    """Found by the fuzzer on PostgreSQL: a NUL byte reached the database (a 500)."""
    response = client.get(f"/de/presse/feed/{kind}/?programme={programme}")
    assert response.status_code == 404
