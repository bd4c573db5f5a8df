from django.core.management.base import BaseCommand
from wagtail.models import Page

from core.search_index import index_page


class Command(BaseCommand):
    help = "Write the search terms of every live page (core.search_index). Safe to re-run."

    def handle(self, *args, **options):
        pages = Page.objects.live().filter(depth__gt=1).specific()
        count = 0
        for page in pages.iterator(chunk_size=200):
            index_page(page)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Search terms written for {count} pages."))
