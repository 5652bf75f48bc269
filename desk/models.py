"""The key in an editor's private calendar feed address: revoked by making a new one."""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _

SALT = "desk.calendar-feed"


def new_key():
    return secrets.token_urlsafe(24)


class CalendarFeedKey(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_key",
    )
    key = models.CharField(_("key"), max_length=64, default=new_key)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self):
        return str(self.user)

    @property
    def token(self):
        """The signed part of the feed's address: the user and this key."""
        return signing.Signer(salt=SALT).sign(f"{self.user_id}.{self.key}")

    def renew(self):
        """A new address; the old one stops working at once."""
        self.key = new_key()
        self.save()

    @classmethod
    def from_token(cls, token):
        """The key a token names, if its signature holds and it was not renewed since."""
        try:
            user_id, key = signing.Signer(salt=SALT).unsign(token).split(".", 1)
        except (signing.BadSignature, ValueError):
            return None
        return (
            cls.objects.select_related("user")
            .filter(user_id=user_id, key=key, user__is_active=True)
            .first()
        )
