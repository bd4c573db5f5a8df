"""The one block set every page body shares. Each block has an icon, a template under
templates/blocks/ and a preview value for the admin's block picker."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text gets only what body copy needs: no headings (the heading block does that, so the
# outline stays valid), no images inside paragraphs, no raw HTML.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
        help_text=_("Use a subheading only below a section heading."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Hilfe von Anfang an", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>Familien mit Kindern bis drei Jahre finden hier Beratung, Kurse und "
            "offene Treffpunkte in ihrer Nähe.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text for this use"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the image's own alt text."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    name = blocks.CharBlock(label=_("Name"), max_length=160)
    role = blocks.CharBlock(
        label=_("Role"),
        required=False,
        max_length=200,
        help_text=_("Position and organisation, e.g. “Head of the youth welfare office”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Gute Hilfe kommt dort an, wo Familien ohnehin hingehen.",
            "name": "Dr. Beispiel",
            "role": "Kinderärztin",
        }


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(_("Choose either a page or an external address."))
            raise StructBlockValidationError(block_errors={"page": message})
        return value

    class Meta:
        icon = "link"
        label = _("Button link")
        template = "blocks/link_block.html"
        preview_value = {"label": "Mehr erfahren", "url": "https://www.fruehehilfen.de/"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/document_block.html"


class VideoEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "blocks/embed_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    link = LinkBlock()
    document = DocumentBlock()
    embed = VideoEmbedBlock()

    class Meta:
        label = _("Content")
