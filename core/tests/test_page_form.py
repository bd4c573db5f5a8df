"""The page editor lists each topic, target group, place and programme once, in German."""

from wagtail.models import Locale

from directory.models import Place, Topic
from events.models import EventPage
from programmes.models import ProgrammePage

PROGRAMME = "logik-lotsinnen-in-kinderarztpraxen"


def editor_form(page, user):
    form_class = type(page).get_edit_handler().get_form_class()
    return form_class(instance=page, for_user=user, parent_page=page.get_parent())


def test_multi_selects_list_the_german_records_once(demo, admin_user):
    english = Locale.objects.get(language_code="en")
    topic = Topic.objects.filter(locale__language_code="de").first()
    if not Topic.objects.filter(translation_key=topic.translation_key, locale=english).exists():
        topic.copy_for_translation(english).save()
    page = ProgrammePage.objects.get(locale__language_code="de", slug=PROGRAMME)
    form = editor_form(page, admin_user)
    listed = list(form.fields["topics"].queryset)
    assert listed and all(t.locale.language_code == "de" for t in listed)
    assert len({t.translation_key for t in listed}) == len(listed)
    assert set(listed) == set(Topic.objects.filter(locale__language_code="de"))
    assert all(p.locale.language_code == "de" for p in form.fields["places"].queryset)
    event = EventPage.objects.filter(locale__language_code="de").first()
    programmes = editor_form(event, admin_user).fields["programmes"].queryset
    assert programmes and all(p.locale.language_code == "de" for p in programmes)


def test_a_record_the_page_already_refers_to_stays_a_choice(demo, admin_user):
    english = Locale.objects.get(language_code="en")
    place = Place.objects.filter(locale__language_code="de").first()
    translated = Place.objects.filter(translation_key=place.translation_key, locale=english)
    translated = translated.first() or place.copy_for_translation(english)
    translated.save()
    page = ProgrammePage.objects.get(locale__language_code="de", slug=PROGRAMME)
    page.places = [translated]
    page.save_revision().publish()
    form = editor_form(ProgrammePage.objects.get(pk=page.pk), admin_user)
    assert translated in form.fields["places"].queryset
    assert form.initial["places"] and translated.pk in [
        getattr(p, "pk", p) for p in form.initial["places"]
    ]
