"""pyidl_backend.py: the PEP 517 build backend for projects built with an installed pyidl.

`pip install .` and `pip wheel .` call build_wheel(), which configures the project with
CMake for the running Python only (-DPython_EXECUTABLE=sys.executable), builds it (the
wheels of pyidl_add_wheel() are part of the default build) and hands pip the one wheel made.
build_sdist() packs the project's sources with a PKG-INFO. Nothing is downloaded: the build
needs only CMake, a C++ compiler and this pyidl, so get_requires_* return [].

A project reaches this file through a small shim of its own (`backend-path` in its
pyproject.toml; `pyidlc new` writes one) because pip's build isolation hides site-packages;
pyidl lives at <prefix>/share/pyidl/packaging/, which tells this file where its prefix is.

config_settings (pip --config-settings): build-dir=DIR, the CMake build tree (default
build/pep517-cp<version>, kept between runs so that a rebuild is incremental).
"""
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pyidl_wheel

PREFIX = Path(__file__).resolve().parents[3]

# Never packed into an sdist: version control, caches, and build output.
_SDIST_SKIPPED = {".git", ".hg", ".svn", "__pycache__", "build", "dist", ".venv", "venv"}


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def _build_dir(config_settings):
    chosen = (config_settings or {}).get("build-dir")
    if chosen:
        return Path(chosen).resolve()
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}{sys.abiflags}"
    return Path("build", f"pep517-{tag}").resolve()


def _run(command):
    print("pyidl:", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True)


def _configure(build_dir):
    """Configures the project in the current directory for the running Python only."""
    # The wheel manifests are remade by every configure; one left by an earlier configure
    # (a wheel since renamed, or per-Python before the project switched to STABLE_ABI)
    # would be taken for a second wheel.
    shutil.rmtree(build_dir / "pyidl_wheels", ignore_errors=True)
    command = ["cmake", "-S", ".", "-B", build_dir, f"-Dpyidl_DIR={PREFIX / 'lib/cmake/pyidl'}",
               f"-DPython_EXECUTABLE={sys.executable}", "-DCMAKE_BUILD_TYPE=Release"]
    # The generator is chosen once, when the build tree is made.
    if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
        command += ["-G", "Ninja"]
    _run(command)


def _manifest(build_dir):
    """The one wheel the project describes (pyidl_add_wheel's manifest for this Python)."""
    manifests = sorted((build_dir / "pyidl_wheels").glob("*.json"))
    if len(manifests) != 1:
        names = ", ".join(path.stem for path in manifests) or "none"
        raise RuntimeError(f"pyidl: pip builds one wheel, but the project's pyidl_add_wheel() "
                           f"calls make {len(manifests)} for this Python ({names})")
    return json.loads(manifests[0].read_text(encoding="utf-8"))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    build_dir = _build_dir(config_settings)
    _configure(build_dir)
    _run(["cmake", "--build", build_dir])
    manifest = _manifest(build_dir)
    shutil.copyfile(Path(manifest["output_dir"]) / manifest["wheel"],
                    Path(wheel_directory) / manifest["wheel"])
    return manifest["wheel"]


def _sdist_files(root):
    """The project's files, sorted, without version control, caches and build trees."""
    files = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders
            if name not in _SDIST_SKIPPED and not (Path(folder, name, "CMakeCache.txt").exists()))
        files.extend(Path(folder, name) for name in names if not name.endswith(".pyc"))
    return sorted(files)


def _tar_entry(name, size, executable, mtime):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o755 if executable else 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def build_sdist(sdist_directory, config_settings=None):
    build_dir = _build_dir(config_settings)
    _configure(build_dir)  # the name, version and metadata come from pyidl_add_wheel()
    manifest = _manifest(build_dir)
    base = f"{pyidl_wheel.escaped_name(manifest['name'])}-{manifest['version']}"
    pkg_info = pyidl_wheel.render_metadata(
        manifest["name"], manifest["version"], manifest.get("summary"), manifest.get("license"),
        manifest.get("readme"), manifest["abi3"]).encode("utf-8")
    # Reproducible like the wheels: fixed times, owners and modes, sorted entries, and a
    # gzip header without the current time.
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01
    root = Path.cwd()
    target = Path(sdist_directory) / f"{base}.tar.gz"
    with open(target, "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=mtime) as zipped, \
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive:
        entries = [(f"{base}/PKG-INFO", pkg_info, False)]
        # An sdist's own PKG-INFO is remade, not packed twice.
        for path in [p for p in _sdist_files(root) if p != root / "PKG-INFO"]:
            name = f"{base}/{path.relative_to(root).as_posix()}"
            entries.append((name, path.read_bytes(), os.access(path, os.X_OK)))
        for name, data, executable in sorted(entries):
            archive.addfile(_tar_entry(name, len(data), executable, mtime), io.BytesIO(data))
    return target.name
