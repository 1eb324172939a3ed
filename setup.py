"""Package list for setuptools; everything else is in pyproject.toml.

pyproject.toml alone cannot map the top-level assets/ folder into the package tree, so the list
is built here: every coach.* package (migrations/versions has no __init__.py, hence namespace
discovery), plus assets/ and its folders as the data packages coach.assets.* carrying every file
in them (exercise definitions, templates and their images).
"""

from setuptools import find_namespace_packages, setup

code = find_namespace_packages(include=["coach", "coach.*"], exclude=["*__pycache__*"])
data = ["coach.assets", *(f"coach.assets.{p}" for p in find_namespace_packages(where="assets"))]

setup(
    packages=[*code, *data],
    package_dir={"coach.assets": "assets"},
    package_data={name: ["*"] for name in data} | {"coach.store.migrations": ["*.mako"]},
)
