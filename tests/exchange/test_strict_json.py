"""The strict JSON reader, and the defects of round 1 it closes (one regression test each)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from coach.domain.dosage import Dosage
from coach.domain.profile import ValidationError
from coach.domain.programme import Progressable, Progression
from coach.exchange import strict_json
from coach.exchange.exercise_format import ExerciseFormatError, load_exercise
from coach.exchange.images import ImageRejected, check_image
from coach.exchange.programme_file import ID_PATTERN
from coach.exchange.strict_json import StrictJsonError


def loads(data: bytes) -> object:
    return strict_json.loads(data, max_bytes=1024 * 1024, what="a test file")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"sets": 1' + b"0" * 400 + b"}", "sets is a number 401 digits long"),
        (b'{"sets": ' + b"9" * 5000 + b"}", "sets is a number 5000 digits long"),
        (b'{"hold": 1e999}', "hold is a number too large"),
        (b'{"hold": -1e400}', "hold is a number too large"),
        (b'{"hold": NaN}', "hold is NaN"),
        (b'{"hold": Infinity}', "hold is Infinity"),
        (b'{"a": {"b": -Infinity}}', "a.b is -Infinity"),
        (b'{"name": "a", "name": "b"}', "name is given twice"),
        (b'{"x": [{"k": 1, "k": 1}]}', "x[1].k is given twice"),
        (b'{"name": "\\ud800"}', "name holds a lone surrogate"),
        (b'{"name": "ok\\udfffok"}', "name holds a lone surrogate"),
        (b'{"\\ud83d": 1}', "a field name"),
        (b'{"note": "a\\u0000b"}', "note holds a NUL character"),
        (b"[" * 40 + b"]" * 40, "nested too deeply"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"\xff\xfe{}", "not text"),
        (b'{"a": ', "not valid JSON"),
        (b'{"a": [1, 2', "ends too soon, so the file may be incomplete"),
        (b'{"a": x}', "at line 1, column 7"),
    ],
)
def test_refusals_are_one_short_line_naming_the_field(data: bytes, reason: str) -> None:
    with pytest.raises(StrictJsonError) as refused:
        loads(data)
    message = refused.value.message
    assert reason in message
    assert "\n" not in message and len(message) < 200


def test_a_huge_field_is_not_echoed_back() -> None:
    key = b'"' + b"k" * 9_000_000 + b'"'
    with pytest.raises(StrictJsonError) as refused:
        strict_json.loads(b"{" + key + b":1," + key + b":2}", max_bytes=20_000_000, what="a file")
    assert len(refused.value.message) < 200


def test_the_size_is_checked_before_parsing() -> None:
    with pytest.raises(StrictJsonError, match="at most"):
        strict_json.loads(b"[" + b"1," * 600_000 + b"1]", max_bytes=1024 * 1024, what="a file")


def test_valid_json_reads_as_plain_values() -> None:
    document = loads('\ufeff{"a": [1, 2.5, -3e2, "é🙂", true, null]}'.encode())
    assert document == {"a": [1, 2.5, -300.0, "é🙂", True, None]}
    assert json.loads(json.dumps(document)) == document


def test_quoted_cuts_and_escapes() -> None:
    assert strict_json.quoted("line\nbreak") == repr("line\nbreak")
    assert len(strict_json.quoted("x" * 10_000)) < 50


@pytest.mark.parametrize("value", ["bridge\n", "bridge\r\n", "\nbridge", "bri dge", "Bridge"])
def test_ids_must_match_whole(value: str) -> None:
    assert ID_PATTERN.fullmatch(value) is None


def test_exercise_files_use_the_strict_reader(tmp_path: Path) -> None:
    path = tmp_path / "bridge.json"
    path.write_bytes(b'{"id": "bridge", "id": "bridge"}')
    with pytest.raises(ExerciseFormatError) as refused:
        load_exercise(path)
    assert refused.value.field == "id"
    assert "given twice" in refused.value.message


@pytest.mark.parametrize("field", ["sets", "reps", "times_per_day", "days_per_week"])
@pytest.mark.parametrize("value", [2.5, 2.0])
def test_counts_are_whole_numbers_in_the_dosage_itself(field: str, value: float) -> None:
    with pytest.raises(ValidationError) as refused:
        Dosage(**{field: value})  # type: ignore[arg-type]
    assert refused.value.field == field


def test_a_progression_of_sets_or_reps_gives_whole_numbers() -> None:
    raised = Progression(Progressable.REPS, 1.5, 12).applied(Dosage(reps=8), weeks=1)
    assert raised.reps == 9 and isinstance(raised.reps, int)


def svg(style: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><style><![CDATA['
        + style
        + ']]></style><rect width="4" height="4"/></svg>'
    ).encode()


@pytest.mark.parametrize(
    "style",
    [
        r'@\69mport "https://example.org/x.css";',
        r"@\000069 mport 'x.css';",
        r"rect { fill: u\72l(https://example.org/a.png) }",
        r"rect { fill: \75 \72 \6c (https://example.org/a.png) }",
        r"rect { fill: url(\68ttps://example.org/a.png) }",
        '@im/**/port "x.css";',
        'rect { background: image-set("https://example.org/a.png" 1x) }',
    ],
)
def test_css_escapes_in_svg_style_are_decoded_before_the_check(style: str) -> None:
    with pytest.raises(ImageRejected):
        check_image(svg(style))


def test_local_css_in_svg_style_is_accepted() -> None:
    assert check_image(svg("rect { fill: url(#shade); stroke: #123 }")).kind.value == "svg"


def test_a_refused_image_message_is_short() -> None:
    data = base64.b64encode(b"x" * 100)
    with pytest.raises(ImageRejected) as refused:
        check_image(data)
    assert len(refused.value.message) < 200
