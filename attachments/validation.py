"""What an upload must be before anything is stored.

Images are decoded, not trusted by name: only JPEG, PNG and WebP, within our own
pixel limit (Pillow's bomb warning is an error too), complete, and without
anything hidden after the image data (polyglots). Documents pass an allow-list
checked on their content. Nothing of the client's file name is kept.
"""

import io
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")  # a multi-picture phone JPEG opens as "MPO"
MAX_SIDE = 16_000  # WebP cannot encode more than 16383 pixels on a side
MAX_ASPECT = 30  # a 1-pixel-high strip has no rendition worth showing
MARKUP = (b"<html", b"<script", b"<svg", b"<?php", b"<!doctype", b"<body", b"<iframe")


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def check_size(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _trailing_data(data, fmt):
    """Bytes after the end of the image data: where polyglot payloads hide."""
    if fmt == "PNG":
        end = data.rfind(b"IEND")
        return data[end + 8 :] if end >= 0 else data
    if fmt == "JPEG":
        return data[data.rfind(b"\xff\xd9") + 2 :].rstrip(b"\x00")
    if fmt == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return data[declared:]
    return b""


def open_image(data):
    """Decode ``data`` fully as one of our formats, or raise ValidationError."""
    head = data[:2048].lower()
    if any(marker in head for marker in MARKUP):
        raise ValidationError(
            _(
                "This file contains web page or script code; only photos "
                "are accepted (JPEG, PNG or WebP)."
            ),
            code="markup",
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            image = PILImage.open(io.BytesIO(data), formats=IMAGE_FORMATS)
            width, height = image.size
            if width * height > settings.NEWSROOM_MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("This image has %(pixels)s megapixels; the limit is %(limit)s.")
                    % {
                        "pixels": round(width * height / 1e6, 1),
                        "limit": settings.NEWSROOM_MAX_IMAGE_PIXELS // 1_000_000,
                    },
                    code="too_many_pixels",
                )
            if max(width, height) > MAX_SIDE or max(width, height) > MAX_ASPECT * min(
                width, height
            ):
                raise ValidationError(
                    _(
                        "This image is %(width)s × %(height)s pixels: too long or too narrow to "
                        "show on a page."
                    )
                    % {"width": width, "height": height},
                    code="proportions",
                )
            image.load()
        except ValidationError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(
                _("This image has more than %(limit)s megapixels.")
                % {"limit": settings.NEWSROOM_MAX_IMAGE_PIXELS // 1_000_000},
                code="bomb",
            ) from None
        except UnidentifiedImageError:
            raise ValidationError(
                _("This is not a JPEG, PNG or WebP image."), code="format"
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("This image is truncated or damaged."), code="corrupt"
            ) from None
    if _trailing_data(data, image.format).strip():
        raise ValidationError(
            _(
                "This image carries extra data after the picture; it was "
                "refused. Export it again from a photo editor."
            ),
            code="polyglot",
        )
    return image


def validate_image_upload(upload):
    """Model-field validator: runs in the admin form, before anything is saved."""
    if getattr(upload, "_committed", True):
        return  # a stored file, already checked
    check_size(upload, settings.NEWSROOM_MAX_IMAGE_BYTES)
    open_image(_read(upload))


# Documents: (extension, content type, label) by what the content really is.
PDF = ("pdf", "application/pdf", "PDF")
OOXML = {
    "word/": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "ppt/": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
}
ODF = {
    "application/vnd.oasis.opendocument.text": ("odt", "OpenDocument"),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods", "OpenDocument"),
    "application/vnd.oasis.opendocument.presentation": ("odp", "OpenDocument"),
}


MAX_UNPACKED = 500 * 1024 * 1024  # an office file that unpacks to more is a zip bomb


def document_type(data):
    """(extension, content type, label) of an allowed document, or ValidationError."""
    refused = ValidationError(
        _("Only PDF, Word, Excel, PowerPoint and OpenDocument files are accepted."),
        code="format",
    )
    if any(marker in data[:2048].lower() for marker in MARKUP):
        raise ValidationError(_("This file contains web page or script code."), code="markup")
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(_("This PDF is truncated or damaged."), code="corrupt")
        return PDF
    if not data.startswith(b"PK\x03\x04"):
        raise refused
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise ValidationError(
                _("This document unpacks to an unreasonable size."), code="zip_bomb"
            )
        if "mimetype" in names:
            if archive.getinfo("mimetype").file_size > 100:
                raise refused
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            if mimetype in ODF:
                extension, label = ODF[mimetype]
                return extension, mimetype, label
        if "[Content_Types].xml" in names:
            for prefix, kind in OOXML.items():
                if any(name.startswith(prefix) for name in names):
                    return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        raise ValidationError(_("This document is damaged."), code="corrupt") from None
    raise refused


def validate_document_upload(upload):
    if getattr(upload, "_committed", True):
        return
    check_size(upload, settings.NEWSROOM_MAX_DOCUMENT_BYTES)
    document_type(_read(upload))
