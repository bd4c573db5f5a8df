import json

from django.utils.safestring import mark_safe


def json_ld_script(data):
    """A ``<script type="application/ld+json">`` element for schema.org data. ``<``, ``>`` and
    ``&`` are escaped, so no value (a title an editor typed) can end the element early."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
