"""One test at a time, across the parallel test processes, for a resource outside tmp_path.

pytest-xdist runs the suite in one process per core. Most tests touch only their own folder;
the few that share something bigger (the PostgreSQL database they wipe, the printer queue whose
output folder tells one job from another) take an exclusive lock named for that resource, so
they wait for each other and for nothing else. The lock is an flock on a file in the temporary
folder: the kernel lets it go if a process dies holding it.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held(resource: str) -> Iterator[None]:
    """Hold the lock for `resource` (any string: a URL, a folder) for the block's duration."""
    digest = hashlib.sha256(resource.encode()).hexdigest()[:16]
    with (Path(tempfile.gettempdir()) / f"coach-tests-{digest}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
