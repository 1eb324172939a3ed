"""Checking and keeping images that come from outside Coach (custom exercises, programme files).

An image a user picks, or one inside a programme file someone sent them, is untrusted input that
Coach will later decode and draw. So the content decides what it is, never the file name: PNG
and JPEG are recognised by their signatures and their structure is walked far enough to read
the pixel size (a small file can still claim a huge canvas); SVG is XML that could carry
scripts, event handlers, embedded HTML or references that fetch things from elsewhere, so it is
parsed and refused if it holds any of those. A refusal says why in words the user can act on.

Accepted images are copied into the data folder under a name made from their content hash, so
the same picture chosen twice is stored once and a later edit of the original file changes
nothing inside Coach.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import tempfile
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from coach.domain.errors import UserError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE_PX = 8000
MAX_PIXELS = 24_000_000  # about 96 MB once decoded at 4 bytes a pixel
MAX_SVG_ELEMENTS = 20_000

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"

# Elements that run code, embed other documents or pull in other content.
_FORBIDDEN_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "audio",
        "video",
        "feimage",
    }
)
_ANIMATION_ELEMENTS = frozenset({"set", "animate", "animatemotion", "animatetransform"})
_URL_FUNCTION = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\n)|(.))", re.DOTALL)
_CSS_LOADERS = re.compile(r"(?:image-set|image|src)\s*\(", re.IGNORECASE)  # take bare strings
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_ENCODING_DECLARATION = re.compile(r"""<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']""")


class ImageKind(StrEnum):
    PNG = "png"
    JPEG = "jpeg"
    SVG = "svg"

    @property
    def suffix(self) -> str:
        return ".jpg" if self is ImageKind.JPEG else f".{self.value}"


class ImageRejected(UserError, ValueError):
    """The image was refused; `message` is a sentence for the user."""

    title = "This picture cannot be used"


@dataclass(frozen=True)
class CheckedImage:
    """An image that passed every check. SVG has no pixel size of its own (None)."""

    kind: ImageKind
    data: bytes
    width: int | None = None
    height: int | None = None

    @property
    def stored_name(self) -> str:
        """The file name it is kept under: its content hash, so equal images share a file."""
        return hashlib.sha256(self.data).hexdigest()[:32] + self.kind.suffix


def read_image(path: Path) -> CheckedImage:
    """Read and check an image file the user chose. Raises ImageRejected with the reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImageRejected(_too_big(size))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError as exc:
        raise ImageRejected(f"{path.name} is a folder, not an image file.") from exc
    except FileNotFoundError as exc:
        raise ImageRejected(f"The file {path.name} no longer exists.") from exc
    except OSError as exc:
        raise ImageRejected(f"Coach could not read {path.name}: {exc.strerror or exc}.") from exc
    return check_image(data)


def check_image(data: bytes) -> CheckedImage:
    """Check image bytes: PNG, JPEG or a safe SVG, within the size limits."""
    if not data:
        raise ImageRejected("The file is empty.")
    if len(data) > MAX_BYTES:
        raise ImageRejected(_too_big(len(data)))
    if data.startswith(PNG_SIGNATURE):
        width, height = _png_size(data)
        return CheckedImage(ImageKind.PNG, data, *_within_pixel_limits(width, height))
    if data.startswith(JPEG_SIGNATURE):
        width, height = _jpeg_size(data)
        return CheckedImage(ImageKind.JPEG, data, *_within_pixel_limits(width, height))
    if _looks_like_xml(data):
        _check_svg(data)
        return CheckedImage(ImageKind.SVG, data)
    raise ImageRejected(
        "This file is not a PNG, JPEG or SVG image (whatever its name says). "
        "Save the picture as PNG or JPEG and choose it again."
    )


def store_image(image: CheckedImage, folder: Path) -> str:
    """Copy a checked image into `folder` (created 0700) as a private file (0600).

    Returns the stored file name. Written to a temporary file first and renamed into place, so
    a crash never leaves half an image under the final name.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = image.stored_name
    target = folder / name
    if target.is_file() and target.read_bytes() == image.data:
        return name
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=image.kind.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(image.data)
            out.flush()
            os.fsync(out.fileno())
        if os.name == "posix":
            os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def _too_big(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB; images may be at most "
        f"{MAX_BYTES // 1024 // 1024} MB. Save a smaller copy and choose that."
    )


def _within_pixel_limits(width: int, height: int) -> tuple[int, int]:
    if width <= 0 or height <= 0:
        raise ImageRejected("The image says it has no pixels; the file is probably damaged.")
    if width > MAX_SIDE_PX or height > MAX_SIDE_PX or width * height > MAX_PIXELS:
        raise ImageRejected(
            f"The image is {width} x {height} pixels; at most {MAX_SIDE_PX} pixels a side and "
            f"{MAX_PIXELS // 1_000_000} million pixels in all are accepted. "
            "Save a smaller copy and choose that."
        )
    return width, height


