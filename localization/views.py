from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from localization import status

PAGE_SIZE = 100


def status_report(request):
    """The translation status of every German page, per target language.

    Filters (GET): ``section`` (id of a top-level section page), ``language`` (a target
    language code), ``p`` (listing page). Unknown values are ignored, so an old bookmark
    still shows the whole report.
    """
    source = status.source_locale()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site is not None else None
    if home is not None and home.locale_id != source.pk:
        home = home.get_translation_or_none(source)

    all_locales = status.target_locales(source)
    language = request.GET.get("language", "")
    if language not in {locale.language_code for locale in all_locales}:
        language = ""
    locales = [locale for locale in all_locales if not language or locale.language_code == language]

    section_pages = status.sections(home)
    section = None
    section_id = request.GET.get("section", "")
    if section_id.isdigit():
        section = next((page for page in section_pages if page.pk == int(section_id)), None)

    paginator = Paginator(status.german_pages(source, home, section), PAGE_SIZE)
    listing_page = paginator.get_page(request.GET.get("p"))
    rows = status.build_rows(listing_page.object_list, source, locales, section_pages)

    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "localization/status_report.html",
        {
            "page_title": _("Translation status"),
            "header_title": _("Translation status"),
            "header_icon": "globe",
            "rows": rows,
            "locales": locales,
            "all_locales": all_locales,
            "language": language,
            "sections": section_pages,
            "section": section,
            "source_locale": source,
            "listing_page": listing_page,
            "paginator": paginator,
            "filter_query": query.urlencode(),
        },
    )
