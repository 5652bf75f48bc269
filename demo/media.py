"""A picture and a document for the demo release, made here (no file to ship).

The picture is a drawn banner, not a photograph; the document is a one-page
PDF with the conference's title. Both go through the same upload path as any
editor's files (validation, metadata stripping, renditions).
"""

import functools
import io

from PIL import Image, ImageDraw

PROGRAMME_TITLE = (
    "Facilitating expertise on social protection, labour and employment - "
    "A boost for sustainable development"
)


@functools.cache
def banner_jpeg(width=1200, height=675):
    image = Image.new("RGB", (width, height), (0, 80, 140))
    draw = ImageDraw.Draw(image)
    for i in range(0, height, 6):  # a soft vertical gradient
        shade = 80 + i * 60 // height
        draw.rectangle([0, i, width, i + 6], fill=(0, shade, 140 + i * 40 // height))
    for n, radius in enumerate((260, 190, 120)):
        cx, cy = width * (3 + n) // 7, height // 2
        draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius], outline=(255, 255, 255), width=12
        )
    draw.text((80, height - 140), "SOCIEUX+  ·  BELINCOSOC  ·  30.05.2017", fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@functools.cache
def programme_pdf():
    """A minimal, valid one-page PDF."""
    text = f"BT /F1 14 Tf 50 780 Td ({PROGRAMME_TITLE[:70]}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
