from contextlib import suppress

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import get_language, get_language_info
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Site

from core.models import OrganisationSettings
from core.routing import route_for_site
from core.security import nonce


def serve(request, path):
    """Wagtail's ``serve`` view, with the page found by ``core.routing.route_for_site`` (one
    or two queries where Wagtail makes three to eight). Wagtail uses a route already found
    for the request (``request._wagtail_route_for_request``)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        result = None
        if site is not None:
            components = [component for component in path.split("/") if component]
            with suppress(Http404):
                result = route_for_site(site, request, components)
        request._wagtail_route_for_request = result
    return wagtail_views.serve(request, path)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the page links: the site settings'
    icon where one is chosen, else the portal's own."""
    icon = OrganisationSettings.for_request(request).favicon
    url = icon.get_rendition("fill-32x32|format-png").url if icon else static("favicon.svg")
    return HttpResponseRedirect(url)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"alternates_are_homes": True}, status=404)


def bare_error_page(request, template, status, **context):
    """An error page rendered without a request context: a failing context processor or
    database must not turn the error page itself into an error. In the visitor's language
    and direction, with the request's CSP nonce for its inline style."""
    language = get_language() or settings.LANGUAGE_CODE
    html = loader.get_template(template).render(
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "language_code": language,
            "language_bidi": get_language_info(language)["bidi"],
            "csp_nonce": nonce(request),
            **context,
        }
    )
    return HttpResponse(html, status=status)


def server_error(request):
    return bare_error_page(request, "500.html", 500)
