"""Crafted files for upload tests, made with Pillow."""

import io
import zipfile

from PIL import Image


def jpeg(width=1200, height=800, exif=None, color=(200, 40, 40)):
    image = Image.new("RGB", (width, height), color)
    for x in range(0, width, 40):  # some detail, so it is not a flat colour
        image.paste((x % 255, 90, 160), (x, 0, x + 10, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def png(width=800, height=600, mode="RGBA"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height), (0, 120, 200, 128) if mode == "RGBA" else 1).save(
        buffer, "PNG"
    )
    return buffer.getvalue()


def gps_photo(orientation=6):
    """A 1200×800 photo with GPS coordinates, a camera name and orientation "rotate 90°"."""
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 50.0, 30.0)  # Brussels
    gps[3], gps[4] = "E", (4.0, 21.0, 0.0)
    return jpeg(exif=exif)


def decompression_bomb():
    """A small PNG that claims 400 megapixels."""
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    return buffer.getvalue()


def png_then_html():
    return b"\x89PNG\r\n\x1a\n" + b"<html><body><script>alert(document.cookie)</script></body>"


def svg_with_script():
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b'<script>alert(1)</script><circle r="5"/></svg>'
    )


def truncated_jpeg():
    data = jpeg()
    return data[: len(data) // 2]


def jpeg_with_zip_appended():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.html", "<script>alert(1)</script>")
    return jpeg() + buffer.getvalue()


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def png_of(megapixels):
    side = int((megapixels * 1_000_000) ** 0.5) + 1
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG")
    return buffer.getvalue()


def mpo():
    """A two-picture "MPO" JPEG, as many phones save them."""
    first, second = Image.new("RGB", (800, 600), "red"), Image.new("RGB", (800, 600), "blue")
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def jpeg_with_comment(comment):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(buffer, "JPEG", comment=comment)
    return buffer.getvalue()


def png16(value):
    buffer = io.BytesIO()
    Image.new("I;16", (640, 480), value).save(buffer, "PNG")
    return buffer.getvalue()


def odt_zip_bomb():
    """A small OpenDocument whose "mimetype" entry unpacks to 600 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(600):
                entry.write(chunk)
    return buffer.getvalue()
