"""The accessibility statement's form "Barriere melden": protected like every public form,
stored as a row, sent to the site's contact by a task after commit, answered by a redirect."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from core.mail import mail_builder, send_after_commit
from core.models import OrganisationSettings
from core.protection import refusal, started_token
from home.models import AccessibilityFeedback

SCOPE = "accessibility-feedback"


def same_site_path(url, request):
    """``/path/?query`` of ``url`` if it points to this site, else None. Foreign addresses
    are never stored, shown back or e-mailed (no open door for phishing links)."""
    url = (url or "").strip()
    if not url or len(url) > 500:
        return None
    host = request.get_host()
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={host}, require_https=False):
        return None
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != host:
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("What is the problem?"),
            "page_url": _("On which page?"),
            "name": _("Your name"),
            "email": _("Your e-mail address"),
        }
        help_texts = {
            "message": _("Describe what did not work, and what you used (e.g. a screen reader)."),
            "page_url": _("The address of the page, e.g. /de/kalender/. Optional."),
            "name": _("Optional."),
            "email": _("Optional: only if you would like an answer."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["message"].required = True
        self.fields["message"].error_messages["required"] = _("Please describe the problem.")
        self.fields["email"].error_messages["invalid"] = _(
            "Please enter a valid e-mail address, or leave the field empty."
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        """Tie each input to its help text and error message for screen readers."""
        errors = self._errors or {}
        for name, field in self.fields.items():
            ids = [f"id_{name}-error"] if name in errors else []
            if field.help_text:
                ids.append(f"id_{name}-help")
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def clean_page_url(self):
        value = self.cleaned_data.get("page_url", "").strip()
        if not value:
            return ""
        path = same_site_path(value, self.request)
        if path is None:
            raise forms.ValidationError(
                _("Please enter an address on this website, or leave the field empty.")
            )
        return path


def initial_page(request):
    """The page the visitor came from: ``?page=`` or the Referer, if it is on this site."""
    for candidate in (request.GET.get("page"), request.META.get("HTTP_REFERER")):
        path = same_site_path(candidate, request)
        if path is not None:
            return path
    return ""


def serve_accessibility_statement(page, request):
    status, error, form = 200, None, None
    if request.method == "POST":
        refused = refusal(request, SCOPE)
        if refused:
            status, error = refused
            # Keep what the visitor wrote for a second try, but no foreign address.
            kept = {name: request.POST.get(name, "") for name in ("message", "name", "email")}
            kept["page_url"] = same_site_path(request.POST.get("page_url"), request) or ""
            form = FeedbackForm(request=request, initial=kept)
        else:
            form = FeedbackForm(request.POST, request=request)
            if form.is_valid():
                feedback = form.save(commit=False)
                feedback.statement = page
                feedback.language = get_language() or ""
                feedback.save()
                send_after_commit("accessibility.feedback", feedback.pk)
                return HttpResponseRedirect(f"{page.get_url(request)}?sent=1#feedback")
            status = 400
            if "page_url" in form.errors:
                # Never show a foreign address back in the form.
                data = form.data.copy()
                data["page_url"] = ""
                form.data = data
    else:
        form = FeedbackForm(request=request, initial={"page_url": initial_page(request)})
    context = page.get_context(request)
    context.update(
        form=form,
        form_error=error,
        started=started_token(),
        sent=request.method == "GET" and request.GET.get("sent") == "1",
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


@mail_builder("accessibility.feedback")
def feedback_notification(feedback_id):
    feedback = AccessibilityFeedback.objects.filter(pk=feedback_id).first()
    if feedback is None:
        return None
    statement = feedback.statement
    recipient = statement.feedback_recipient() if statement is not None else ""
    if not recipient:
        site = Site.objects.filter(is_default_site=True).first()
        recipient = OrganisationSettings.for_site(site).email if site else ""
    if not recipient:
        return None
    # The editors read German, whatever language the visitor wrote from.
    with translation.override(settings.LANGUAGE_CODE):
        base = settings.WAGTAILADMIN_BASE_URL
        lines = [str(_("What is the problem?")), feedback.message, ""]
        if feedback.page_url:
            lines.append(f"{_('Page')}: {base}{feedback.page_url}")
        if feedback.name:
            lines.append(f"{_('Name')}: {feedback.name}")
        if feedback.email:
            lines.append(f"{_('E-mail')}: {feedback.email}")
        lines.append(f"{_('Language')}: {feedback.language}")
        subject = str(_("Barrier reported on the website"))
    return EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[feedback.email] if feedback.email else [],
    )
