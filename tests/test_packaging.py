"""Distribution: the bundle layout finds its files, and the packaging metadata agrees with itself.

The PyInstaller bundle itself is built and smoke-tested by packaging/build.sh (too slow for the
suite); here we check what that build relies on: assets and migrations copied to the places the
frozen code looks, one application id everywhere, valid .desktop and AppStream files, and icon
files that Windows and macOS can read.
"""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import coach
from coach import paths
from coach.exchange.exercise_format import load_library
from coach.store import migrate
from coach.store.engine import make_engine
from coach.store.migrations import HEAD

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = PACKAGING / "icons"
APP_ID = coach.APP_ID
SPEC = (PACKAGING / "coach.spec").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def spec_data_targets() -> dict[str, str]:
    """The spec's data folders: source path below the repository -> folder inside the bundle."""
    folders = dict(re.findall(r'^([A-Z_]+) = (ROOT(?: / "[^"]+")+)$', SPEC, re.MULTILINE))
    found = re.findall(r'data_files\((ROOT(?: / "[^"]+")+|[A-Z_]+), "([^"]+)"\)', SPEC)
    return {
        "/".join(re.findall(r'"([^"]+)"', folders.get(source, source))): target
        for source, target in found
    }


def copy_like_the_spec(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the bundle layout -------------------------------------------------------------------------


def test_the_spec_copies_assets_and_migrations_where_frozen_code_looks() -> None:
    targets = spec_data_targets()
    assert targets["assets"] == "assets"  # paths.assets_dir(): <bundle>/assets
    migrations = migrate.MIGRATIONS_DIR.relative_to(ROOT).as_posix()
    assert targets[migrations] == migrations  # migrate.py finds them beside its own file


def test_shipped_exercises_load_inside_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "coach" / "_internal"
    copy_like_the_spec(ROOT / "assets", bundle / spec_data_targets()["assets"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert paths.exercises_dir() == bundle / "assets" / "exercises"
    in_bundle = load_library(paths.exercises_dir())
    in_checkout = load_library(ROOT / "assets" / "exercises")
    assert not in_bundle.problems
    assert len(in_bundle.exercises) == len(in_checkout.exercises) > 0


def test_copied_migration_scripts_build_a_database_on_their_own(tmp_path: Path) -> None:
    scripts = tmp_path / "bundle" / "coach" / "store" / "migrations"
    copy_like_the_spec(migrate.MIGRATIONS_DIR, scripts)
    assert not list(scripts.rglob("__pycache__"))
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        migrate.upgrade(engine, script_location=scripts)
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == HEAD
    finally:
        engine.dispose()


def qt_modules_used_by_coach() -> set[str]:
    used = set()
    for path in (ROOT / "coach").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                used.add(node.module.split(".")[1])  # type: ignore[union-attr]
            elif isinstance(node, ast.Import):
                used.update(
                    alias.name.split(".")[1]
                    for alias in node.names
                    if alias.name.startswith("PySide6.")
                )
    return used


def test_the_bundle_excludes_no_qt_module_that_coach_imports() -> None:
    block = SPEC[SPEC.index("UNUSED_QT = [") : SPEC.index("UNUSED_PYTHON")]
    excluded = set(re.findall(r'"(Qt\w+)"', block))
    assert "QtWebEngineCore" in excluded
    used = qt_modules_used_by_coach()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not used & excluded


# --- one application id ------------------------------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()


def test_the_desktop_entry_launches_the_gui_script_with_the_app_icon() -> None:
    entry = desktop_entry()
    assert entry["Exec"].split()[0] in PYPROJECT["project"]["gui-scripts"]
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == coach.APP_NAME
    assert entry["Terminal"] == "false"


def test_the_metainfo_describes_this_app_and_this_version() -> None:
    root = metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.findtext("name") == coach.APP_NAME
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    scripts = set(PYPROJECT["project"]["scripts"]) | set(PYPROJECT["project"]["gui-scripts"])
    assert {binary.text for binary in root.iterfind("provides/binary")} == scripts
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == coach.__version__, "add a release entry for this version"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))
    assert root.find("content_rating[@type='oars-1.1']") is not None
    images = [image.text or "" for image in root.iterfind("screenshots/screenshot/image")]
    assert images
    for image in images:
        assert (PACKAGING / "screenshots" / image.rsplit("/", 1)[-1]).is_file()


def test_the_flatpak_and_the_mac_bundle_use_the_same_id() -> None:
    manifest = (PACKAGING / f"{APP_ID}.yml").read_text(encoding="utf-8")
    assert re.search(rf"^app-id: {re.escape(APP_ID)}$", manifest, re.MULTILINE)
    command = re.search(r"^command: (\S+)$", manifest, re.MULTILINE)
    assert command is not None
    assert command.group(1) in PYPROJECT["project"]["gui-scripts"]
    assert "bundle_identifier=APP_ID" in SPEC


# --- validators -------------------------------------------------------------------------------


@pytest.mark.skipif(
    not (shutil.which("desktop-file-validate") and shutil.which("appstreamcli")),
    reason="needs desktop-file-utils and appstream (apt-get install desktop-file-utils appstream)",
)
def test_the_desktop_entry_and_metainfo_pass_the_validators() -> None:
    result = subprocess.run(
        ["bash", str(PACKAGING / "validate.sh")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- icons ------------------------------------------------------------------------------------

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_the_icon_is_a_square_svg() -> None:
    root = ET.parse(ROOT / "assets" / "icons" / f"{APP_ID}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(part) for part in root.get("viewBox", "").split())
    assert width == height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_icons_exist_in_every_size(size: int) -> None:
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(png.read_bytes()) == (size, size)


def test_the_windows_icon_holds_pngs_from_16_to_256() -> None:
    data = (ICONS / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        side = width or 256  # 0 stands for 256
        assert height == width
        assert (planes, bits) == (1, 32)
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.add(side)
    assert {16, 24, 32, 48, 256} <= sizes


ICNS_PIXELS = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}


def test_the_mac_icon_holds_pngs_up_to_1024() -> None:
    data = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    position, kinds = 8, set()
    while position < len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack_from(">I", data, position + 4)
        body = data[position + 8 : position + length]
        assert png_size(body) == (ICNS_PIXELS[kind], ICNS_PIXELS[kind])
        kinds.add(kind)
        position += length
    assert position == len(data)
    assert {b"icp4", b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds
