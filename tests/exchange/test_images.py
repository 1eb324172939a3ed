"""Images from outside Coach: what is accepted, what is refused and the reason given."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from image_samples import make_jpeg

from coach.exchange.images import (
    MAX_BYTES,
    CheckedImage,
    ImageKind,
    ImageRejected,
    check_image,
    read_image,
    store_image,
)

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
SAFE_SVG = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n{SVG_OPEN} viewBox="0 0 10 10">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
    '<circle id="dot" r="2"/></defs>'
    "<style>circle { fill: url(#g); }</style>"
    '<rect width="10" height="10" fill="url(#g)"/>'
    '<use xlink:href="#dot" x="5" y="5"/><use href="#dot"/>'
    "</svg>"
)


def rejected(data: bytes) -> str:
    with pytest.raises(ImageRejected) as caught:
        check_image(data)
    return caught.value.message


def test_png_is_accepted_with_its_pixel_size(png: bytes) -> None:
    image = check_image(png)
    assert (image.kind, image.width, image.height) == (ImageKind.PNG, 4, 3)


def test_jpeg_is_accepted_with_its_pixel_size() -> None:
    image = check_image(make_jpeg(24, 16))
    assert (image.kind, image.width, image.height) == (ImageKind.JPEG, 24, 16)


def test_self_contained_svg_with_local_references_is_accepted() -> None:
    image = check_image(SAFE_SVG.encode())
    assert image.kind is ImageKind.SVG


def test_content_decides_not_the_file_name(tmp_path: Path, png: bytes) -> None:
    disguised = tmp_path / "holiday.jpg"
    disguised.write_bytes(png)
    assert read_image(disguised).kind is ImageKind.PNG
    fake = tmp_path / "picture.png"
    fake.write_bytes(b"MZ\x90\x00 an executable, not a picture")
    with pytest.raises(ImageRejected, match="not a PNG, JPEG or SVG"):
        read_image(fake)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"GIF89a\x01\x00\x01\x00", "not a PNG, JPEG or SVG"),
        (b"%PDF-1.7\n", "not a PNG, JPEG or SVG"),
    ],
)
def test_wrong_magic_is_refused(data: bytes, reason: str) -> None:
    assert reason in rejected(data)


def test_truncated_or_tampered_png_is_refused(png: bytes) -> None:
    assert "cut short" in rejected(png[:30])
    tampered = bytearray(png)
    tampered[20] ^= 0xFF  # a byte inside the IHDR chunk, so its checksum no longer matches
    assert "checksum" in rejected(bytes(tampered))
    assert "end is missing" in rejected(png[:-12])


def test_jpeg_without_a_frame_header_is_refused() -> None:
    assert "no picture size" in rejected(b"\xff\xd8\xff\xd9" + b"\x00" * 4)


def test_oversize_file_is_refused_before_reading(tmp_path: Path, png: bytes) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(png + b"\x00" * MAX_BYTES)
    with pytest.raises(ImageRejected, match=r"at most 5 MB"):
        read_image(big)
    assert "at most 5 MB" in rejected(png + b"\x00" * MAX_BYTES)


@pytest.mark.parametrize(("width", "height"), [(9000, 10), (6000, 6000), (0, 10)])
def test_huge_or_empty_pixel_dimensions_are_refused(width: int, height: int, png: bytes) -> None:
    # A small file may claim a huge canvas: only the header changes (with a valid checksum).
    header = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    forged = png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]
    assert "pixels" in rejected(forged)


def test_huge_jpeg_dimensions_are_refused() -> None:
    data = bytearray(make_jpeg())
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", 20000, 20000)
    assert "20000 x 20000 pixels" in rejected(bytes(data))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<script>alert(1)</script>", "a script"),
        ('<rect width="1" height="1" onclick="steal()"/>', "event handler (onclick"),
        ('<a xlink:href="https://example.org/x"><rect width="1" height="1"/></a>', "outside"),
        ('<image href="file:///etc/passwd" width="1" height="1"/>', "outside itself"),
        ('<image href="data:image/png;base64,AAAA" width="1" height="1"/>', "outside itself"),
        ('<use xlink:href="other.svg#dot"/>', "outside itself"),
        ("<foreignObject><p>hi</p></foreignObject>", "<foreignobject> element"),
        ("<style>@import url(https://example.org/a.css);</style>", "imports a style sheet"),
        ("<style>rect { fill: url('https://example.org/p.svg#x'); }</style>", "outside"),
        ('<rect style="fill:url(http://example.org/p#x)" width="1" height="1"/>', "outside"),
        ('<a href="#x"><set attributeName="href" to="javascript:x()"/></a>', "animates a link"),
    ],
)
def test_unsafe_svg_is_refused_with_the_reason(body: str, reason: str) -> None:
    assert reason in rejected(f"{SVG_OPEN}>{body}</svg>".encode())


def test_svg_onload_on_the_root_is_refused() -> None:
    assert "onload" in rejected(f'{SVG_OPEN} onload="x()"></svg>'.encode())


@pytest.mark.parametrize(
    "prologue",
    [
        '<!DOCTYPE svg [<!ENTITY lol "lol">]>',
        '<!DOCTYPE svg SYSTEM "file:///etc/passwd">',
        '<!doctype svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/svg11.dtd">',
    ],
)
def test_svg_with_doctype_or_entities_is_refused(prologue: str) -> None:
    assert "DOCTYPE" in rejected(f"{prologue}{SVG_OPEN}></svg>".encode())


def test_svg_with_a_linked_style_sheet_is_refused() -> None:
    data = f'<?xml-stylesheet href="https://example.org/s.css"?>{SVG_OPEN}></svg>'.encode()
    assert "processing instruction" in rejected(data)


def test_broken_or_foreign_xml_is_refused() -> None:
    assert "not well-formed" in rejected(f"{SVG_OPEN}><rect></svg>".encode())
    assert "not an SVG image" in rejected(b"<html><body>hello</body></html>")
    assert "UTF-8" in rejected("<svg>é</svg>".encode("latin-1"))
    declared = f'<?xml version="1.0" encoding="ISO-8859-1"?>{SVG_OPEN}></svg>'.encode()
    assert "ISO-8859-1" in rejected(declared)


def test_store_image_uses_the_content_hash_and_a_private_file(tmp_path: Path, png: bytes) -> None:
    folder = tmp_path / "images"
    image = check_image(png)
    name = store_image(image, folder)
    assert name == image.stored_name and name.endswith(".png") and len(name) == 36
    assert (folder / name).read_bytes() == png
    if os.name == "posix":
        assert (folder / name).stat().st_mode & 0o777 == 0o600
        assert folder.stat().st_mode & 0o777 == 0o700
    assert store_image(check_image(png), folder) == name
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_equal_content_shares_one_file_and_different_content_does_not(
    tmp_path: Path, png: bytes
) -> None:
    first = store_image(check_image(png), tmp_path)
    second = store_image(CheckedImage(ImageKind.JPEG, make_jpeg()), tmp_path)
    assert first != second and second.endswith(".jpg")
