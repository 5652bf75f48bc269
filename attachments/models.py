"""Images and documents attached to releases and events, plus logos and portraits.

Files are stored under generated keys (``images/<key>/…``, ``documents/<key>/…``),
never under the client's name, and are served by ``attachments.views`` only to
those allowed to see their release or event (see ``is_public``).
"""

import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from events.models import Event
from newsroom.languages import language_name
from newsroom.publishing import Status, live_q
from releases.models import PressRelease

from . import renditions
from .validation import (
    document_type,
    open_image,
    validate_document_upload,
    validate_image_upload,
)

#: A copyright sign typed before the holder's name: ©, (c), "Copyright", "Copyright ©".
COPYRIGHT_SIGN = re.compile(r"^\s*(?:copyright\b\s*)?(?:©|\(c\))?\s*", re.IGNORECASE)


def new_key():
    return secrets.token_urlsafe(18)


def image_path(instance, filename):
    return f"images/{instance.key}/{filename}"


def document_path(instance, filename):
    return f"documents/{instance.key}/{filename}"


class Attachment(models.Model):
    """What images and documents share: a key, an owner, an order."""

    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    @property
    def workflow_owner(self):
        """The release or event this belongs to (None for a logo, a portrait or an image
        placed in a text): changed by whoever may change that item."""
        return self.release or self.event

    def owner_is_live(self, now=None):
        owner = self.workflow_owner
        return owner is not None and owner.is_live(now)


class CheckedImageField(models.ImageField):
    """An image field whose form does not let Django open the upload with Pillow
    first: our validator decodes it, with our limits and our messages."""

    def formfield(self, **kwargs):
        return models.FileField.formfield(
            self,
            **{
                "form_class": forms.FileField,
                "widget": forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp"}
                ),
                **kwargs,
            },
        )


class Image(Attachment):
    file = CheckedImageField(
        _("image"),
        upload_to=image_path,
        validators=[validate_image_upload],
        help_text=_(
            "JPEG, PNG or WebP. Turned upright and stripped of its metadata (GPS, "
            "camera) on upload."
        ),
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(default=list, editable=False)
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it. Required in the "
            "release's languages before it can be approved."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or copyright holder.")
    )
    is_lead = models.BooleanField(_("lead picture"), default=False)

    class Meta(Attachment.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt or self.caption or f"{_('image')} {self.key}"

    @property
    def credit_line(self):
        """The credit as shown: "© X", whether the press officer typed "X" or "© X"."""
        holder = COPYRIGHT_SIGN.sub("", self.credit).strip()
        return f"© {holder}" if holder else ""

    def clean(self):
        super().clean()
        release = self.release if self.release_id else None
        if release is not None and release.status == Status.APPROVED:
            # Approval checked the alternative texts; they must stay (see the parity gate).
            from workflow.transitions import required_languages

            missing = [
                language_name(code)
                for code in required_languages()
                if not (getattr(self, f"alt_{code}") or "").strip()
            ]
            if missing:
                raise ValidationError(
                    _("This release is approved: give the alternative text in %(languages)s.")
                    % {"languages": ", ".join(missing)}
                )

    def save(self, *args, **kwargs):
        upload = self.file
        written = []
        replaced = []
        if self.pk and upload and not upload._committed:
            replaced = Image.objects.get(pk=self.pk).paths  # removed once the new one is in
        if upload and not upload._committed:
            upload.seek(0)
            image = open_image(upload.read())
            data, extension, width, height = renditions.clean_original(image)
            self.file.save(f"original.{extension}", ContentFile(data), save=False)
            written.append(self.file.name)
            try:
                self.renditions = renditions.make_renditions(image, f"images/{self.key}")
                written += [r[kind] for r in self.renditions for kind in ("webp", "jpeg")]
                self.width, self.height = width, height
                super().save(*args, **kwargs)
            except Exception:
                renditions.delete_files(written)  # nothing half-saved
                raise
            renditions.delete_files(replaced)
        else:
            super().save(*args, **kwargs)

    @property
    def paths(self):
        return [self.file.name] + [r[k] for r in self.renditions for k in ("webp", "jpeg")]

    def fallback(self):
        """The JPEG rendition for ``src``: the largest up to 1024 pixels wide."""
        fitting = [r for r in self.renditions if r["width"] <= 1024] or self.renditions
        return fitting[-1] if fitting else None

    def is_public(self, now=None):
        """Live release or event, logo or portrait of public reference data, the
        newsroom's logo, or embedded in the text of live content: nothing else is
        served to the public."""
        from organizations.models import Organization, Person

        if self.owner_is_live(now):
            return True
        if self.release_id or self.event_id:
            return False
        if Organization.objects.public(now).filter(logo=self).exists():
            return True
        if self.site_logo_of.exists():  # the newsroom's own logo (identity/)
            return True
        if Person.objects.public(now).filter(portrait=self).exists():
            return True
        if PressRelease.objects.filter(live_q(now)).filter(self.embedded_in("body")).exists():
            return True
        return Event.objects.filter(live_q(now)).filter(self.embedded_in("description")).exists()

    def shown_on(self):
        """For an image of no release or event: where it is a logo or a portrait, and
        the releases and events whose text shows it."""
        from organizations.models import Organization, Person

        shown = [
            PressRelease.objects.filter(self.embedded_in("body")),
            Event.objects.filter(self.embedded_in("description")),
        ]
        for holder in [
            *Organization.objects.filter(logo=self),
            *Person.objects.filter(portrait=self),
        ]:
            shown += holder.shown_on()
        return shown

    def embedded_in(self, field):
        """Items whose rich text ``field`` shows this image (uploaded in the editor)."""
        q = Q()
        for code, _name in settings.LANGUAGES:
            q |= Q(**{f"{field}_{code}__contains": f"/images/{self.key}/"})
        return q


class Document(Attachment):
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        validators=[validate_document_upload],
        help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument."),
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language of the document"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    content_type = models.CharField(max_length=120, editable=False, blank=True)
    kind = models.CharField(_("type"), max_length=30, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)

    class Meta(Attachment.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not any(getattr(self, f"title_{code}", "") for code, _name in settings.LANGUAGES):
            raise ValidationError(_("Give the document a title."))

    def save(self, *args, **kwargs):
        upload = self.file
        if upload and not upload._committed:
            upload.seek(0)
            data = upload.read()
            extension, self.content_type, self.kind = document_type(data)
            self.size = len(data)
            base = slugify(self.title_fr or self.title or "") or "document"
            self.file.save(f"{base[:80]}.{extension}", ContentFile(data), save=False)
            try:
                super().save(*args, **kwargs)
            except Exception:
                renditions.delete_files([self.file.name])
                raise
        else:
            super().save(*args, **kwargs)

    def is_public(self, now=None):
        return self.owner_is_live(now)


@receiver(post_delete, sender=Image)
@receiver(post_delete, sender=Document)
def delete_stored_files(sender, instance, **kwargs):
    """Files go with their row, also when a release's deletion cascades (which does
    not call ``delete()``). Storage housekeeping only, no business rule."""
    paths = instance.paths if isinstance(instance, Image) else [instance.file.name]
    renditions.delete_files(paths)
