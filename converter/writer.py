"""Writing the site so that no build, failed or interrupted, damages the destination.

The new site is assembled in a staging folder beside the destination: files
whose bytes did not change are hard-linked from the current destination (so
they keep their mtime and cost nothing), `keep_files` are carried over, and
the staging folder then replaces the destination in one atomic exchange
(renameat2 RENAME_EXCHANGE where the kernel has it).  Until that moment the
old site is untouched; after it the new one is complete.  Nothing is ever
written outside the destination's parent folder, and only inside the
staging folder and the destination itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
from pathlib import Path

from converter.cache import read_json, write_json
from converter.errors import BuildError
from converter.model import StaticFile, relative_posix

STAGING_PREFIX = ".converter-staging-"


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def inside_fresh(path: Path, root: str) -> bool:
    """inside() for a folder this build created: nothing in it is a symlink, so
    normalising `..` away is enough (no filesystem lookups)."""
    return os.path.normpath(path).startswith(root + os.sep)


class FolderMaker:
    """mkdir -p, remembering the folders already made (many outputs share one)."""

    def __init__(self):
        self.made: set[Path] = set()

    def __call__(self, folder: Path) -> None:
        if folder not in self.made:
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)


def stage_output(old: Path, new: Path, data: bytes, make_folder: FolderMaker) -> None:
    """Reuse the old file when its bytes are the same; else write the new bytes."""
    make_folder(new.parent)
    try:
        if old.is_file() and not old.is_symlink() and old.stat().st_size == len(data) \
                and old.read_bytes() == data:
            link_or_copy(old, new)
            return
    except OSError:
        pass
    new.write_bytes(data)


def stage_static(source: Path, old: Path, new: Path, make_folder: FolderMaker) -> None:
    make_folder(new.parent)
    try:
        src, dst = source.stat(), old.stat()
        # copy2 keeps the source's mtime to the nanosecond: an equal one means the
        # same file (whole seconds would miss two saves within one second).
        if old.is_file() and not old.is_symlink() and src.st_size == dst.st_size \
                and src.st_mtime_ns == dst.st_mtime_ns:
            link_or_copy(old, new)
            return
    except OSError:
        pass
    shutil.copy2(source, new, follow_symlinks=True)


def staging_dir(dest: Path) -> Path:
    return dest.parent / f"{STAGING_PREFIX}{dest.name}-{os.getpid()}"


def is_redirect_page(item) -> bool:
    """jekyll-redirect-from's RedirectPage (Doctor.allow_used_permalink? skips those)."""
    return getattr(item, "path", True) is None and getattr(item, "name", "") == "redirect.html" \
        and isinstance(getattr(item, "data", {}).get("redirect"), dict)


def source_name(item) -> str:
    return getattr(item, "relative_path", "").lstrip("/") or f"(generated page {item.url})"


def warn_conflicts(site, items: list, destinations: list[Path]) -> None:
    """Doctor.conflicting_urls, as Jekyll's Site#write runs it: the last one written wins."""
    targets: dict[Path, list[str]] = {}
    for item, destination in zip(items, destinations):
        if not is_redirect_page(item):
            targets.setdefault(destination, []).append(source_name(item))
    for target, names in targets.items():
        if len(names) > 1:
            site.log.warn("Conflict:", "The following destination is shared by multiple files.")
            site.log.warn("", "The written file may end up with unexpected contents.")
            site.log.warn("", str(target.relative_to(site.dest)) if inside(target, site.dest)
                          else str(target))
            for name in names:
                site.log.warn("", f" - {name}")
            site.log.warn("", "Give each one its own `permalink:` to keep both.")


