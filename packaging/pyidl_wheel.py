"""pyidl_wheel.py: packs pyidl extension modules into a PEP 427 wheel.

Run under the Python the modules were built for: the wheel's tags (cp312-cp312-linux_x86_64,
or cp312-abi3-... for limited-API modules) describe *this* interpreter.

    python pyidl_wheel.py --manifest WHEEL.json          # write the wheel the manifest describes
    python pyidl_wheel.py --print-filename --name N --version V [--abi3]

The manifest is what pyidl_add_wheel() writes (cmake/PyidlAddWheel.cmake): the metadata,
the output directory and the modules as [dotted name, built module, stub] triples.

The archive is reproducible: the same inputs give the same bytes. Entries are sorted (the
.dist-info folder last, RECORD at its end, as PEP 427 recommends), every timestamp is
SOURCE_DATE_EPOCH (or 1980-01-01 when unset) and permissions are fixed. Only the standard
library is used: zipfile writes the archive and hashlib the RECORD digests.
"""
import argparse
import base64
import csv
import hashlib
import io
import json
import os
import re
import sys
import sysconfig
import tempfile
import time
import zipfile
from pathlib import Path

# Names as PEP 508 allows them; versions in the normalised form of PEP 440 (what a wheel's
# file name must carry, so a non-normalised "1.0-beta" is refused rather than rewritten).
_NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
_VERSION = re.compile(
    r"^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*"
    r"((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?"
    r"(\+[a-z0-9]+(\.[a-z0-9]+)*)?$")

# The limited API version pyidl builds against (Py_LIMITED_API=0x030C0000).
ABI3_MINIMUM = (3, 12)

_README_TYPES = {".md": "text/markdown", ".rst": "text/x-rst"}


class WheelError(Exception):
    """A problem with the wheel's inputs, reported as `error: ...` without a traceback."""


def check_name_and_version(name, version):
    if not _NAME.match(name):
        raise WheelError(f"'{name}' is not a valid distribution name (PEP 508: letters, digits "
                         "and . _ -, starting and ending with a letter or digit)")
    if not _VERSION.match(version):
        raise WheelError(f"'{version}' is not a normalised PEP 440 version "
                         "(for example 1.0, 2.1.3, 1.0rc1, 1.0.post2, 1.0.dev3)")


def platform_tag():
    """The platform tag as packaging.tags derives it for a plain (not manylinux) wheel."""
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    # A 32-bit interpreter on a 64-bit Linux kernel reports the kernel's machine.
    if sys.maxsize <= 2**32:
        platform = {"linux_x86_64": "linux_i686", "linux_aarch64": "linux_armv8l"}.get(
            platform, platform)
    return platform


def wheel_tag(abi3):
    """(python tag, abi tag, platform tag) of this interpreter, e.g. cp313, cp313, linux_x86_64."""
    if sys.implementation.name != "cpython":
        raise WheelError(f"pyidl modules are CPython extensions, not {sys.implementation.name}")
    if abi3:
        major, minor = ABI3_MINIMUM
        return f"cp{major}{minor}", "abi3", platform_tag()
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    return interpreter, interpreter + sys.abiflags, platform_tag()


def requires_python(abi3):
    """This interpreter's minor version, or any from the limited API's minimum on."""
    if abi3:
        return ">={}.{}".format(*ABI3_MINIMUM)
    major, minor = sys.version_info[:2]
    return f">={major}.{minor},<{major}.{minor + 1}"


def escaped_name(name):
    """A distribution name as wheel file and .dist-info names spell it."""
    return re.sub(r"[-_.]+", "_", name).lower()


def wheel_filename(name, version, abi3):
    check_name_and_version(name, version)
    return "{}-{}-{}.whl".format(escaped_name(name), version, "-".join(wheel_tag(abi3)))


def render_metadata(name, version, summary, license, readme, abi3):
    """Core metadata 2.1 (the METADATA file of a wheel, PKG-INFO of an sdist)."""
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    if summary:
        if "\n" in summary:
            raise WheelError("the summary must be one line")
        lines.append(f"Summary: {summary}")
    if license:
        # Multi-line values continue on lines indented by 8 spaces (RFC 822 folding).
        lines.append("License: " + "\n        ".join(license.splitlines()))
    lines.append(f"Requires-Python: {requires_python(abi3)}")
    body = ""
    if readme:
        path = Path(readme)
        content_type = _README_TYPES.get(path.suffix.lower(), "text/plain")
        lines.append(f"Description-Content-Type: {content_type}; charset=UTF-8")
        body = path.read_text(encoding="utf-8")
    return "\n".join(lines) + "\n\n" + body


