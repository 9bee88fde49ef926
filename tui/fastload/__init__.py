"""Open a dossier file the tool has already validated without the validator (layer 3).

The first time a file's bytes are seen they are validated in full, and if valid, their sha256 is
recorded with the tool's version in the user cache directory. Later, the same bytes under the same
version are read as plain JSON into `records` objects, never importing pydantic. A changed file, a
new version, or a cache entry that cannot be read or does not say what it should, means full
validation: the cache is never trusted over the bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..bundled import cache_dir
from ..reading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from ..validation import Result

try:  # the interpreter's own SHA-256: hashlib loads OpenSSL first, 30 ms of start-up for one small file
    from _sha2 import sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - a build without them
        from hashlib import sha256


def _entry(digest: str) -> Path:
    return cache_dir() / "validated" / digest[:2] / digest


def _stamp(digest: str) -> str:
    return json.dumps({"sha256": digest, "version": __version__})


def known_valid(digest: str) -> bool:
    """Were these bytes validated by this version and found valid? Anything unreadable says no."""
    try:
        return _entry(digest).read_text(encoding="utf-8") == _stamp(digest)
    except (OSError, UnicodeDecodeError):
        return False


def remember_valid(digest: str) -> None:
    """Record that these bytes are valid; a cache that cannot be written only costs the next start-up."""
    entry = _entry(digest)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        temporary.write_text(_stamp(digest), encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        pass


def read_dossier(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, Result | None]:
    """(the dossier, None) for a valid file: `records` objects when its bytes are known valid, else the
    validated models; (None, result) with the problems when it does not validate or cannot be read."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= max_bytes and path.is_file() else None
    except OSError:
        raw = None
    if raw is None:  # too big, a folder, unreadable: the validator says which, as it always has
        from ..validation import read_dossier as validate

        return None, validate(path, max_bytes)
    digest = sha256(raw).hexdigest()
    if known_valid(digest):
        from .records import dossier

        return dossier(json.loads(raw)), None
    from ..reading import screen_json
    from ..validation import Result, check

    data, problem, clean = screen_json(raw)
    result = Result(None, [problem], unreadable=True) if problem else check(data, raw, strings_clean=clean)
    if result.dossier is None:
        return None, result
    remember_valid(digest)
    from ..countries import country_name

    for code in {a.country for a in result.dossier.actors if a.country}:
        country_name(code)  # remembered, for the next start-up (the validator loaded the tables already)
    return result.dossier, None


__all__ = ["known_valid", "read_dossier", "remember_valid"]
