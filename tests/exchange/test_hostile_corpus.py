"""A generated corpus of hostile programme files, run through `coach programme import` in process.

Every file is a mutation of one valid export: wrong types at every field, numbers at and past
every limit, bad encodings, deep nesting, long strings, bad ids, damaged pictures, SVG tricks,
duplicate keys and truncation. Each must be refused with one short line on stderr (no
traceback), leaving the database and the data folder byte for byte as they were. Valid variants
of the same file (limits, Unicode, optional parts left out) must be accepted. The corpus is
generated here with a fixed seed, not committed.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import io
import json
import random
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from image_samples import make_jpeg, make_png

from coach import cli
from coach.commands.programme import import_file
from coach.domain.dosage import RANGES
from coach.services.context import AppContext

SEED = 20261201
Path_ = tuple[str | int, ...]
DOSAGE_FIELDS = ("sets", "reps", "hold_s", "rest_s", "move_s", "return_s", "times_per_day")
CLEAN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
    b'<style>rect { fill: url(#g) }</style><rect width="4" height="4"/></svg>'
)


def base() -> dict[str, Any]:
    """A valid export: two items (fixed days, days a week with a progression), one custom
    exercise with a picture."""
    return {
        "format": "coach-programme",
        "version": 1,
        "programme": {
            "uid": "3f2a9c01-0000-4000-8000-000000000001",
            "template": False,
            "name": "Evening core",
            "goal": "Garden for an hour.",
            "notes": "Stop if the leg pain spreads.",
            "author": {"name": "Dr Lee", "clinic": "Riverside", "contact": "555-0100"},
            "start_date": "2026-03-20",
            "review_date": "2026-04-20",
            "end_date": None,
            "items": [
                {
                    "exercise": "bridge",
                    "dosage": {
                        "sets": 2,
                        "reps": 10,
                        "hold_s": 3,
                        "rest_s": 30,
                        "move_s": 2,
                        "return_s": 2,
                        "sides": "none",
                        "times_per_day": 1,
                    },
                    "days": ["mon", "thu"],
                    "note": "Slowly.",
                },
                {
                    "exercise": "custom-0123456789ab",
                    "dosage": {
                        "sets": 1,
                        "reps": 8,
                        "hold_s": 5,
                        "rest_s": 0,
                        "move_s": 1.5,
                        "return_s": 2,
                        "sides": "both",
                        "times_per_day": 2,
                    },
                    "days_per_week": 4,
                    "progression": {"field": "reps", "step": 2, "limit": 12},
                },
            ],
        },
        "custom_exercises": [
            {
                "id": "custom-0123456789ab",
                "definition": {
                    "name": "Ball squeeze",
                    "summary": "Inner thigh squeeze.",
                    "category": "core",
                    "regions": ["hip"],
                    "position": "sitting",
                    "steps": ["Sit tall.", "Squeeze the ball."],
                    "cautions": ["Stop if your groin hurts."],
                    "dosage": {"sets": 1, "reps": 8},
                    "dosage_source": "Chosen by the therapist.",
                },
                "image": {"media_type": "image/png", "data": b64(make_png(5, 4))},
            }
        ],
    }


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def encoded(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def nodes(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value below the top of the document, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), item
            yield from nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index), item
            yield from nodes(item, (*path, index))


def changed(path: Path_, value: object) -> dict[str, Any]:
    document = base()
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


def dropped(path: Path_) -> dict[str, Any]:
    document = base()
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return document


def name(path: Path_) -> str:
    return ".".join(str(step) for step in path)


# Nullable or optional fields: null there is a valid "not given", so not a hostile swap.
NULLABLE = {"review_date", "end_date", "template", "author", "progression", "image"}
OTHER_TYPES: dict[type, list[object]] = {
    str: [7, ["x"], {"a": 1}, True],
    int: ["3", [3], {"n": 3}, True],
    float: ["1.5", [1.5], False],
    list: ["mon", 3, {"a": 1}],
    dict: ["x", 3, [1]],
    bool: ["true", 1, []],
    type(None): [5, ["x"]],
}


def hostile(rng: random.Random) -> list[tuple[str, bytes]]:
    cases: list[tuple[str, bytes]] = []
    document = base()
    paths = list(nodes(document))

    # Types: every field given a value of another JSON type.
    for path, value in paths:
        for other in OTHER_TYPES[type(value)]:
            cases.append((f"type {name(path)}={other!r}", encoded(changed(path, other))))
    # Missing and null: every required field.
    required = [
        ("format",),
        ("version",),
        ("programme",),
        ("programme", "name"),
        ("programme", "start_date"),
        ("programme", "items"),
        *[("programme", "items", i, key) for i in (0, 1) for key in ("exercise", "dosage")],
        *[("programme", "items", 0, "dosage", key) for key in (*DOSAGE_FIELDS, "sides")],
        ("programme", "items", 0, "days"),
        ("programme", "items", 1, "days_per_week"),
        *[("programme", "items", 1, "progression", key) for key in ("field", "step", "limit")],
        *[("custom_exercises", 0, key) for key in ("id", "definition")],
        *[("custom_exercises", 0, "image", key) for key in ("media_type", "data")],
    ]
    for path in required:
        cases.append((f"missing {name(path)}", encoded(dropped(path))))
        if path[-1] not in NULLABLE and path != ("programme", "items", 0, "days"):
            cases.append((f"null {name(path)}", encoded(changed(path, None))))
    # Numbers at every limit, and past it.
    for item in (0, 1):
        for key in DOSAGE_FIELDS:
            limits = RANGES[key]
            path = ("programme", "items", item, "dosage", key)
            bad: list[object] = [limits.low - 1, limits.high + 1, -limits.high, 10**6, 1e300]
            if key in ("sets", "reps", "times_per_day"):
                bad += [limits.low + 0.5, 2.5, limits.high - 0.5]
            if key in ("move_s", "return_s"):
                bad += [0, limits.low - 0.01]
            for value in bad:
                cases.append((f"limit {name(path)}={value!r}", encoded(changed(path, value))))
            for literal in ("1e999", "-1e999", "NaN", "Infinity", "1" + "0" * 400, "9" * 5000):
                text = encoded(changed(path, 424242)).replace(b"424242", literal.encode())
                cases.append((f"literal {name(path)}={literal[:12]}", text))
    for value in (0, 8, 2.5, -1, 10**30):
        path = ("programme", "items", 1, "days_per_week")
        cases.append((f"limit days_per_week={value!r}", encoded(changed(path, value))))
    for value in (0, -2, 3, 2**63):
        cases.append((f"version={value}", encoded(changed(("version",), value))))
    for step, limit in ((0, 12), (-1, 12), (1.5, 12), (2, 11.5), (2, 51), (2, 0), (2, 1e999)):
        path = ("programme", "items", 1, "progression")
        value = {"field": "reps", "step": step, "limit": limit}
        cases.append((f"progression {step}/{limit}", encoded(changed(path, value))))
    # Text: lone surrogates and NUL in every text field; every limit on length exceeded.
    for path, value in paths:
        if not isinstance(value, str) or path[-2:] == ("image", "data"):
            continue
        marker = "XQXQXQ"
        text = encoded(changed(path, value + marker))
        for bad_char in (b"\\ud800", b"\\udfff", b"\\u0000", b"\\ud83d"):
            cases.append(
                (f"char {name(path)} {bad_char!r}", text.replace(marker.encode(), bad_char))
            )
    limits = {
        ("programme", "name"): 121,
        ("programme", "goal"): 2001,
        ("programme", "notes"): 2001,
        ("programme", "uid"): 37,
        ("programme", "author", "name"): 81,
        ("programme", "author", "clinic"): 121,
        ("programme", "author", "contact"): 201,
        ("programme", "items", 0, "note"): 2001,
        ("programme", "items", 0, "exercise"): 81,
        ("custom_exercises", 0, "definition", "name"): 200,
        ("custom_exercises", 0, "definition", "summary"): 5000,
    }
    for path, length in limits.items():
        for size in (length, length * 50):
            cases.append((f"long {name(path)} {size}", encoded(changed(path, "é" * size))))
    cases.append(("9 MB note", encoded(changed(("programme", "notes"), "n" * 9_000_000))))
    cases.append(("9 MB field name", encoded(changed(("programme", "k" * 9_000_000), 1))))
    cases.append(("11 MB file", encoded(changed(("programme", "notes"), "n" * 11_000_000))))
    for blank in ("", "   ", "\n\t"):
        cases.append((f"blank name {blank!r}", encoded(changed(("programme", "name"), blank))))
    for day in ("2026-02-30", "20260320", "2026-3-20", "tomorrow", "2026-03-20T00:00", ""):
        cases.append((f"date {day!r}", encoded(changed(("programme", "start_date"), day))))
    for days in ([], ["monday"], ["mon", "xyz"], ["MON"], [1, 2]):
        path = ("programme", "items", 0, "days")
        cases.append((f"days {days!r}", encoded(changed(path, days))))
    both = changed(("programme", "items", 0, "days_per_week"), 3)
    cases.append(("days and days_per_week", encoded(both)))
    for sides in ("NONE", "up", "", "left right"):
        path = ("programme", "items", 0, "dosage", "sides")
        cases.append((f"sides {sides!r}", encoded(changed(path, sides))))
    # Ids.
    for bad_id in (
        "bridge\n",
        "bridge\r\n",
        "\nbridge",
        "Bridge",
        "bridge-",
        "-bridge",
        "bri--dge",
        "bri dge",
        "bridge\u0661",
        "ｂridge",
        "a" * 81,
        "../bridge",
    ):
        path = ("programme", "items", 0, "exercise")
        cases.append((f"exercise id {bad_id!r}", encoded(changed(path, bad_id))))
        path = ("custom_exercises", 0, "id")
        cases.append((f"custom id {bad_id!r}", encoded(changed(path, bad_id))))
    path = ("programme", "items", 0, "exercise")
    cases.append(("exercise not in the library", encoded(changed(path, "moonwalk"))))
    twice = base()
    twice["custom_exercises"].append(copy.deepcopy(twice["custom_exercises"][0]))
    cases.append(("custom listed twice", encoded(twice)))
    many = base()
    many["programme"]["items"] = many["programme"]["items"][:1] * 31
    cases.append(("31 items", encoded(many)))
    for key, value in (("category", "yoga"), ("position", "flying"), ("regions", ["tail"])):
        path = ("custom_exercises", 0, "definition", key)
        cases.append((f"definition {key}", encoded(changed(path, value))))
    for key in ("sets", "reps"):
        for value in (2.5, 0, 99, "2"):
            path = ("custom_exercises", 0, "definition", "dosage", key)
            cases.append((f"definition dosage {key}={value!r}", encoded(changed(path, value))))
    path = ("custom_exercises", 0, "definition", "steps")
    cases.append(("definition no steps", encoded(changed(path, []))))
    # Unknown fields and duplicate keys in every object.
    for path, value in [((), document), *paths]:
        if not isinstance(value, dict):
            continue
        extra = base()
        target: Any = extra
        for step in path:
            target = target[step]
        target["colour"] = "red"
        cases.append((f"unknown field in {name(path) or 'top'}", encoded(extra)))
        first = next(iter(value))
        whole = json.dumps(value, ensure_ascii=False)
        doubled = "{" + json.dumps(first) + ": " + json.dumps(value[first]) + ", " + whole[1:]
        text = encoded(document).decode().replace(whole, doubled, 1)
        cases.append((f"duplicate {first} in {name(path) or 'top'}", text.encode()))
    # Encodings.
    text = encoded(document).decode()
    cases += [
        ("utf-16", text.encode("utf-16")),
        ("utf-32", text.encode("utf-32")),
        ("latin-1 é", encoded(changed(("programme", "name"), "Café")).decode().encode("latin-1")),
        (
            "cesu surrogate bytes",
            text.replace("Evening", "Even\udcffing").encode("utf-8", "surrogatepass"),
        ),
        ("overlong slash", text.encode().replace(b"Evening", b"Even\xc0\xafing")),
        ("stray continuation", text.encode().replace(b"Evening", b"Even\x80ing")),
        ("nul bytes", text.encode().replace(b" ", b"\x00", 3)),
        ("empty", b""),
        ("whitespace", b" \n\t "),
        ("bom only", b"\xef\xbb\xbf"),
        ("gzip", b"\x1f\x8b\x08\x00" + bytes(rng.randrange(256) for _ in range(200))),
        ("png", make_png()),
        ("top list", b"[1, 2, 3]"),
        ("top string", b'"coach-programme"'),
        ("top number", b"1"),
        ("other format", encoded({"format": "wger-routine", "version": 1})),
        ("trailing garbage", text.encode() + b" x"),
        ("two documents", text.encode() + text.encode()),
        ("comment", b"// hi\n" + text.encode()),
        ("single quotes", text.replace('"', "'").encode()),
        ("trailing comma", text.encode()[:-1] + b",}"),
    ]
    for _ in range(20):
        noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        cases.append(("random bytes", noise))
    # Nesting.
    for depth in (20, 100, 1000, 100_000):
        cases.append((f"nesting top {depth}", b"[" * depth + b"]" * depth))
        note = encoded(changed(("programme", "items", 0, "note"), "XQXQ"))
        nested = b"[" * depth + b'"x"' + b"]" * depth
        cases.append((f"nesting note {depth}", note.replace(b'"XQXQ"', nested)))
    # Pictures and SVG.
    image = ("custom_exercises", 0, "image")
    png, jpeg = make_png(5, 4), make_jpeg()
    pictures: list[tuple[str, str, bytes | str]] = [
        ("not base64", "image/png", "%%%"),
        ("base64 with spaces", "image/png", b64(png)[:8] + " " + b64(png)[8:]),
        ("empty picture", "image/png", ""),
        ("gif", "image/png", b"GIF89a" + b"\x00" * 40),
        ("png called jpeg", "image/jpeg", png),
        ("jpeg called svg", "image/svg+xml", jpeg),
        ("bmp type", "image/bmp", png),
        ("truncated png", "image/png", png[:30]),
        ("png bad crc", "image/png", png[:29] + bytes([png[29] ^ 0xFF]) + png[30:]),
        ("png no end", "image/png", png[:-12]),
        ("png huge size", "image/png", png[:16] + b"\x7f\xff\xff\xff\x7f\xff\xff\xff" + png[24:]),
        ("png zero size", "image/png", png[:16] + b"\x00" * 8 + png[24:]),
        ("truncated jpeg", "image/jpeg", jpeg[:20]),
        ("jpeg only header", "image/jpeg", b"\xff\xd8\xff"),
    ]
    svg_head = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    svg_tricks = [
        "<script>alert(1)</script>",
        '<rect onload="alert(1)"/>',
        '<image href="https://example.org/x.png"/>',
        '<image xlink:href="file:///etc/passwd"/>',
        '<use href="https://example.org/s.svg#a"/>',
        "<foreignObject><p>hi</p></foreignObject>",
        '<a href="javascript:alert(1)"><rect/></a>',
        '<set attributeName="href" to="https://example.org"/>',
        '<animate attributeName="xlink:href" values="https://example.org"/>',
        "<style>@import 'https://example.org/x.css';</style>",
        r"<style>@\69mport 'x.css';</style>",
        r"<style>@\000069mport 'x.css';</style>",
        r"<style>rect { fill: u\72l(https://example.org/a) }</style>",
        r"<style>rect { fill: \75\72\6c(https://example.org/a) }</style>",
        r"<style>rect { fill: url(\68ttps://example.org/a) }</style>",
        "<style>@im/**/port 'x.css';</style>",
        "<style><![CDATA[@import 'x.css';]]></style>",
        "<style>rect { background: image-set('https://example.org/a.png' 1x) }</style>",
        '<rect style="fill: url(https://example.org/a)"/>',
        r'<rect style="fill: u\72l(https://example.org/a)"/>',
        '<rect fill="url(https://example.org/a#x)"/>',
        '<?xml-stylesheet href="https://example.org/x.css"?><rect/>',
    ]
    for trick in svg_tricks:
        pictures.append(
            (f"svg {trick[:40]}", "image/svg+xml", (svg_head + trick + "</svg>").encode())
        )
    pictures += [
        ("svg doctype", "image/svg+xml", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>'),
        (
            "svg billion",
            "image/svg+xml",
            b"<!DOCTYPE x [<!ENTITY a '" + b"a" * 10 + b"'>]><svg>&a;</svg>",
        ),
        ("svg latin-1", "image/svg+xml", b'<?xml version="1.0" encoding="ISO-8859-1"?><svg/>'),
        ("svg not svg", "image/svg+xml", b"<html><body/></html>"),
        ("svg broken", "image/svg+xml", b"<svg><rect></svg>"),
        ("svg many", "image/svg+xml", (svg_head + "<g/>" * 60_000 + "</svg>").encode()),
        ("svg 6 MB", "image/svg+xml", (svg_head + " " * 6_000_000 + "</svg>").encode()),
    ]
    for label, media, data in pictures:
        value = {"media_type": media, "data": data if isinstance(data, str) else b64(data)}
        cases.append((f"picture {label}", encoded(changed(image, value))))
    # Truncation at random points.
    whole = encoded(document)
    for cut in sorted(rng.sample(range(1, len(whole) - 1), 250)):
        cases.append((f"truncated at {cut}", whole[:cut]))
    return cases


def valid(rng: random.Random) -> list[tuple[str, bytes]]:
    cases: list[tuple[str, bytes]] = [("base", encoded(base()))]
    for key in DOSAGE_FIELDS:
        limits = RANGES[key]
        path = ("programme", "items", 0, "dosage", key)
        for value in (limits.low, limits.high):
            number = int(value) if float(value).is_integer() else value
            cases.append((f"{key}={number}", encoded(changed(path, number))))
        if key in ("sets", "reps", "times_per_day"):  # a whole number written as 3.0
            cases.append((f"{key}={limits.high:.1f}", encoded(changed(path, float(limits.high)))))
    for value in (1, 7):
        cases.append(
            (
                f"days_per_week={value}",
                encoded(changed(("programme", "items", 1, "days_per_week"), value)),
            )
        )
    all_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    cases.append(("every day", encoded(changed(("programme", "items", 0, "days"), all_days))))
    for text in ("Rücken 🙂 αβγ", "ظهر", "e\u0301te\u0301", "x" * 120, "tab\there"):
        cases.append((f"name {text[:10]!r}", encoded(changed(("programme", "name"), text))))
    cases.append(("note 2000", encoded(changed(("programme", "items", 0, "note"), "n" * 2000))))
    for path in (
        ("programme", "goal"),
        ("programme", "notes"),
        ("programme", "author"),
        ("programme", "uid"),
        ("programme", "review_date"),
        ("programme", "items", 0, "note"),
        ("programme", "items", 1, "progression"),
        ("custom_exercises", 0, "image"),
    ):
        cases.append((f"without {name(path)}", encoded(dropped(path))))
    no_custom = base()
    no_custom["programme"]["items"] = no_custom["programme"]["items"][:1]
    del no_custom["custom_exercises"]
    cases.append(("no custom exercises", encoded(no_custom)))
    template = dropped(("programme", "start_date"))
    template["programme"]["template"] = True
    cases.append(("template without a start", encoded(template)))
    svg_picture = {"media_type": "image/svg+xml", "data": b64(CLEAN_SVG)}
    cases.append(("svg picture", encoded(changed(("custom_exercises", 0, "image"), svg_picture))))
    jpeg_picture = {"media_type": "image/jpeg", "data": b64(make_jpeg())}
    cases.append(("jpeg picture", encoded(changed(("custom_exercises", 0, "image"), jpeg_picture))))
    cases.append(("bom and indent", b"\xef\xbb\xbf" + json.dumps(base(), indent=4).encode()))
    cases.append(("ascii escapes", json.dumps(changed(("programme", "name"), "Café 🙂")).encode()))
    thirty = no_custom
    thirty["programme"]["items"] = thirty["programme"]["items"] * 30
    cases.append(("30 items", encoded(thirty)))
    cases.append(("hold 0.5", encoded(changed(("programme", "items", 0, "dosage", "hold_s"), 0.5))))
    rng.shuffle(cases)
    return cases


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the data folder and its hash (the -shm index is shared memory, not data)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file()
        else "folder"
        for path in sorted(folder.rglob("*"))
        if not path.name.endswith("-shm")
    }


def run_import(context: AppContext, path: Path) -> tuple[int, str]:
    """`coach programme import FILE`, in process: the command's code and cli's error handling."""
    args = argparse.Namespace(run=lambda _: import_file(context.own_patient(), path, dry_run=False))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.run_command(args)
    return code, err.getvalue()


def test_every_hostile_file_is_refused_in_one_line_and_changes_nothing(
    patient: AppContext, data_dir: Path, tmp_path: Path
) -> None:
    cases = hostile(random.Random(SEED))
    assert len(cases) >= 1000
    before = snapshot(data_dir)
    path = tmp_path / "incoming.coachprogramme"
    accepted, bad_messages = [], []
    for label, data in cases:
        path.write_bytes(data)
        code, stderr = run_import(patient, path)
        if code == 0:
            accepted.append(label)
            before = snapshot(data_dir)  # reported below; the rest are still checked
            continue
        lines = stderr.splitlines()
        if code != cli.EXIT_USER_ERROR or len(lines) != 1 or len(lines[0]) > 300:
            bad_messages.append((label, code, stderr[:300]))
        assert snapshot(data_dir) == before, label
    print(f"hostile corpus: {len(cases)} tried, {len(cases) - len(accepted)} refused")
    assert accepted == [], "\n".join(accepted)
    assert bad_messages == []


def test_every_valid_variant_is_accepted(patient: AppContext, tmp_path: Path) -> None:
    mine = patient.own_patient()
    cases = valid(random.Random(SEED))
    path = tmp_path / "incoming.coachprogramme"
    refused = []
    for label, data in cases:
        path.write_bytes(data)
        code, stderr = run_import(patient, path)
        if code != 0:
            refused.append((label, stderr))
    print(f"valid variants: {len(cases)} tried, {len(cases) - len(refused)} accepted")
    assert refused == []
    stored = mine.programmes.programmes() + mine.programmes.templates()
    assert len(stored) == len(cases)


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_corpus_runs_the_commands_own_path(
    patient: AppContext, tmp_path: Path, dry_run: bool
) -> None:
    path = tmp_path / "p.coachprogramme"
    path.write_bytes(encoded(base()))
    out = io.StringIO()
    with redirect_stdout(out):
        assert import_file(patient.own_patient(), path, dry_run=dry_run) == 0
    assert "Programme: Evening core" in out.getvalue()


def test_a_failure_after_the_pictures_were_written_leaves_no_images_folder(
    patient: AppContext, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 1: an import that failed inside SQLite left an empty images/ folder behind."""
    mine = patient.own_patient()
    from coach.store import programme_repo

    def fails(*_args: object) -> int:
        raise RuntimeError("the database refused the row")

    path = tmp_path / "p.coachprogramme"
    path.write_bytes(encoded(base()))
    preview = mine.programme_transfer.preview(path)
    before = snapshot(data_dir)
    monkeypatch.setattr(programme_repo, "insert", fails)
    with pytest.raises(RuntimeError):
        mine.programme_transfer.commit(preview)
    assert not (data_dir / "images").exists()
    assert snapshot(data_dir) == before
