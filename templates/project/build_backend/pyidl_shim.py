"""pyidl_shim.py: hands pip's build to the PEP 517 backend of the installed pyidl.

pip's build isolation hides site-packages, so the backend is found through pyidl itself:
PYIDL_ROOT (its install prefix) if set, else the folder of `pyidlc` on PATH.
"""
import os
import shutil
import sys
from pathlib import Path


def _pyidl_prefix():
    if os.environ.get("PYIDL_ROOT"):
        return Path(os.environ["PYIDL_ROOT"])
    pyidlc = shutil.which("pyidlc")
    if pyidlc is None:
        raise RuntimeError("pyidl not found: put its bin/ on PATH or set PYIDL_ROOT to the "
                           "prefix it was installed to")
    return Path(pyidlc).resolve().parent.parent


sys.path.insert(0, str(_pyidl_prefix() / "share" / "pyidl" / "packaging"))

from pyidl_backend import (  # noqa: E402  (needs the path above)
    build_sdist,
    build_wheel,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
)

__all__ = ["build_sdist", "build_wheel", "get_requires_for_build_sdist",
           "get_requires_for_build_wheel"]
