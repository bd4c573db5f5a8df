"""What a programme page shows, loaded in a fixed number of queries."""

from django.utils.functional import cached_property
from django.utils.translation import get_language

from core.cache import cached
from core.i18n import absolute_url, localize_all, localized_rows
from core.jsonld import json_ld_script
from core.sections import sections_for


class ProgrammeDetail:
    def __init__(self, page, request):
        self.page = page
        self.request = request

    @cached_property
    def topics(self):
        return localized_rows(self.page.topics.all())

    @cached_property
    def target_groups(self):
        return localized_rows(self.page.target_groups.all())

    @cached_property
    def places(self):
        return localized_rows(self.page.places.all(), select_related=["district"])

    @cached_property
    def contact(self):
        if self.page.contact_id is None:
            return None
        contact = self.page.contact
        localized = localize_all([contact])[0]
        if localized.organisation_id and localized.organisation_id == contact.organisation_id:
            localized.organisation = contact.organisation
        return localized

    @cached_property
    def fundings(self):
        return list(self.page.fundings.select_related("funder"))

    @cached_property
    def partners(self):
        return list(self.page.partners.select_related("organisation"))

    @cached_property
    def languages(self):
        return list(self.page.languages.all())

    @cached_property
    def sections(self):
        """Slot for other apps: the programme's upcoming courses and events."""
        return sections_for("programme", self.page, self.request)

    def json_ld(self):
        """schema.org data: gathered from the programme's topics, places, partners and
        funders, so kept (per language and host) until the content changes."""
        parts = [self.page.pk, get_language(), self.request.get_host()]
        data = cached("programme-json-ld", parts, self._json_ld_data, request=self.request)
        return json_ld_script(data, self.request)

    def _json_ld_data(self):
        page = self.page
        data = {
            "@context": "https://schema.org",
            "@type": "Service",
            "name": page.title,
            "description": page.teaser,
            "url": absolute_url(page, self.request),
            "inLanguage": get_language(),
        }
        if page.district_id:
            data["areaServed"] = {"@type": "AdministrativeArea", "name": page.district.name}
        if self.topics:
            data["serviceType"] = [topic.name for topic in self.topics]
        if self.target_groups:
            data["audience"] = [
                {"@type": "Audience", "audienceType": group.name} for group in self.target_groups
            ]
        if self.languages:
            data["availableLanguage"] = [
                {"@type": "Language", "name": lang.name, "alternateName": lang.code}
                for lang in self.languages
            ]
        if self.places:
            data["availableChannel"] = [
                {
                    "@type": "ServiceChannel",
                    "serviceLocation": {
                        "@type": "Place",
                        "name": place.name,
                        "address": {
                            "@type": "PostalAddress",
                            "streetAddress": place.street,
                            "postalCode": place.postcode,
                            "addressLocality": place.city,
                            "addressCountry": "DE",
                        },
                    },
                }
                for place in self.places
            ]
        if self.partners:
            data["provider"] = [
                {"@type": "Organization", "name": p.organisation.name} for p in self.partners
            ]
        if self.fundings:
            data["funder"] = [
                {"@type": "Organization", "name": f.funder.name} for f in self.fundings
            ]
        if page.is_free:
            data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
        if page.image_id:
            data["image"] = self.request.build_absolute_uri(page.image.file.url)
        return data
