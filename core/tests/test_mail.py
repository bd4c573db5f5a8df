"""A mail server that fails does not lose what the e-mail was about, and it is tried again."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from core.mail import send_mail_task
from home.models import FormPage


class FlakyBackend(EmailBackend):
    """Refuses the first two deliveries, then delivers into mail.outbox."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures < 2:
            FlakyBackend.failures += 1
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


def test_failed_delivery_is_retried_until_it_goes_through(demo, settings):
    from wagtail.contrib.forms.models import FormSubmission

    settings.EMAIL_BACKEND = "core.tests.test_mail.FlakyBackend"
    FlakyBackend.failures = 0
    page = FormPage.objects.get(slug="kontakt", locale__language_code="de")
    submission = FormSubmission.objects.create(page=page, form_data={"ihr_name": "Anna"})
    result = send_mail_task.enqueue(kind="form.notification", object_id=submission.pk)
    assert result.return_value == "retrying"
    assert FlakyBackend.failures == 2
    assert len(mail.outbox) == 1
    assert FormSubmission.objects.filter(pk=submission.pk).exists()


def test_it_gives_up_after_the_last_attempt(demo, settings):
    from wagtail.contrib.forms.models import FormSubmission

    settings.EMAIL_BACKEND = "core.tests.test_mail.FlakyBackend"
    FlakyBackend.failures = 0
    page = FormPage.objects.get(slug="kontakt", locale__language_code="de")
    submission = FormSubmission.objects.create(page=page, form_data={})
    result = send_mail_task.enqueue(kind="form.notification", object_id=submission.pk, attempt=5)
    assert result.return_value == "failed"
    assert mail.outbox == []
