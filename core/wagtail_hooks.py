from wagtail import hooks
from wagtail.models import Locale


@hooks.register("before_serve_page")
def attach_active_locale(page, request, serve_args, serve_kwargs):
    """The page being served is almost always in the request's language, which routing has
    already read (``core.request_memo``): hand that record to the page, so that templates
    asking for ``page.locale`` do not read it again."""
    locale = Locale.get_active()
    if page.locale_id == locale.pk:
        page.locale = locale