def render_wheel_file(generator, abi3):
    tag = "-".join(wheel_tag(abi3))
    return (f"Wheel-Version: 1.0\nGenerator: {generator}\nRoot-Is-Purelib: false\n"
            f"Tag: {tag}\n")


def record_hash(data):
    """The RECORD digest: sha256, urlsafe base64 without '=' padding (PEP 376/427)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def render_record(files, record_path):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for path, data in files:
        writer.writerow([path, record_hash(data), len(data)])
    writer.writerow([record_path, "", ""])
    return out.getvalue()


def zip_timestamp():
    """SOURCE_DATE_EPOCH as a zip date, or 1980-01-01 (the earliest a zip can hold)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    floor = (1980, 1, 1, 0, 0, 0)
    if not epoch:
        return floor
    return max(floor, time.gmtime(int(epoch))[:6])


def module_entries(modules):
    """The wheel's payload: each module at the path its dotted name gives, its stub beside.

    A module `a.b` becomes a/b<suffix> and a/b.pyi. Stubs of top-level modules sit at the
    wheel's root, beside the module, where type checkers look first; there is no py.typed,
    which PEP 561 defines per package (a root-level one would belong to site-packages).
    """
    entries = []
    for dotted, built, stub in modules:
        folder = "/".join(dotted.split(".")[:-1])
        prefix = folder + "/" if folder else ""
        entries.append((prefix + Path(built).name, Path(built).read_bytes(), True))
        entries.append((prefix + dotted.split(".")[-1] + ".pyi", Path(stub).read_bytes(), False))
    return sorted(entries)


def write_wheel(manifest):
    """Writes the wheel `manifest` describes into its output directory; returns its path."""
    name, version, abi3 = manifest["name"], manifest["version"], manifest["abi3"]
    filename = wheel_filename(name, version, abi3)
    dist_info = f"{escaped_name(name)}-{version}.dist-info"
    payload = module_entries(manifest["modules"])
    metadata = render_metadata(name, version, manifest.get("summary"), manifest.get("license"),
                               manifest.get("readme"), abi3)
    dist_files = [(f"{dist_info}/METADATA", metadata.encode("utf-8"), False),
                  (f"{dist_info}/WHEEL", render_wheel_file(manifest["generator"], abi3).encode("utf-8"), False)]
    record_path = f"{dist_info}/RECORD"
    record = render_record([(path, data) for path, data, _ in payload + dist_files], record_path)
    entries = payload + dist_files + [(record_path, record.encode("utf-8"), False)]

    out_dir = Path(manifest["output_dir"])
    out_dir.mkdir(parents=True, exist_ok=True)
    timestamp = zip_timestamp()
    # Written beside the target and renamed into place: an interrupted run leaves no
    # truncated wheel that looks finished.
    handle, temp = tempfile.mkstemp(dir=out_dir, suffix=".whl.tmp")
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
            for path, data, executable in entries:
                info = zipfile.ZipInfo(path, date_time=timestamp)
                info.create_system = 3  # Unix, so that the permission bits below count
                info.external_attr = (0o100755 if executable else 0o100644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        os.replace(temp, out_dir / filename)
    except BaseException:
        os.unlink(temp)
        raise
    return out_dir / filename


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, help="the JSON file pyidl_add_wheel wrote")
    parser.add_argument("--print-filename", action="store_true",
                        help="print the wheel's file name for --name/--version and stop")
    parser.add_argument("--name")
    parser.add_argument("--version")
    parser.add_argument("--abi3", action="store_true", help="limited-API (abi3) modules")
    args = parser.parse_args(argv)
    try:
        if args.print_filename:
            if not args.name or not args.version:
                parser.error("--print-filename needs --name and --version")
            print(wheel_filename(args.name, args.version, args.abi3))
        elif args.manifest:
            print(write_wheel(json.loads(args.manifest.read_text(encoding="utf-8"))))
        else:
            parser.error("give --manifest or --print-filename")
    except (WheelError, OSError) as error:
        print(f"pyidl_wheel: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
