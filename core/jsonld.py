import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.security import nonce


def json_ld_script(data, request=None):
    """A ``<script type="application/ld+json">`` element for schema.org data. ``<``, ``>`` and
    ``&`` are escaped, so no value (a title an editor typed) can end the element early. It
    carries the request's Content-Security-Policy nonce (core/security.py), like every inline
    script."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    value = nonce(request)
    attribute = format_html(' nonce="{}"', value) if value else ""
    return mark_safe(f'<script type="application/ld+json"{attribute}>{text}</script>')
