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
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _flatten(image):
    """RGB for JPEG: transparency on white, as a browser would show it on our pages."""
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = PILImage.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def clean_original(image):
    """(bytes, extension, width, height) of the upright, metadata-free original."""
    fmt = image.format
    upright = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")  # colour, not personal data: kept
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        data = _encode(_flatten(upright), "JPEG", quality=92, optimize=True, **options)
    elif fmt == "PNG":
        data = _encode(upright, "PNG", optimize=True, **options)
    else:
        data = _encode(upright, "WEBP", quality=90, **options)
    return data, EXTENSIONS[fmt], upright.width, upright.height


def make_renditions(image, folder):
    """Write every rendition under ``folder``; return their descriptions."""
    upright = ImageOps.exif_transpose(image)
    renditions = []
    widths = [w for w in WIDTHS if w < upright.width] + [min(upright.width, WIDTHS[-1])]
    for width in sorted(set(widths)):
        height = round(upright.height * width / upright.width)
        resized = upright.resize((width, height), PILImage.Resampling.LANCZOS)
        has_alpha = resized.mode in ("RGBA", "LA", "P")
        webp = _encode(resized.convert("RGBA" if has_alpha else "RGB"), "WEBP", quality=80)
        jpeg = _encode(_flatten(resized), "JPEG", quality=82, optimize=True, progressive=True)
        entry = {"width": width, "height": height}
        for key, data, ext in (("webp", webp, "webp"), ("jpeg", jpeg, "jpg")):
            entry[key] = default_storage.save(f"{folder}/{width}.{ext}", ContentFile(data))
        renditions.append(entry)
    return renditions


def delete_files(paths):
    for path in paths:
        if path and default_storage.exists(path):
            default_storage.delete(path)
