"""Every page in every language: a German page not translated yet has an alias in each locale.

A Turkish visitor who opens an offer that exists only in German stays at ``/tr/…``: the page
there is an *alias* of the German one (Wagtail keeps its content the same as the German
page's, and wagtail-localize's locale synchronisation creates one for every German page in
every other locale). The interface around it (menu, labels, dates, forms, e-mails) is in
the visitor's language, the German content is marked ``lang="de"`` (``content_lang``), and
a notice says that the page exists only in German so far (``fallback_notice``).

What keeps the aliases right is Wagtail's and wagtail-localize's own work, not ours:

- an editor who creates a German page in the admin creates its aliases with it
  (wagtail-localize's ``after_create_page`` hook, for every ``LocaleSynchronization``);
- publishing the German page updates and publishes its aliases, unpublishing unpublishes
  them, moving or deleting it in the admin moves or deletes them (Wagtail, with
  ``WAGTAIL_I18N_ENABLED``);
- translating the page (wagtail-localize's "Translate this page") turns the alias into the
  translation, at the same address.

``synchronise()`` (``manage.py sync_fallbacks``, run by ``load_demo`` and after a
deployment that adds a language) creates the synchronisation of every locale from German
and the aliases of every page that has none yet (pages made outside the admin: imports,
the demo).
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree


@transaction.atomic
def synchronise():
    """Every locale synchronised from the default one, and an alias for every page of the
    default locale that has neither a translation nor an alias in that locale yet. Returns
    the number of aliases created."""
    default = Locale.get_default()
    aliases = Page.objects.filter(alias_of__isnull=False)
    before = aliases.count()
    index = PageIndex.from_database().sort_by_tree_position()
    for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code"):
        # Created without the save signal's own synchronisation (which reads the whole tree
        # once per locale): the one below does the same with one index for all locales.
        LocaleSynchronization.objects.bulk_create(
            [LocaleSynchronization(locale=locale, sync_from=default)], ignore_conflicts=True
        )
        synchronize_tree(default, locale, page_index=index)
    return aliases.count() - before
