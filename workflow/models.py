"""The audit trail of the editorial workflow: every state change, and every edit of
what a scheduled or live item shows."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import State


class StateChange(models.Model):
    """Who moved which item from which state to which, and when. Never edited."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("item number"))
    item = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("at"))
    #: For "edit" and "delete": what changed, as the admin's history records it (JSON).
    change_message = models.TextField(_("change"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        db_table = "newsroom_statechange"  # made when it lived in newsroom/: kept as it is
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"

    @classmethod
    def record(cls, item, action, before, after, user, at):
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            action=action,
            from_state=before,
            to_state=after,
            user=user,
            at=at,
        )

    @classmethod
    def record_edit(cls, obj, action, exposure, user, message=""):
        """A change ("edit") or a deletion ("delete") of something a scheduled or live
        item shows (``exposure``: which of the two); the state does not move."""
        if not isinstance(message, str):
            import json

            message = json.dumps(message)
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            action=action,
            from_state=exposure,
            to_state=exposure,
            user=user,
            at=timezone.now(),
            change_message=message,
        )

    def get_action_display(self):
        from workflow.transitions import action_label

        return action_label(self.action)

    def get_change_message(self):
        """What changed, in the reader's language, with the fields' own labels."""
        from workflow.change_messages import describe

        if not self.change_message:
            return ""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()  # cached
        return describe(self.change_message, model)
