"""Giving feedback once, anonymously, and what the organisers read of it.

Who has answered and what they answered are stored apart (``feedback.models``). ``give``
writes the marker and the answers in one transaction: both or neither. Two tabs sending at
the same moment meet the marker's unique constraint; the database decides, one set of
answers is stored and the other tab is told "already".

The figures read the answers alone; a comment may name people, so comments go when the
event's registrations are anonymised (``forget_comments``), while the ratings stay for the
statistics.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from core.i18n import localized_map
from events.models import EventStatus, Forum, Session
from feedback.models import HIGHEST, LOWEST, Answer, Response
from registrations.calendars import sessions_of
from registrations.models import Registration

STORED = "stored"
ALREADY = "already"
RATINGS = range(LOWEST, HIGHEST + 1)


def scale():
    """(rating, its meaning), 1 the lowest: said in words, since German school marks count
    the other way round."""
    words = {
        1: _("not good at all"),
        2: _("not so good"),
        3: _("okay"),
        4: _("good"),
        5: _("very good"),
    }
    return [(rating, words[rating]) for rating in RATINGS]


def language_name(code):
    """A language as the reader calls it ("Arabisch" in the German admin)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@dataclass(frozen=True)
class Block:
    """One set of questions: the event overall (no round, no forum), or the forum the person
    had a place in, in one round."""

    key: str  # "event" or "round-<n>": names the form's fields
    round_number: int | None = None
    forum: Forum | None = None  # of the default-language page
    title: str = ""  # the forum's title in the person's language


EVENT = Block("event")


def blocks_for(registration, locale):
    """The event overall, then each forum the person had a place in, round by round."""
    choices = list(
        registration.choices.filter(seat__isnull=False)
        .select_related("seat")
        .order_by("round_number")
    )
    localized = localized_map([choice.seat for choice in choices], locale)
    return [EVENT] + [
        Block(
            key=f"round-{choice.round_number}",
            round_number=choice.round_number,
            forum=choice.seat,
            title=localized[choice.seat.translation_key].title,
        )
        for choice in choices
    ]


def first_start(registration):
    """When the person's event (or course group) began, or None without a date."""
    return (
        sessions_of(registration)
        .exclude(status=Session.Status.CANCELLED)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def closed_reason(registration, now=None):
    """Why this person cannot give feedback (yet), in their words, or None."""
    if registration.status != Registration.Status.BOOKED:
        return _("Only participants who had a place at the event can give feedback.")
    if registration.page.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    start = first_start(registration)
    if start is None or start > (now or timezone.now()):
        return _(
            "The survey opens when the event has begun. Please come back afterwards: "
            "the link stays the same."
        )
    return None


def already_given(registration):
    return Response.objects.filter(registration=registration).exists()


def give(registration, answers, today=None):
    """Store ``answers`` ((block, rating, comment) each) with no link to ``registration``,
    and mark that it has answered, once: STORED, or ALREADY if it had answered before."""
    today = today or timezone.localdate()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Response.objects.create(registration=registration)
        except IntegrityError:  # answered before, or in another tab a moment ago
            return ALREADY
        Answer.objects.bulk_create(
            Answer(
                page_id=registration.page_id,
                forum=block.forum,
                forum_title=block.forum.title if block.forum else "",
                round_number=block.round_number,
                rating=rating,
                comment=comment,
                language=registration.language,
                submitted_on=today,
            )
            for block, rating, comment in answers
        )
    return STORED


def forget_comments(sender, page_ids, **kwargs):
    """Receiver of ``registrations.signals.registrations_anonymised``: the comments of these
    events may name people, so they go with the personal data; the ratings stay."""
    Answer.objects.filter(page_id__in=page_ids).exclude(comment="").update(comment="")


# --- the organisers' report -------------------------------------------------------------


@dataclass
class BlockReport:
    round_number: int | None
    forum_title: str
    counts: dict = field(default_factory=dict)  # rating → number of answers
    comments: list = field(default_factory=list)  # (comment, language code, language name)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def average(self):
        return sum(r * n for r, n in self.counts.items()) / self.total if self.total else None

    @property
    def bars(self):
        """(rating, its meaning, answers, share in per cent), from the best rating down."""
        total = self.total or 1
        return [
            (
                rating,
                meaning,
                self.counts.get(rating, 0),
                round(100 * self.counts.get(rating, 0) / total),
            )
            for rating, meaning in reversed(scale())
        ]


@dataclass
class Report:
    responses: int
    blocks: list


def _order(key):
    round_number, forum_title = key
    return (round_number is not None, round_number or 0, forum_title)


def report(page):
    """The event's answers, block by block: the event overall first, then the forums by
    round. Blocks are told apart by round and title, so a deleted forum keeps its answers."""
    answers = Answer.objects.filter(page=page)
    blocks = {}
    for round_number, title, rating, count in (
        answers.values("round_number", "forum_title", "rating")
        .annotate(n=Count("pk"))
        .values_list("round_number", "forum_title", "rating", "n")
    ):
        block = blocks.setdefault((round_number, title), BlockReport(round_number, title))
        block.counts[rating] = count
    for round_number, title, comment, language in (
        answers.exclude(comment="")
        .order_by("pk")  # random ids: the order tells nothing about who answered when
        .values_list("round_number", "forum_title", "comment", "language")
    ):
        blocks[(round_number, title)].comments.append((comment, language, language_name(language)))
    ordered = [blocks[key] for key in sorted(blocks, key=_order)]
    overall = blocks.get((None, ""))
    return Report(responses=overall.total if overall else 0, blocks=ordered)


def export_rows(page):
    """Every answer of the event, block by block (not in the order they came in)."""
    return Answer.objects.filter(page=page).order_by(
        F("round_number").asc(nulls_first=True), "forum_title", "pk"
    )


def responses_per_page(pages):
    """``pages`` with ``responses`` (the answers on the event overall: one per person), only
    those that have any."""
    return pages.annotate(
        responses=Count("feedback_answers", filter=Q(feedback_answers__round_number__isnull=True))
    ).filter(responses__gt=0)
