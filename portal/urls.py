from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from checkin import document_views as checkin_documents
from core.health import healthz
from core.search import search
from core.sitemap import sitemap_view
from core.views import favicon, robots_txt, serve
from events.views import admin_javascript_catalogue, ics_view
from feedback import views as feedback
from registrations import views as registrations

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's address for its JavaScript strings, served with the translation editor's
    # strings added (events.views.admin_javascript_catalogue).
    path("admin/jsi18n/", admin_javascript_catalogue, name="javascript-catalog"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # For load balancers: database and cache state as JSON, never cached (core/health.py).
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Imported only here: these helpers serve files from disk, for development and SERVE_MEDIA.
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix (/de/, /en/, /tr/, /ar/, /uk/); a request
# for "/" is redirected by LocaleMiddleware to the visitor's best language.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("registration/<int:page_id>/", registrations.submit, name="registration_submit"),
    path("registration/confirm/<str:key>/", registrations.confirm, name="registration_confirm"),
    path("registration/manage/<str:key>/", registrations.manage, name="registration_manage"),
    path("feedback/<str:key>/", feedback.survey, name="feedback_survey"),
    path(
        "registration/calendar/<str:key>.ics",
        registrations.personal_calendar_view,
        name="registration_calendar",
    ),
    path(
        "registration/certificate/<str:key>/",
        checkin_documents.certificate,
        name="registration_certificate",
    ),
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)(?P<name>feed|calendar|timetable)\.ics$", ics_view, name="ics"
    ),
    # Pages: Wagtail's serve view, finding the page in fewer queries (core/views.py).
    re_path(r"^(?P<path>(?:[\w\-]+/)*)$", serve, name="page"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
# A database failure outside a view gets the 503 page too (core/faults.py).
handler500 = "core.faults.server_error"