def _png_size(data: bytes) -> tuple[int, int]:
    """Walk the PNG chunks (lengths and checksums) and return the size from IHDR."""
    damaged = "The PNG file is damaged or incomplete"
    offset = len(PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    seen_data = False
    while offset + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        body_end = offset + 8 + length
        if body_end + 4 > len(data):
            raise ImageRejected(f"{damaged} (a part is cut short).")
        body = data[offset + 8 : body_end]
        (crc,) = struct.unpack(">I", data[body_end : body_end + 4])
        if zlib.crc32(kind + body) != crc:
            raise ImageRejected(f"{damaged} (a checksum does not match).")
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise ImageRejected(f"{damaged} (the header is missing).")
            width, height = struct.unpack(">II", body[:8])
            size = (width, height)
        elif kind == b"IDAT":
            seen_data = True
        elif kind == b"IEND":
            if not seen_data:
                raise ImageRejected(f"{damaged} (it holds no picture data).")
            return size
        offset = body_end + 4
    raise ImageRejected(f"{damaged} (the end is missing).")


# Start-of-frame markers carry the picture size; C4 (Huffman tables), C8 (reserved) and CC
# (arithmetic coding conditioning) share the range but are not frames.
_JPEG_FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the JPEG marker segments up to the first frame header and return its size."""
    damaged = "The JPEG file is damaged or incomplete"
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            raise ImageRejected(f"{damaged} (unexpected bytes between its parts).")
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte before a marker
            offset += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # stand-alone markers have no length
            offset += 2
            continue
        if marker in (0xD9, 0xDA):
            break  # end of image or start of scan before any frame header
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if length < 2 or offset + 2 + length > len(data):
            raise ImageRejected(f"{damaged} (a part is cut short).")
        if marker in _JPEG_FRAME_MARKERS:
            if length < 7:
                raise ImageRejected(f"{damaged} (the frame header is too short).")
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    raise ImageRejected(f"{damaged} (no picture size found).")


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _check_svg(data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImageRejected(
            "This SVG file is not UTF-8 text; save it again as plain UTF-8 SVG."
        ) from exc
    lowered = text.lower()
    # Refused before parsing: a document type can declare entities (the "billion laughs"
    # expansion, or external entities that read other files), and SVG needs none of it.
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise ImageRejected(
            "This SVG file has a DOCTYPE or ENTITY declaration, which Coach does not accept "
            "for safety. Export it again without a DOCTYPE."
        )
    declared = _ENCODING_DECLARATION.search(text[:200])
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ImageRejected(
            f"This SVG file says it is {declared.group(1)} text; save it again as UTF-8."
        )
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "pi"))
    root: ET.Element | None = None
    count = 0
    try:
        parser.feed(text)
        parser.close()
        for event in parser.read_events():
            if event[0] == "pi":
                raise ImageRejected(
                    "This SVG file contains a processing instruction (such as a linked style "
                    "sheet); Coach accepts only self-contained SVG."
                )
            element = event[-1]
            if root is None and isinstance(element, ET.Element):
                root = element
            count += 1
    except ET.ParseError as exc:
        raise ImageRejected(f"This SVG file is not well-formed XML ({exc}).") from exc
    if root is None or root.tag not in (f"{{{SVG_NAMESPACE}}}svg", "svg"):
        raise ImageRejected("This XML file is not an SVG image (its top element is not <svg>).")
    if count > MAX_SVG_ELEMENTS:
        raise ImageRejected(
            f"This SVG file has {count} elements; at most {MAX_SVG_ELEMENTS} are accepted."
        )
    for element in root.iter():
        _check_svg_element(element)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _check_svg_element(element: ET.Element) -> None:
    tag = _local(element.tag)
    if tag in _FORBIDDEN_ELEMENTS:
        what = "a script" if tag == "script" else f"a <{_local(element.tag)}> element"
        raise ImageRejected(
            f"This SVG file contains {what}, which could run code or load other content. "
            "Coach accepts only plain drawings."
        )
    for name, value in element.attrib.items():
        attribute = _local(name)
        if attribute.startswith("on"):
            raise ImageRejected(
                f"This SVG file has an event handler ({attribute}=...), which could run code. "
                "Coach accepts only plain drawings."
            )
        if attribute == "href" and not _is_local_reference(value):
            raise ImageRejected(
                f"This SVG file refers to something outside itself ({_shorten(value)}). "
                "Coach accepts only self-contained SVG."
            )
        if (
            tag in _ANIMATION_ELEMENTS
            and attribute == "attributename"
            and (_local(value.split(":")[-1]) == "href")
        ):
            raise ImageRejected(
                "This SVG file animates a link, which can be used to load other content. "
                "Coach accepts only plain drawings."
            )
        _check_css(value)
    if tag == "style":
        _check_css("".join(element.itertext()))


def _decoded_css(css: str) -> str:
    """CSS as its parser sees it: escapes decoded, comments removed.

    Without this, `@\\69mport` or `u\\72l(https://...)` reads as harmless text to a plain
    search but as @import and url() to the renderer.
    """

    def unescape(match: re.Match[str]) -> str:
        hex_digits, newline, other = match.groups()
        if newline is not None:
            return ""
        if other is not None:
            return other
        code = int(hex_digits, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(unescape, css))


def _check_css(raw: str) -> None:
    css = _decoded_css(raw)
    if "@import" in css.lower():
        raise ImageRejected(
            "This SVG file imports a style sheet from elsewhere; Coach accepts only "
            "self-contained SVG."
        )
    if _CSS_LOADERS.search(css):
        raise ImageRejected(
            "This SVG file's style can load pictures from elsewhere (image-set); Coach accepts "
            "only self-contained SVG."
        )
    for match in _URL_FUNCTION.finditer(css):
        target = match.group(2)
        if not _is_local_reference(target):
            raise ImageRejected(
                f"This SVG file loads something from outside itself ({_shorten(target)}). "
                "Coach accepts only self-contained SVG."
            )


def _is_local_reference(value: str) -> bool:
    return value.strip().startswith("#")


def _shorten(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "..."
