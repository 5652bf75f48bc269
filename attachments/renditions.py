"""Image processing, done once at upload: never while a public page is served.

The stored "original" is re-encoded by Pillow from the decoded pixels, turned
upright by its EXIF orientation, with no metadata (GPS, camera, author) left.
Renditions at a few widths are written next to it, as WebP and as a JPEG
fallback, so templates can offer ``srcset``/``sizes`` with known dimensions.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

WIDTHS = (320, 640, 1024, 1600)
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}


def upright_without_metadata(image):
    """The first frame, turned by its EXIF orientation, with no metadata at all: Pillow
    writes back what ``info`` holds (EXIF, XMP, JPEG comments), so ``info`` is emptied."""
    image.seek(0)
    upright = ImageOps.exif_transpose(image).copy()
    upright.info = {}
    return upright


def _eight_bit(image):
    """16- and 32-bit pixels scaled to 8 bits (a plain convert would clip them to white)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _flatten(image):
    """RGB for JPEG: transparency on white, as a browser would show it on our pages."""
    image = _eight_bit(image)
    if image.mode in ("RGBA", "LA", "PA", "P"):
        image = image.convert("RGBA")
        background = PILImage.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def clean_original(image):
    """(bytes, extension, width, height) of the upright, metadata-free original."""
    fmt = "JPEG" if image.format == "MPO" else image.format
    icc = image.info.get("icc_profile")  # colour, not personal data: kept
    upright = upright_without_metadata(image)
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        data = _encode(_flatten(upright), "JPEG", quality=92, optimize=True, **options)
    elif fmt == "PNG":
        data = _encode(upright, "PNG", optimize=True, **options)
    else:
        data = _encode(upright, "WEBP", quality=90, **options)
    return data, EXTENSIONS[fmt], upright.width, upright.height


def make_renditions(image, folder):
    """Write every rendition under ``folder``; return their descriptions. On any
    failure the files already written are removed before the error goes on."""
    upright = _eight_bit(upright_without_metadata(image))
    renditions, written = [], []
    widths = [w for w in WIDTHS if w < upright.width] + [min(upright.width, WIDTHS[-1])]
    try:
        for width in sorted(set(widths)):
            height = max(1, round(upright.height * width / upright.width))
            resized = upright.resize((width, height), PILImage.Resampling.LANCZOS)
            has_alpha = resized.mode in ("RGBA", "LA", "PA", "P")
            webp = _encode(resized.convert("RGBA" if has_alpha else "RGB"), "WEBP", quality=80)
            jpeg = _encode(_flatten(resized), "JPEG", quality=82, optimize=True, progressive=True)
            entry = {"width": width, "height": height}
            for key, data, ext in (("webp", webp, "webp"), ("jpeg", jpeg, "jpg")):
                entry[key] = default_storage.save(f"{folder}/{width}.{ext}", ContentFile(data))
                written.append(entry[key])
            renditions.append(entry)
    except Exception:
        delete_files(written)
        raise
    return renditions


def delete_files(paths):
    for path in paths:
        if path and default_storage.exists(path):
            default_storage.delete(path)
