"""Renditions made when an image is saved, not while a visitor waits for a page.

The first request of a page with a new image would otherwise resize it (hundreds of
milliseconds for a large photo, with the page cache empty after publishing). Saving an image
enqueues ``pregenerate_renditions`` after the transaction commits; it makes every rendition
the templates ask for. Production runs it in ``manage.py task_worker``; development and tests
at once. Keep ``TEMPLATE_RENDITIONS`` in step with the ``{% image %}`` tags and
``get_rendition`` calls (core/tests/test_page_cache.py checks the templates against it).
"""

import logging

from django.db import transaction
from django_tasks import task
from wagtail.images import get_image_model

logger = logging.getLogger(__name__)

TEMPLATE_RENDITIONS = (
    "fill-960x540|format-webp",  # components/page_figure.html
    "fill-800x600|format-webp",  # home/home_page.html (hero)
    "width-960|format-webp",  # blocks/figure_block.html
    "fill-640x360|format-webp",  # programmes/includes/card.html
    "height-40|format-webp",  # components/site_header.html (the logo)
    "fill-32x32|format-png",  # components/favicon.html, core.views.favicon
    "fill-180x180|format-png",  # components/favicon.html (phones' home screens)
    "fill-1200x630|format-jpeg",  # press release og:image (press/presenters.py)
)


@task()
def pregenerate_renditions(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return len(image.get_renditions(*TEMPLATE_RENDITIONS))
    except Exception:  # a broken file: the page request will report it as before
        logger.warning("renditions for image #%s failed", image_id, exc_info=True)
        return 0


def image_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    image_id = instance.pk
    transaction.on_commit(lambda: pregenerate_renditions.enqueue(image_id=image_id))
