from django import template

from programmes.vocabulary import OFFER_LANGUAGE_NAMES, RTL_OFFER_LANGUAGES

register = template.Library()


@register.filter
def offer_language_name(code):
    return OFFER_LANGUAGE_NAMES.get(code, code)


@register.filter
def offer_language_dir(code):
    return "rtl" if code in RTL_OFFER_LANGUAGES else "ltr"


@register.simple_tag
def programme_cities(programme):
    """The towns a programme takes place in (from its prefetched places), or its district."""
    cities = []
    for place in programme.places.all():
        if place.city not in cities:
            cities.append(place.city)
    if not cities and programme.district_id:
        cities.append(programme.district.name)
    return ", ".join(cities)
