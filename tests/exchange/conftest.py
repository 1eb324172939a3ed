"""Fixtures for the exchange tests: sample images (see image_samples.py)."""

from __future__ import annotations

import pytest
from image_samples import make_jpeg, make_png


@pytest.fixture
def png() -> bytes:
    return make_png()


@pytest.fixture
def jpeg() -> bytes:
    return make_jpeg()
