from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready (the receiver's module reads the models).
        from feedback import views  # noqa: F401  (fills the personal page's "personal" slot)
        from feedback.services import forget_comments
        from registrations.signals import registrations_anonymised

        # Comments may name people: they go when the event's registrations are anonymised.
        registrations_anonymised.connect(forget_comments, dispatch_uid="feedback.forget_comments")
