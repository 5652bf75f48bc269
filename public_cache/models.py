"""The version of what the public sees (see caching.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicVersion(models.Model):
    """One row that changes whenever public content is saved or deleted
    (caching.py): HTTP validators and fragment cache keys are made from it.

    ``token`` is random, so a database restored from a backup, or a test rolled
    back, brings back the token that went with that content and never reuses one
    for different content. ``schedule`` changes with ``token`` and also when a
    publication date, status or event end changes where the public does not see it
    (a release scheduled): each process reads the clock's instants again then. No
    reader ever sees it.
    """

    token = models.CharField(max_length=32)
    schedule = models.CharField(max_length=16)

    class Meta:
        db_table = "newsroom_publicversion"  # made when it lived in newsroom/: kept as it is
        verbose_name = _("public content version")
        verbose_name_plural = _("public content versions")

    def __str__(self):
        return self.token
