"""Building blocks for ``manage.py load_demo``.

Each app that has demo content puts a ``demo.py`` next to its models with one function,
``load(demo)``, which receives a :class:`DemoBuilder`. The command calls them in the order
of ``INSTALLED_APPS``, so ``home`` (which creates the site tree) runs before the apps that
hang their pages below it.

Every helper here is *create-if-missing*: a page, translation or image that already exists
is returned untouched. Running the command twice therefore creates nothing twice, and it
never overwrites what an editor has changed in the admin.
"""

import colorsys
import hashlib
import io
from collections import Counter

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Orderable, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.locales import sync_locales

# Shown in wagtail-localize's editor beside every string of a demo translation ("Translated
# with … on …") and read by the translation report: these strings wait for a native speaker.
DEMO_TRANSLATOR = "Demo-Übersetzung, noch von Muttersprachler*innen zu prüfen"


class DemoBuilder:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = Counter()
        sync_locales()
        if Collection.get_first_root_node() is None:  # e.g. after a database flush
            Collection.add_root(name="Root")
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.site = Site.objects.filter(is_default_site=True).first()
        # Set by home/demo.py; later apps put their pages below it.
        self.home = None
        self._new_pages = set()

    # --- output ---------------------------------------------------------------------------
    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def _count(self, kind, label):
        self.created[kind] += 1
        self.log(f"  + {kind}: {label}")

    # --- pages ----------------------------------------------------------------------------
    @transaction.atomic
    def page(self, parent, model, *, slug, **fields):
        """The child of ``parent`` with this slug; created and published if it is missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        for value in fields.values():
            if isinstance(value, list):
                # Inline records keep the order they are written in (modelcluster leaves
                # sort_order empty for records given to the constructor, and PostgreSQL
                # returns rows without an order in any order).
                for position, record in enumerate(value):
                    if isinstance(record, Orderable):
                        record.sort_order = position
        page = model(slug=slug, **fields)
        if parent.is_root():
            page.locale = self.locales["de"]
        parent.add_child(instance=page)
        page.save_revision().publish()
        self._new_pages.add(page.pk)
        self._count(model._meta.verbose_name, f"{page.title} ({page.locale.language_code})")
        return page

    def is_new(self, page):
        """Whether this run created ``page`` (so it may still be completed, e.g. with links
        to pages created after it)."""
        return page.pk in self._new_pages

    @transaction.atomic
    def translation(self, page, language, children=None, **fields):
        """``page`` in ``language``; copied, filled with ``fields`` and published if missing.

        The parent must already exist in that language (translate top-down).
        """
        locale = self.locales[language]
        existing = page.get_translation_or_none(locale)
        if existing is not None and existing.alias_of_id is None:
            return existing.specific
        if existing is not None:
            # The German page's stand-in in that language (localization.fallbacks) becomes
            # the translation, as wagtail-localize's "Translate this page" does it.
            existing.alias_of_id = None
            existing.save(update_fields=["alias_of_id"], clean=False)
            translated = existing.specific
        else:
            translated = page.copy_for_translation(locale)
        slug = fields.pop("slug", None)
        if slug and slug != translated.slug:
            # The copy was never live: give it its own slug quietly, without the redirect
            # that renaming a page through save() would leave behind.
            translated.slug = slug
            translated.set_url_path(translated.get_parent())
            Page.objects.filter(pk=translated.pk).update(slug=slug, url_path=translated.url_path)
        for name, value in fields.items():
            setattr(translated, name, value)
        if children:
            self.translate_children(translated, children)
        translated.save_revision().publish()
        self._count(
            f"{page.specific_class._meta.verbose_name} translation",
            f"{translated.title} ({language})",
        )
        return translated

    @transaction.atomic
    def translate(self, page, language, children=None, **fields):
        """``page`` in ``language``, translated through wagtail-localize if missing.

        The words are given as for :meth:`translation` (fields, and ``children`` for the
        inline records); they must follow the German page's structure (the same blocks, the
        same number of paragraphs). They go into wagtail-localize's translation memory the way
        an uploaded PO file does, marked as a demo translation to review, and wagtail-localize
        writes and publishes the page: the translation report shows real states, and an
        editor can go on in wagtail-localize's editor. The German page's stand-in in that
        language (localization.fallbacks) becomes the translation, at the same address.
        """
        if language == settings.LEICHTE_SPRACHE:
            # Leichte Sprache is rewritten, not translated sentence by sentence: its pages
            # have blocks and paragraphs of their own, which wagtail-localize cannot map.
            return self.translation(page, language, children=children, **fields)
        locale = self.locales[language]
        existing = page.get_translation_or_none(locale)
        if existing is not None and existing.alias_of_id is None:
            return existing.specific
        page = page.specific
        source, _created = TranslationSource.get_or_create_from_instance(page)
        record, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        po = record.export_po()
        words = _strings(_with_words(page, source.as_instance(), fields, children or {}))
        german = [entry for entry in po if not entry.obsolete]
        if [entry.msgctxt for entry in german] != [segment.path for segment in words]:
            raise ValueError(
                f"The {language} words for {page.title!r} do not follow the German page's "
                f"structure: {[e.msgctxt for e in german]} != {[s.path for s in words]}"
            )
        for entry, segment in zip(german, words, strict=True):
            entry.msgstr = segment.string.data
        record.import_po(po, tool_name=DEMO_TRANSLATOR)
        record.save_target(publish=False)
        translated = page.get_translation(locale).specific
        _check_words(page, translated, fields, children or {})
        translated.get_latest_revision().publish()
        self._count(
            f"{page.specific_class._meta.verbose_name} translation",
            f"{translated.title} ({language}, wagtail-localize)",
        )
        return translated

    def translate_children(self, page, children):
        """Set the words of a translated page's inline records (figures, partners …).

        ``children`` maps a relation name to a list of field dicts, in the records' order.
        """
        for relation, values in children.items():
            for record, fields in zip(getattr(page, relation).all(), values, strict=True):
                for name, value in fields.items():
                    setattr(record, name, value)
                record.save()

    # --- snippets -------------------------------------------------------------------------
    def record(self, model, lookup, **fields):
        """A shared record found by ``lookup`` (German, for translatable models); created
        with ``fields`` if missing."""
        if hasattr(model, "locale"):
            lookup = {**lookup, "locale": self.locales["de"]}
        existing = model.objects.filter(**lookup).first()
        if existing is not None:
            return existing
        record = model.objects.create(**lookup, **fields)
        self._count(model._meta.verbose_name, str(record))
        return record

    def record_translation(self, record, language, **fields):
        locale = self.locales[language]
        existing = record.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translated = record.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
        self._count(f"{record._meta.verbose_name} translation", f"{translated} ({language})")
        return translated

    # --- images ---------------------------------------------------------------------------
    def image(self, title, *, description, credit="", size=(1200, 800)):
        """A generated illustration (soft shapes in the portal's colours) with alt text.

        Deterministic: the same title always draws the same picture, so repeated runs and
        every machine produce identical files. A missing file (media/ deleted) is redrawn.
        """
        image_model = get_image_model()
        image = image_model.objects.filter(title=title).first()
        if image is not None and image.file and image.file.storage.exists(image.file.name):
            return image
        content = ImageFile(io.BytesIO(_illustration(title, size)), name=_file_name(title))
        if image is None:
            image = image_model(title=title, description=description, credit=credit)
            self._count("image", title)
        image.file = content
        image.save()
        return image

    # --- site -----------------------------------------------------------------------------
    def page_root(self):
        """The tree's root node, created if the database has none (e.g. after a flush)."""
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", locale=self.locales["de"]))
        return root

    @transaction.atomic
    def site_root(self, home):
        """Point the default site at ``home`` and retire Wagtail's welcome page."""
        root = self.page_root()
        site = self.site
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        welcome = (
            root.get_children()
            .exclude(pk=home.pk)
            .filter(content_type__app_label="wagtailcore", content_type__model="page")
        )
        for page in welcome:
            if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
                page.delete()
        self.site = site
        return site

    def make_room_for(self, parent, slug):
        """Move Wagtail's welcome page out of the way of a page that needs its slug."""
        for page in parent.get_children().filter(slug=slug):
            if page.specific_class is Page:
                Page.objects.filter(pk=page.pk).update(slug=f"{slug}-wagtail-welcome")
                page.refresh_from_db()


def _with_words(page, copy, fields, children):
    """``copy`` (an unsaved copy of the German ``page``) with the translated words set."""
    for name, value in fields.items():
        if isinstance(value, RichText):  # a RichTextField holds the source HTML
            value = value.source
        setattr(copy, name, value)
        field = copy._meta.get_field(name)
        if isinstance(field, StreamField):
            # wagtail-localize finds a block's words by the block's id: give the translated
            # blocks the ids of the German blocks they translate.
            blocks, originals = getattr(copy, name), getattr(page, name)
            if [b.block_type for b in blocks] != [b.block_type for b in originals]:
                raise ValueError(f"{name} of {page.title!r}: not the German page's blocks")
            for block, original in zip(blocks, originals, strict=True):
                block.id = original.id
    for relation, values in children.items():
        for record, words in zip(getattr(copy, relation).all(), values, strict=True):
            for name, value in words.items():
                setattr(record, name, value)
    return copy


def _check_words(page, translated, fields, children):
    """Fail where wagtail-localize kept the German words: a field or inline model it only
    synchronises (form fields, say) cannot be translated this way. Inline records are
    matched by their translation key, as wagtail-localize matches them."""
    for name, value in fields.items():
        if isinstance(value, str) and getattr(translated, name) != value:
            raise ValueError(f"wagtail-localize does not translate {name!r}")
    for relation, values in children.items():
        records = {
            getattr(record, "translation_key", None): record
            for record in getattr(translated, relation).all()
        }
        for german, words in zip(getattr(page, relation).all(), values, strict=True):
            record = records.get(getattr(german, "translation_key", None))
            for name, value in words.items():
                if record is None or getattr(record, name) != value:
                    raise ValueError(f"wagtail-localize does not translate {relation}.{name}")


def _strings(instance):
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def _file_name(title):
    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]
    return f"demo-{digest}.png"


def _illustration(title, size):
    """Overlapping circles on a pale ground; colours and positions derive from the title."""
    seed = hashlib.sha256(title.encode("utf-8")).digest()
    width, height = size
    hue = seed[0] / 255
    background = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.93, 0.35))
    picture = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(picture, "RGBA")
    for index in range(6):
        byte = seed[1 + index * 4 : 5 + index * 4]
        x = byte[0] / 255 * width
        y = byte[1] / 255 * height
        radius = (0.12 + byte[2] / 255 * 0.25) * min(width, height)
        shade = colorsys.hls_to_rgb((hue + byte[3] / 1020) % 1, 0.45 + index * 0.05, 0.45)
        colour = (*(int(c * 255) for c in shade), 150)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
