"""Blocks of the home app's own page types: videos in German Sign Language (DGS)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Formats a browser plays in <video> without plug-ins; also listed in WAGTAILDOCS_EXTENSIONS.
VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}

# "2:45" (minutes and seconds) or "1:02:45" (hours, minutes, seconds).
DURATION_PATTERN = re.compile(
    r"^(?:(?P<hours>\d{1,2}):(?P<hour_minutes>[0-5]\d)|(?P<minutes>\d{1,3})):(?P<seconds>[0-5]\d)$"
)


def parse_duration(text):
    """``(hours, minutes, seconds)`` of an editor's duration such as "2:45", else None."""
    match = DURATION_PATTERN.match((text or "").strip())
    if match is None:
        return None
    if match["hours"] is not None:
        return int(match["hours"]), int(match["hour_minutes"]), int(match["seconds"])
    return 0, int(match["minutes"]), int(match["seconds"])


def iso_duration(text):
    """The duration as ISO 8601 (``PT2M45S``) for ``<time datetime>``, or "" if invalid."""
    parts = parse_duration(text)
    if parts is None:
        return ""
    amounts = "".join(
        f"{amount}{unit}" for amount, unit in zip(parts, "HMS", strict=True) if amount
    )
    return f"PT{amounts or '0S'}"


validate_duration = RegexValidator(
    DURATION_PATTERN,
    _("Enter the duration as minutes:seconds, e.g. 2:45 (or hours:minutes:seconds)."),
)


class SignLanguageVideoBlock(blocks.StructBlock):
    """One video in German Sign Language, with a player, a download link and its text."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video file"),
        help_text=_("An MP4 or WebM file from the documents."),
    )
    poster = ImageChooserBlock(
        label=_("Poster image"),
        required=False,
        help_text=_("Shown before the video starts. Optional."),
    )
    duration = blocks.CharBlock(
        label=_("Duration"),
        max_length=8,
        validators=[validate_duration],
        help_text=_("Minutes and seconds, e.g. 2:45."),
    )
    transcript = blocks.TextBlock(
        label=_("Text of the video"),
        required=False,
        help_text=_("What the video says, in German, for people who do not sign."),
    )

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        if video is not None and video.file_extension.lower() not in VIDEO_TYPES:
            raise StructBlockValidationError(
                block_errors={"video": ValidationError(_("Choose an MP4 or WebM file."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value.get("video")
        extension = video.file_extension.lower() if video is not None else ""
        context["video_type"] = VIDEO_TYPES.get(extension, "")
        context["video_format"] = extension.upper()
        context["iso_duration"] = iso_duration(value.get("duration"))
        return context

    class Meta:
        icon = "media"
        label = _("Sign language video")
        template = "home/blocks/sign_language_video.html"


class SignLanguageStreamBlock(blocks.StreamBlock):
    video = SignLanguageVideoBlock()

    class Meta:
        label = _("Videos")
