"""Writing the site: rendered outputs, copied static files, removal of stale files.

Only bytes that changed are written, so unchanged files keep their mtime
(cheap rebuilds, friendly to rsync).  Nothing is ever written or removed
outside the destination; `keep_files` survive the cleanup (lib/jekyll/cleaner.rb).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from converter.errors import BuildError
from converter.model import StaticFile


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        path.unlink()
    path.write_bytes(data)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    try:
        src_stat, dst_stat = source.stat(), target.stat()
        if src_stat.st_size == dst_stat.st_size and int(src_stat.st_mtime) == int(dst_stat.st_mtime):
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    shutil.copy2(source, target)
    return True


def write_site(site) -> set[Path]:
    """Write every item; returns the set of destination paths this build owns."""
    dest = site.dest
    written: set[Path] = set()
    for item in site.items_to_write():
        target = item.destination(dest)
        if not inside(target, dest):
            raise BuildError(f"refusing to write outside the destination: {target}",
                             item.relative_path)
        written.add(target)
        if isinstance(item, StaticFile):
            copy_if_changed(item.path, target)
        else:
            write_bytes_if_changed(target, (item.output or "").encode("utf-8"))
    return written


def kept(rel: str, keep_files: list[str]) -> bool:
    return any(rel == k or rel.startswith(k.rstrip("/") + "/") for k in keep_files)


def clean_destination(site, written: set[Path]) -> list[Path]:
    """Remove files and empty folders this build did not produce (except keep_files)."""
    dest = site.dest
    if not dest.is_dir():
        return []
    keep_files = [str(k).strip("/") for k in site.config.get("keep_files") or []]
    owned = {str(p) for p in written}
    owned_dirs = {str(parent) for p in written for parent in p.parents}
    removed: list[Path] = []
    for root, dirnames, filenames in os.walk(dest, topdown=False):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(root, d))]:
            full = os.path.join(root, name)
            rel = os.path.relpath(full, dest).replace(os.sep, "/")
            if full not in owned and not kept(rel, keep_files):
                os.unlink(full)
                removed.append(Path(full))
        rel_root = os.path.relpath(root, dest).replace(os.sep, "/")
        if root != str(dest) and root not in owned_dirs and not kept(rel_root, keep_files) \
                and not os.listdir(root):
            os.rmdir(root)
    return removed
