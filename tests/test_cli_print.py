"""`coach report` and `coach handout`: PDFs written headless, and errors as one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from coach.app import build_context
from coach.cli import parse_args, run_command
from coach.services.demo import seed_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    context = build_context(folder)
    seed_demo(context)
    context.close(backup=False)
    return folder


def run(*argv: str) -> int:
    return run_command(parse_args(list(argv)))


def text_of(path: Path) -> str:
    # pypdf separates words by tabs in Qt's PDFs; compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_report_writes_every_section(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    assert run("report", "--data-dir", str(demo), "--out", str(out), "--paper", "a4") == 0
    text = text_of(out)
    for section in (
        "Progress sheet",
        "Adherence and pain",
        "Week by week",
        "Outcome scores",
        "Treatments",
        "Warning signs",
        "Current programme",
        "Questions for the therapist",
        "Page 1 of",
    ):
        assert section in text


def test_handout_by_name_and_paper(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    code = run(
        "handout",
        "--data-dir",
        str(demo),
        "--out",
        str(out),
        "--programme",
        "evening CORE",
        "--paper",
        "letter",
    )
    assert code == 0
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = text_of(out)
    assert "Tummy bracing" in text and "Bird dog" in text
    assert "Stop exercising and get medical help today" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("report", "--from", "2020-01-01", "--to", "2020-02-01"), "Nothing was recorded"),
        (("report", "--from", "2026-12-01", "--to", "2026-11-01"), "after it ends"),
        (("handout", "--programme", "No such thing"), "no programme called"),
    ],
)
def test_errors_exit_non_zero(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    message: str,
) -> None:
    out = tmp_path / "x.pdf"
    assert run(*argv, "--data-dir", str(demo), "--out", str(out)) != 0
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_bad_date_and_unwritable_path(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(
            "report",
            "--data-dir",
            str(demo),
            "--out",
            str(tmp_path / "x.pdf"),
            "--from",
            "2026-13-01",
        )
    assert exited.value.code != 0
    assert "not a date" in capsys.readouterr().err
    missing = tmp_path / "no" / "such" / "folder" / "x.pdf"
    assert run("report", "--data-dir", str(demo), "--out", str(missing)) != 0
    assert "Cannot write" in capsys.readouterr().err