class Staging:
    """The folder the new site is assembled in, beside the destination.  A parallel
    build opens it before rendering and writes outputs into it as they are rendered."""

    def __init__(self, dest: Path):
        self.dest = dest
        self.root = staging_dir(dest)
        self.root_text = os.path.normpath(self.root)
        self.make_folder = FolderMaker()

    @classmethod
    def open(cls, dest: Path) -> "Staging":
        dest.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(dest)
        staging = cls(dest)
        if staging.root.exists():
            shutil.rmtree(staging.root)
        staging.root.mkdir()
        return staging

    def discard(self) -> None:
        if self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)

    def targets(self, site) -> dict[int, Path]:
        """{render_index: file} of the outputs that may be staged as soon as rendered:
        those no other file overwrites (the writer settles shared destinations in order)."""
        planned: dict[Path, list] = {}
        for item in site.items_to_write():
            target = item.destination(self.root)
            planned.setdefault(target, []).append(item)
        return {items[0].render_index: target for target, items in planned.items()
                if len(items) == 1 and not isinstance(items[0], StaticFile)
                and hasattr(items[0], "render_index") and inside_fresh(target, self.root_text)
                and "\x00" not in str(target)}  # the writer reports that one

    def stage_rendered(self, item, target: Path) -> None:
        """Write a freshly rendered output; the item then keeps only the file."""
        output = item.output
        try:
            if target.exists():  # staged before a re-render
                target.unlink()
            stage_output(self.dest / target.relative_to(self.root), target,
                         (output or "").encode("utf-8"), self.make_folder)
        except (OSError, ValueError) as exc:  # disk full, a name no file system takes
            raise write_error(exc, self.dest) from exc
        item.output_staged_at(target)

    def staged_path(self, item, destination: Path) -> Path:
        """Where `destination` (a file under the destination folder) is staged."""
        text = str(destination)
        dest_text = str(self.dest)
        target = Path(self.root_text + text[len(dest_text):]) \
            if text.startswith(dest_text + os.sep) else None
        if target is None or not inside_fresh(target, self.root_text):
            raise BuildError(f"refusing to write outside the destination: {destination}",
                             item.relative_path)
        if "\x00" in text:  # no file system takes it (Ruby: "string contains null byte")
            raise BuildError(f"the output path {text!r} contains a NUL character",
                             item.relative_path,
                             hint="Remove it from the permalink or the file name.")
        return target

    def stage_item(self, item, destination: Path) -> None:
        target = self.staged_path(item, destination)
        if isinstance(item, StaticFile):
            stage_static(item.path, self.dest / target.relative_to(self.root), target,
                         self.make_folder)
        elif item.staged_at != target:
            self.stage_rendered(item, target)


def write_error(exc: Exception, dest: Path) -> BuildError:
    filename = getattr(exc, "filename", None)
    return BuildError(f"could not write the site: {getattr(exc, 'strerror', None) or exc}"
                      + (f" ({filename})" if filename else ""),
                      hint=f"The previous site in {dest} was left as it was.")


def write_site(site, staging: Staging | None = None) -> list[Path]:
    """Assemble the new site beside the destination, then swap it in. Returns written paths.
    `staging` is the one outputs were already written into while rendering, if any."""
    dest = site.dest
    items = list(site.items_to_write())
    written = [item.destination(dest) for item in items]  # each computed once
    try:
        warn_conflicts(site, items, written)
        check_destination(site, planned_outputs(dest, written))
        if staging is None:
            with signals_deferred():  # a signal waits until the folder is known, to remove it
                staging = Staging.open(dest)
        for item, destination in zip(items, written):
            staging.stage_item(item, destination)
        carry_kept_files(site, staging.root)
        swap_into_place(staging.root, dest)
    except (OSError, ValueError) as exc:  # disk full, permissions: the old site stays
        raise write_error(exc, dest) from exc
    finally:
        if staging is not None:
            staging.discard()
    record_manifest(site, written)
    return written


# --- the destination only ever holds what a build made -----------------------------------
# A build replaces the whole destination, so files the build does not make are deleted
# (as Jekyll's cleanup does).  That is only safe in a folder that is a site build: one
# converter built before (its manifest, kept under the source's cache folder, says so),
# Jekyll's `_site`, an empty folder, or one most of whose files this build makes again.

MANIFEST_NAME = "converter-manifest.json"


def planned_outputs(dest: Path, destinations: list[Path]) -> set[str]:
    # destinations are sanitised paths under dest (model.in_dest_dir): plain string
    # prefixes tell which are inside, with no filesystem lookups
    root = str(dest) + os.sep
    return {text[len(root):].replace(os.sep, "/") for destination in destinations
            if (text := str(destination)).startswith(root)}


def keep_list(site) -> list[str]:
    return [str(k).strip("/") for k in site.config.get("keep_files") or [] if str(k).strip("/")]


def existing_files(dest: Path) -> list[str]:
    found = []
    for root, dirnames, filenames in os.walk(dest):
        rel_root = Path(root).relative_to(dest)
        found.extend((rel_root / name).as_posix() for name in filenames)
    return found


def manifest_path(site) -> Path:
    return site.source / str(site.config.get("cache_dir") or ".jekyll-cache") / MANIFEST_NAME


