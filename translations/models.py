"""What the newsroom knows of each translation: one row per translated field of an
item, per language, written on every save (``tracking.py``)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldTranslation(models.Model):
    """One field of one item in one language: when its text last changed and by whom,
    and, for a translation, the text of the original it was written (or checked)
    against. It is *stale* when the original has changed since."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=50)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    #: The release or event a part (a quote, an image...) belongs to; the item itself
    #: otherwise: the lists and the dashboard ask "is anything of this release behind?".
    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField()

    changed_at = models.DateTimeField(_("text changed on"), null=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: For a translation: the original's text it was written or checked against (what
    #: the "see what changed" diff starts from).
    source_text = models.TextField(blank=True)
    stale = models.BooleanField(_("behind the original"), default=False)
    stale_since = models.DateTimeField(_("behind since"), null=True)
    checked_at = models.DateTimeField(_("checked on"), null=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="field_translation_once",
            )
        ]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="field_translation_owner_idx"),
            models.Index(
                fields=["stale", "language", "stale_since"], name="field_translation_stale_idx"
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}/{self.object_id} {self.field} [{self.language}]"
