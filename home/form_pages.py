"""Serving editors' form pages: spam protection, 4xx on bad input, notification e-mails."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.response import TemplateResponse
from wagtail.contrib.forms.models import FormSubmission

from core.mail import mail_builder
from core.protection import refusal, started_token


def serve_form_page(page, request):
    status, error = 200, None
    if request.method == "POST":
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        refused = refusal(request, "form")
        if refused:
            status, error = refused
        elif form.is_valid():
            submission = page.process_form_submission(form)
            return page.render_landing_page(request, submission)
        else:
            status = 400
    else:
        form = page.get_form(page=page, user=request.user)
    context = page.get_context(request)
    context.update(form=form, form_error=error, started=started_token())
    return TemplateResponse(request, page.get_template(request), context, status=status)


@mail_builder("form.notification")
def notification(submission_id):
    submission = FormSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None:
        return None
    page = submission.page.specific
    data = submission.get_data()
    labels = {field.clean_name: field.label for field in page.get_form_fields()}
    lines = [f"{labels.get(name, name)}: {value}" for name, value in data.items() if name in labels]
    reply_to = [
        value
        for name, value in data.items()
        if name in labels and isinstance(value, str) and "@" in value and " " not in value
    ][:1]
    return EmailMessage(
        subject=page.subject or page.title,
        body="\n".join(lines) + f"\n\n{settings.WAGTAILADMIN_BASE_URL}{page.url or ''}",
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[address.strip() for address in page.to_address.split(",") if address.strip()],
        reply_to=reply_to,
    )