def read_manifest(site) -> dict:
    data = read_json(manifest_path(site))
    return data if isinstance(data, dict) else {}


def record_manifest(site, written: list[Path]) -> None:
    """Remember what this build wrote (best effort: a read-only source just loses it)."""
    manifest = {dest: files for dest, files in read_manifest(site).items()
                if Path(dest).is_dir()}  # forget destinations deleted since (doctor's temp folders)
    manifest[str(site.dest)] = sorted(relative_posix(p, site.dest) for p in written)
    write_json(manifest_path(site), manifest)


def looks_like_site_build(site, files: list[str], planned: set[str]) -> bool:
    if str(site.dest) in read_manifest(site) or site.dest.name == "_site":
        return True
    return sum(1 for f in files if f in planned) * 2 >= len(files)


def check_destination(site, planned: set[str]) -> None:
    """Refuse to delete files from a folder that does not look like a site build."""
    dest = site.dest
    if not dest.is_dir() or dest.is_symlink():
        return
    if str(dest) in read_manifest(site) or dest.name == "_site":
        return  # a site build (see looks_like_site_build), no need to list its files
    keep = keep_list(site)
    files = [f for f in existing_files(dest) if not kept(f, keep)]
    unknown = [f for f in files if f not in planned]
    if not unknown or looks_like_site_build(site, files, planned):
        return
    shown = ", ".join(sorted(unknown)[:3]) + (", ..." if len(unknown) > 3 else "")
    raise BuildError(
        f"Destination {dest} holds {len(unknown)} file(s) this build would not make "
        f"({shown}) and does not look like a built site; refusing to delete them.",
        hint="Choose an empty or new folder with --destination, delete the folder yourself "
             "if nothing in it is needed, or list what must stay in `keep_files:`.")


def remove_stale_staging(dest: Path) -> None:
    """Staging folders left by a build that was killed outright (SIGKILL, power loss)."""
    for leftover in dest.parent.glob(f"{STAGING_PREFIX}{dest.name}-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kept(rel: str, keep_files: list[str]) -> bool:
    return any(rel == k or rel.startswith(k.rstrip("/") + "/") for k in keep_files)


def carry_kept_files(site, staging: Path) -> None:
    """`keep_files` (e.g. .git) of the current destination survive the rebuild."""
    dest = site.dest
    if not dest.is_dir():
        return
    for keep in keep_list(site):
        top = dest / keep
        if top.is_symlink() or top.is_file():
            carry_file(top, staging / keep)
        elif top.is_dir():
            for root, dirnames, filenames in os.walk(top):
                rel_root = Path(root).relative_to(dest)
                (staging / rel_root).mkdir(parents=True, exist_ok=True)
                for name in filenames + [d for d in dirnames if os.path.islink(Path(root) / d)]:
                    carry_file(Path(root) / name, staging / rel_root / name)


def carry_file(full: Path, target: Path) -> None:
    if target.exists() or target.is_symlink():
        return  # this build made it
    target.parent.mkdir(parents=True, exist_ok=True)
    if full.is_symlink():
        os.symlink(os.readlink(full), target)
    else:
        link_or_copy(full, target)


def _renameat2():
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    libc = ctypes.CDLL(libc_name, use_errno=True)
    return getattr(libc, "renameat2", None)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False if unsupported."""
    func = _renameat2()
    if func is None:
        return False
    result = func(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


class signals_deferred:
    """Ctrl-C and SIGTERM wait until the swap is done: the destination is then the old
    complete site or the new one, and no half-deleted old copy is left beside it."""

    SIGNALS = {signal.SIGINT, signal.SIGTERM}

    def __enter__(self):
        self.previous = None
        if hasattr(signal, "pthread_sigmask"):  # POSIX only
            self.previous = signal.pthread_sigmask(signal.SIG_BLOCK, self.SIGNALS)

    def __exit__(self, *exc_info):
        if self.previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.previous)


def swap_into_place(staging: Path, dest: Path) -> None:
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise BuildError(f"destination {dest} exists and is not a folder",
                         hint="Move it away or choose another --destination.")
    with signals_deferred():
        swap(staging, dest)


def swap(staging: Path, dest: Path) -> None:
    if not dest.exists():
        os.rename(staging, dest)
        return
    if exchange(staging, dest):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    backup = dest.parent / f"{STAGING_PREFIX}{dest.name}-old-{os.getpid()}"
    os.rename(dest, backup)
    os.rename(staging, dest)
    shutil.rmtree(backup, ignore_errors=True)
