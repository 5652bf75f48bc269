"""The version of what the public sees (see caching.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicVersion(models.Model):
    """One row that changes whenever public content is saved or deleted
    (caching.py): HTTP validators and fragment cache keys are made from it.

    ``token`` is random, so a database restored from a backup, or a test rolled
    back, brings back the token that went with that content and never reuses one
    for different content. ``changed_at`` is when it last changed (the
    ``Last-Modified`` of pages, together with the clock's go-lives and expiries).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "newsroom_publicversion"  # made when it lived in newsroom/: kept as it is
        verbose_name = _("public content version")
        verbose_name_plural = _("public content versions")

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
