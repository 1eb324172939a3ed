"""The command line as a user or a script meets it: exit codes and plain messages."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from coach import __version__
from coach.app import build_context
from coach.cli import EXIT_DATA_ERROR, EXIT_USER_ERROR
from coach.domain.profile import Role


def coach(
    *args: str, data_dir: Path | None = None, timeout: float = 60, **environment: str
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **environment)
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [sys.executable, "-m", "coach", *prefix, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def test_version() -> None:
    result = coach("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Coach {__version__}"


def test_quit_after_startup_shows_the_window_and_exits_0(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    result = coach("--quit-after-startup", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert (data / "coach.db").is_file()


def test_quit_after_startup_on_demo_data(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    assert coach("demo", data_dir=data).returncode == 0
    result = coach("--quit-after-startup", data_dir=data)
    assert result.returncode == 0, result.stderr


def test_the_next_start_paints_the_kept_screen_before_loading_the_database_layer(
    tmp_path: Path,
) -> None:
    data = tmp_path / "demo"
    assert coach("demo", data_dir=data).returncode == 0
    first = coach("--quit-after-startup", data_dir=data, PYTHONPROFILEIMPORTTIME="1")
    assert first.returncode == 0, first.stderr
    assert " sqlalchemy\n" in first.stderr  # no kept screen yet: the data opens first
    assert (data / "first-screen.json").is_file()
    second = coach("--quit-after-startup", data_dir=data, PYTHONPROFILEIMPORTTIME="1")
    assert second.returncode == 0, second.stderr
    assert "coach.ui.main_window\n" in second.stderr
    assert "sqlalchemy" not in second.stderr
    assert "coach.domain.dosage\n" not in second.stderr  # Today's figures need no dosage


def test_a_therapists_next_start_paints_the_kept_caseload_before_loading_the_database_layer(
    tmp_path: Path,
) -> None:
    data = tmp_path / "caseload"
    context = build_context(data)
    context.profile.welcome("Dr Lee", Role.THERAPIST, accepted_notice=True)
    for name in ("Jo Doe", "Ann Lake"):
        context.patients.add(name=name)
    context.close(backup=False)
    first = coach("--quit-after-startup", data_dir=data, PYTHONPROFILEIMPORTTIME="1")
    assert first.returncode == 0, first.stderr
    assert " sqlalchemy\n" in first.stderr  # no kept screen yet: the data opens first
    second = coach("--quit-after-startup", data_dir=data, PYTHONPROFILEIMPORTTIME="1")
    assert second.returncode == 0, second.stderr
    # The page painted is the caseload (its model: the page module comes by import_module,
    # which -X importtime does not list).
    assert "coach.ui.patients.caseload_model\n" in second.stderr
    assert "sqlalchemy" not in second.stderr
    # Nor what the first paint does without: dialogs (the switcher's, boxes), Today's page and
    # the views it shows, the patients' own records.
    for later in (
        "coach.ui.dialogs",
        "coach.ui.pages.today",
        "coach.ui.patients.switcher",
        "coach.services.today_view",
        "coach.domain.patient",
        "coach.domain.dosage",
    ):
        assert later not in second.stderr


def test_the_kept_first_screens_build_bindings_only_for_what_they_show(tmp_path: Path) -> None:
    """PySide6 builds a class's binding (its enums included) when Python first meets the
    class. A widget Qt made (a scroll area's viewport, say) handed to Python has it build every
    widget class's binding to find which one it is, some 40 M instructions before the first
    paint: neither a patient's nor a therapist's kept start asks for one, so the classes Coach
    does not use (QTabWidget, QMdiArea, QWizard stand for them) stay unbuilt. Nor do message
    boxes load before one is shown."""
    patient = tmp_path / "demo"
    assert coach("demo", data_dir=patient).returncode == 0
    therapist = tmp_path / "caseload"
    context = build_context(therapist)
    context.profile.welcome("Dr Lee", Role.THERAPIST, accepted_notice=True)
    context.patients.add(name="Jo Doe")
    context.close(backup=False)
    for data in (patient, therapist):
        assert coach("--quit-after-startup", data_dir=data).returncode == 0  # keeps the screen
        built = widget_bindings_of_a_start(data)
        assert "QListWidget" in built  # the navigation's, which the window made itself
        assert not built & {"QTabWidget", "QMdiArea", "QWizard", "QMessageBox"}, data.name


def widget_bindings_of_a_start(data: Path) -> set[str]:
    """The QtWidgets classes with a binding at the end of a `--quit-after-startup` start on
    `data`, in a fresh interpreter (PySide6 builds a binding when Python first meets a class)."""
    script = (
        "import atexit, runpy, sys\n"
        "def built():\n"
        "    import PySide6.QtWidgets as widgets\n"
        "    print(' '.join(sorted(vars(widgets))))\n"
        "atexit.register(built)\n"
        f"sys.argv = ['coach', '--data-dir', {str(data)!r}, '--quit-after-startup']\n"
        "runpy.run_module('coach', run_name='__main__')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_demo_refuses_a_folder_that_has_a_profile(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    assert coach("demo", data_dir=data).returncode == 0
    again = coach("demo", "--data-dir", str(data))  # the option may follow the command
    assert again.returncode == EXIT_USER_ERROR
    assert "already has a profile" in again.stderr


def test_unknown_database_url_is_a_clear_error(tmp_path: Path) -> None:
    result = coach("--database", "mongodb://somewhere/db", "backup", "now")
    assert result.returncode == EXIT_DATA_ERROR
    assert "cannot be used" in result.stderr
    assert "Traceback" not in result.stderr


def test_newer_database_is_refused_with_a_message_and_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert coach("demo", data_dir=data).returncode == 0
    conn = sqlite3.connect(data / "coach.db")
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = (data / "coach.db").read_bytes()
    result = coach("backup", "now", data_dir=data)
    assert result.returncode == EXIT_DATA_ERROR
    assert "newer version of Coach" in result.stderr
    assert (data / "coach.db").read_bytes() == before


def test_backup_now_list_and_restore(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert coach("demo", data_dir=data).returncode == 0
    taken = coach("backup", "now", data_dir=data)
    assert taken.returncode == 0, taken.stderr
    listed = coach("backup", "list", data_dir=data)
    assert "manual" in listed.stdout
    backup_file = Path(taken.stdout.strip().rsplit(" ", 1)[1])

    before = (data / "coach.db").read_bytes()
    over = coach("backup", "restore", str(backup_file), data_dir=data)
    assert over.returncode == 0, over.stderr
    assert "moved aside to" in over.stdout
    assert (data / "coach.db.before-restore").read_bytes() == before

    (data / "coach.db").rename(tmp_path / "elsewhere.db")
    for sidecar in ("coach.db-wal", "coach.db-shm"):
        (data / sidecar).unlink(missing_ok=True)
    restored = coach("backup", "restore", str(backup_file), data_dir=data)
    assert restored.returncode == 0, restored.stderr
    assert "moved aside" not in restored.stdout
    assert coach("--quit-after-startup", data_dir=data).returncode == 0


def test_demo_window_starts_and_leaves_no_folder_behind(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--demo", "--quit-after-startup"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("coach-demo-*"))


def test_therapist_demo_window_starts_on_a_caseload(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--demo", "--therapist", "--quit-after-startup"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,  # seeding 25 patients' ten weeks on a loaded machine
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("coach-demo-*"))


def test_the_therapist_demo_is_asked_for_before_or_after_the_command() -> None:
    from coach.cli import parse_args

    assert parse_args(["demo", "--therapist"]).therapist is True
    assert parse_args(["--therapist", "demo"]).therapist is True
    assert parse_args(["demo"]).therapist is False


def test_without_a_display_the_window_explains_instead_of_aborting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == EXIT_USER_ERROR
    assert "no desktop display" in result.stderr


WINDOW_STARTS = (
    [],
    ["--quit-after-startup"],
    ["--data-dir", "d", "--quit-after-startup"],
    ["--quit-after-startup", "--data-dir=d", "--database=sqlite:///x.db"],
    ["--demo", "--therapist", "--demo"],
    ["--background", "--database", "sqlite:///x.db", "--database", "sqlite:///y.db"],
    ["--dem", "--backg"],  # abbreviations, as argparse allows them: its parser reads these
)


def test_a_window_start_reads_its_options_as_the_full_parser_does() -> None:
    from coach.cli import build_parser, parse_args

    for argv in WINDOW_STARTS:
        full = build_parser().parse_args(argv)
        assert vars(parse_args(argv)) == vars(full), argv


def test_the_window_start_knows_every_global_option() -> None:
    from coach.cli import WINDOW_FLAGS, WINDOW_VALUES, build_parser

    options = {
        action.option_strings[-1]: (action.dest, action.nargs == 0)
        for action in build_parser()._actions
        if action.option_strings and action.dest not in ("help", "version")
    }
    known = {flag: (dest, True) for flag, dest in WINDOW_FLAGS.items()}
    known |= {option: (dest, False) for option, dest in WINDOW_VALUES.items()}
    assert options == known


def test_a_window_start_does_not_import_the_commands() -> None:
    # Building every subcommand's parser imports its module: the window needs none of them.
    assert commands_imported_by_parsing(["--demo", "--quit-after-startup"]) == []
    assert "coach.commands.demo" in commands_imported_by_parsing(["demo"])


def commands_imported_by_parsing(argv: list[str]) -> list[str]:
    """The coach.commands modules that parsing `argv` imports, in a fresh interpreter."""
    script = (
        "import sys\nfrom coach.cli import parse_args\n"
        f"parse_args({argv!r})\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('coach.commands.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.split()


def test_help_version_commands_and_mistakes_are_read_by_the_full_parser() -> None:
    for argv in (["--help"], ["-h"], ["--version"], ["--ver"], ["--bogus"], ["--demo=1"]):
        result = coach(*argv)
        full = coach_full_parser(*argv)
        assert (result.returncode, result.stdout, result.stderr) == full, argv


def coach_full_parser(*argv: str) -> tuple[int, str, str]:
    """What the full parser alone makes of `argv`: its exit code, output and errors."""
    script = (
        "import sys\nfrom coach.cli import build_parser\n"
        "try:\n    build_parser().parse_args(sys.argv[1:])\n"
        "except SystemExit as done:\n    sys.exit(done.code)\n"
        "sys.exit(99)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def test_the_therapist_demo_counts_its_patients_on_a_terminal_only() -> None:
    from coach.commands.demo import counter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    made = counter(screen)
    assert made is not None
    for done in (1, 2, 3):
        made(done, 3)
    assert screen.getvalue() == (
        "\rMaking example patients: 1 of 3\rMaking example patients: 2 of 3"
        "\rMaking example patients: 3 of 3\n"
    )
    assert counter(io.StringIO()) is None  # piped or captured: the output stays clean
