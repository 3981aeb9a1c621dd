"""packaging_test.py: pyidl's packaging end to end, one step per CTest (see CMakeLists.txt).

    packaging_test.py install  BUILD_DIR WORK          cmake --install into WORK/prefix
    packaging_test.py build    WORK PROJECT PYTHONS    one build tree, a wheel per Python
    packaging_test.py wheel    WORK                    install, import, uninstall this Python's
    packaging_test.py reproducible WORK                the packer's bytes depend on inputs only
    packaging_test.py packer   WORK                    names, tags and refusals of the packer
    packaging_test.py depfile  WORK                    imports are dependencies; no-op rebuilds
    packaging_test.py template WORK                    pyidlc new, pip wheel, pip install, its test
    packaging_test.py abi3     WORK                    the one abi3 wheel, on this Python
    packaging_test.py abi3_symbols WORK PYTHON...      the abi3 module uses the stable ABI only
    packaging_test.py template_abi3 WORK PYTHON...     pyidlc new with its STABLE_ABI switch on

Each step runs under the Python it is about (sys.executable); the steps after `install`
use the installed pyidl, as a user would.
"""
import base64
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAG = f"{sys.version_info.major}{sys.version_info.minor}{sys.abiflags}"


def run(command, cwd=None, env=None, expect_failure=False):
    """Runs `command`, echoing it; returns its combined output. Fails the test on a bad exit."""
    command = [str(part) for part in command]
    print("$", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    print(result.stdout, end="", flush=True)
    if (result.returncode != 0) != expect_failure:
        sys.exit(f"FAILED: exit status {result.returncode}: {' '.join(command)}")
    return result.stdout


def check(condition, message):
    if not condition:
        sys.exit(f"FAILED: {message}")


def user_env(work):
    """The environment of a user who installed pyidl: its bin/ on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{work / 'prefix' / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def fresh_venv(path, python=sys.executable):
    """A new, empty virtual environment of `python`; pip runs from outside it (`pip --python`)."""
    shutil.rmtree(path, ignore_errors=True)
    run([python, "-m", "venv", "--without-pip", path])
    return path / "bin" / "python"


def pip(venv_python, *args, cwd=None, env=None):
    return run([sys.executable, "-m", "pip", "--python", venv_python, *args,
                "--disable-pip-version-check"], cwd=cwd, env=env)


def manifest(work, tag=TAG):
    return json.loads((work / "build" / "pyidl_wheels" / f"pkgdemo_wheel_{tag}.json").read_text())


def step_install(build_dir, work):
    shutil.rmtree(work, ignore_errors=True)
    run(["cmake", "--install", build_dir, "--prefix", work / "prefix"])
    prefix = work / "prefix"
    for part in ["bin/pyidlc", "lib/cmake/pyidl/pyidlConfig.cmake",
                 "lib/cmake/pyidl/PyidlAddWheel.cmake", "include/pyidl/runtime.h",
                 "share/pyidl/runtime/src/args.cpp", "share/pyidl/packaging/pyidl_wheel.py",
                 "share/pyidl/packaging/pyidl_backend.py", "share/pyidl/stdlib_bindings",
                 "share/pyidl/templates/project/pyproject.toml"]:
        check((prefix / part).exists(), f"the install lacks {part}")


def step_build(work, project, pythons):
    # A copy, so that the depfile step may touch its files without touching the repository.
    shutil.rmtree(work / "src", ignore_errors=True)
    shutil.rmtree(work / "build", ignore_errors=True)
    shutil.copytree(project, work / "src")
    run(["cmake", "-S", work / "src", "-B", work / "build", "-G", "Ninja",
         f"-Dpyidl_DIR={work / 'prefix' / 'lib' / 'cmake' / 'pyidl'}",
         f"-DPYIDL_PYTHONS={str(pythons)}", "-DCMAKE_BUILD_TYPE=Release"])
    run(["cmake", "--build", work / "build"])


def step_wheel(work):
    wheel_info = manifest(work)
    wheel = Path(wheel_info["output_dir"]) / wheel_info["wheel"]
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    cp = f"cp{sys.version_info.major}{sys.version_info.minor}"
    check(wheel.name == f"pkg_demo-1.2.0-{cp}-{cp}{sys.abiflags}-{platform}.whl",
          f"unexpected wheel name {wheel.name}")
    venv_python = fresh_venv(work / f"venv{TAG}")
    pip(venv_python, "install", "--no-index", wheel)
    support = HERE.parent / "support"
    env = dict(os.environ, PYTHONPATH=str(support))
    run([venv_python, HERE / "check_installed.py"], env=env)
    show = pip(venv_python, "show", "pkg-demo")
    for line in ["Name: pkg-demo", "Version: 1.2.0", "Summary: A module the packaging tests pack",
                 "License: MIT"]:
        check(line in show.splitlines(), f"pip show lacks '{line}'")

    site = Path(run([venv_python, "-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])"])
                .strip())
    with open(site / "pkg_demo-1.2.0.dist-info" / "RECORD", newline="") as record:
        installed = [site / row[0] for row in csv.reader(record)]
    check(all(path.exists() for path in installed), "a RECORD file is missing after install")
    pip(venv_python, "uninstall", "-y", "pkg-demo")
    left = [str(path) for path in installed if path.exists()]
    check(not left, f"pip uninstall left {left}")


def wheel_bytes(wheel_info, out_dir, env=None):
    """Packs the wheel `wheel_info` describes into `out_dir`; returns its bytes."""
    copy = dict(wheel_info, output_dir=str(out_dir))
    path = out_dir.parent / f"{out_dir.name}.json"
    path.write_text(json.dumps(copy))
    packer = Path(os.environ["PYIDL_WHEEL_PACKER"])
    run([sys.executable, packer, "--manifest", path], env=env)
    return (out_dir / wheel_info["wheel"]).read_bytes()


def step_reproducible(work):
    wheel_info = manifest(work)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    first = wheel_bytes(wheel_info, work / "repro_a", env)
    # Copies of every input, with new timestamps (and the build tree left alone), must not
    # change a byte.
    copies = work / "repro_inputs"
    shutil.rmtree(copies, ignore_errors=True)
    copies.mkdir()
    copied = dict(wheel_info, modules=[
        [dotted] + [str(shutil.copy(path, copies / Path(path).name)) for path in files]
        for dotted, *files in wheel_info["modules"]])
    second = wheel_bytes(copied, work / "repro_b", env)
    check(first == second, "packing the same inputs twice gave different wheels")
    built = (Path(wheel_info["output_dir"]) / wheel_info["wheel"]).read_bytes()
    check(first == built, "the packer's wheel differs from the one the build made")

    epoch = 1700000000
    dated = wheel_bytes(wheel_info, work / "repro_c", dict(env, SOURCE_DATE_EPOCH=str(epoch)))
    with zipfile.ZipFile(io.BytesIO(dated)) as archive:
        dates = {info.date_time for info in archive.infolist()}
    check(dates == {time.gmtime(epoch)[:6]}, f"SOURCE_DATE_EPOCH not used: {dates}")

    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        check(names[-1].endswith(".dist-info/RECORD"), "RECORD is not the last entry")
        payload = [n for n in names if ".dist-info/" not in n]
        check(payload == sorted(payload), f"entries not sorted: {names}")
        check({info.external_attr >> 16 for info in archive.infolist()} <= {0o100644, 0o100755},
              "unexpected permissions")
        rows = list(csv.reader(io.StringIO(archive.read(names[-1]).decode())))
        for name, digest, size in rows:
            if name == names[-1]:
                check(digest == "" and size == "", "RECORD lists a hash for itself")
                continue
            data = archive.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            check(digest == "sha256=" + expected.decode() and int(size) == len(data),
                  f"RECORD is wrong for {name}")
        check(sorted(r[0] for r in rows) == sorted(names), "RECORD does not list every file")


def step_packer(work):
    packer = work / "prefix" / "share" / "pyidl" / "packaging" / "pyidl_wheel.py"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    name = run([sys.executable, packer, "--print-filename", "--name", "My.Pkg-x",
                "--version", "2.0rc1", "--abi3"]).strip()
    check(name == f"my_pkg_x-2.0rc1-cp312-abi3-{platform}.whl", f"abi3 wheel named {name}")
    for bad in [["--name", "x_", "--version", "1.0"], ["--name", "x", "--version", "1.0-beta"]]:
        error = run([sys.executable, packer, "--print-filename", *bad], expect_failure=True)
        check(error.startswith("pyidl_wheel: error: "), f"no clear error for {bad}: {error}")


def step_depfile(work):
    build = ["cmake", "--build", work / "build"]
    check("no work to do" in run(build), "a build with nothing changed did some work")
    module = next((work / "build" / f"py{TAG}").glob("pkgdemo*.so"))
    before = module.stat().st_mtime_ns
    (work / "src" / "shared" / "units.pyidl").touch()
    output = run(build)
    check("pyidlc:" in output, "touching an imported .pyidl did not rerun pyidlc")
    check("Linking" not in output and module.stat().st_mtime_ns == before,
          "pyidlc wrote nothing new, yet the module was rebuilt")
    check("no work to do" in run(build), "the build after an unchanged pyidlc run is not clean")


def step_template(work):
    env = user_env(work)
    project = work / f"template{TAG}"
    shutil.rmtree(project, ignore_errors=True)
    run(["pyidlc", "new", "demo", project], env=env)
    again = run(["pyidlc", "new", "demo", project], env=env, expect_failure=True)
    check("already exists" in again, "pyidlc new overwrote a project")

    run([sys.executable, "-m", "pip", "wheel", ".", "--no-index", "-w", "dist",
         "--disable-pip-version-check"], cwd=project, env=env)
    wheels = list((project / "dist").glob("demo-0.1.0-*.whl"))
    check(len(wheels) == 1, f"pip wheel made {wheels}")

    venv_python = fresh_venv(work / f"template_venv{TAG}")
    pip(venv_python, "install", ".", "--no-index", cwd=project, env=env)
    run([venv_python, "-m", "unittest", "discover", "-v", "-s", "."], cwd=project / "tests")

    sdist = run([sys.executable, "-c",
                 "import sys; sys.path.insert(0, 'build_backend'); import pyidl_shim; "
                 "print(pyidl_shim.build_sdist('dist'))"], cwd=project, env=env)
    with tarfile.open(project / "dist" / sdist.strip().splitlines()[-1]) as archive:
        names = archive.getnames()
    for name in ["demo-0.1.0/PKG-INFO", "demo-0.1.0/pyproject.toml", "demo-0.1.0/demo.pyidl",
                 "demo-0.1.0/src/demo.cpp", "demo-0.1.0/build_backend/pyidl_shim.py"]:
        check(name in names, f"the sdist lacks {name}")
    check(not [n for n in names if n.startswith("demo-0.1.0/build/")], "the sdist holds build/")


def abi3_wheel(work):
    wheel_info = json.loads((work / "build" / "pyidl_wheels" / "abi3demo_wheel_abi3.json").read_text())
    return Path(wheel_info["output_dir"]) / wheel_info["wheel"]


def check_abi3_wheel(wheel, distribution, module):
    """The wheel is tagged for every CPython >= 3.12 and holds the module as <name>.abi3.so."""
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    version = wheel.name.split("-")[1]
    check(wheel.name == f"{distribution}-{version}-cp312-abi3-{platform}.whl",
          f"unexpected abi3 wheel name {wheel.name}")
    dist_info = f"{distribution}-{version}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        wheel_file = archive.read(f"{dist_info}/WHEEL").decode().splitlines()
        metadata = archive.read(f"{dist_info}/METADATA").decode().splitlines()
    check(f"{module}.abi3.so" in names and f"{module}.pyi" in names, f"the wheel holds {names}")
    check(f"Tag: cp312-abi3-{platform}" in wheel_file, f"WHEEL says {wheel_file}")
    check("Requires-Python: >=3.12" in metadata, f"METADATA says {metadata}")


def step_abi3(work):
    # Built once, with the oldest Python (packaging.build); installed here on this one.
    wheel = abi3_wheel(work)
    check_abi3_wheel(wheel, "abi3_demo", "abi3demo")
    venv_python = fresh_venv(work / f"abi3_venv{TAG}")
    pip(venv_python, "install", "--no-index", wheel)
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "support"))
    run([venv_python, HERE / "check_installed_abi3.py"], env=env)
    site = Path(python_query(venv_python, "import sysconfig; print(sysconfig.get_paths()['platlib'])"))
    pip(venv_python, "uninstall", "-y", "abi3-demo")
    check(not (site / "abi3demo.abi3.so").exists(), "pip uninstall left abi3demo.abi3.so")


def python_query(python, code):
    """What `python -c code` prints, stripped; not echoed (a symbol list is long)."""
    return subprocess.run([str(python), "-c", code], check=True, capture_output=True,
                          text=True).stdout.strip()


def stable_abi_symbols(python):
    """The stable ABI's functions and data of `python`'s version, from the list CPython
    generates out of Misc/stable_abi.toml for its own test suite."""
    return set(python_query(python, "from test.test_stable_abi_ctypes import SYMBOL_NAMES; "
                                     "print(' '.join(SYMBOL_NAMES))").split())


def dynamic_symbols(path, *flags):
    """The names `nm -D` lists (without @version), not echoed: a libpython has thousands."""
    out = subprocess.run(["nm", "-D", *flags, str(path)], check=True, capture_output=True,
                         text=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}


def step_abi3_symbols(work, *pythons):
    """Every symbol the abi3 module takes from Python is in the stable ABI of 3.12, by the
    list CPython generates from Misc/stable_abi.toml for its own tests (and ships with
    each interpreter), and the module does not link libpython. Importing it on 3.12 and
    3.13 (the abi3 steps) only shows that what it needs resolves on those two. Macros that
    read object layouts leave no symbol: compiling with Py_LIMITED_API keeps those out."""
    module = next((work / "build" / "abi3").glob("abi3demo*.so"))
    check(module.name == "abi3demo.abi3.so", f"the STABLE_ABI module is {module.name}")
    # Extension modules never link libpython: the interpreter loading them provides it.
    needed = run(["readelf", "-d", module])
    check("libpython" not in needed, "the abi3 module links a libpython")

    minors = {python: int(python_query(python, "import sys; print(sys.version_info[1])"))
              for python in pythons}
    oldest, newest = min(pythons, key=minors.get), max(pythons, key=minors.get)
    check(minors[oldest] == 12, f"the symbol check needs a Python 3.12 among {pythons}")
    exported = set()
    for python in pythons:
        library = python_query(python, "import sysconfig, os; print(os.path.join("
                               "sysconfig.get_config_var('LIBDIR'), sysconfig.get_config_var('LDLIBRARY')))")
        exported |= dynamic_symbols(library, "--defined-only")
    undefined = dynamic_symbols(module, "--undefined-only")
    from_python = {name for name in undefined if name in exported or name.startswith(("Py", "_Py"))}
    check(from_python, "found no symbol the module takes from Python: the check would prove nothing")

    stable = stable_abi_symbols(oldest)
    # 3.12's list leaves out the two module constructors a Py_TRACE_REFS build renames
    # (modsupport.h); they are in the stable ABI all the same, as the lists of later
    # versions say. Nothing else is let through.
    trace_refs_renamed = {"PyModule_Create2", "PyModule_FromDefAndSpec2"}
    if newest != oldest:
        later = stable_abi_symbols(newest)
        check(trace_refs_renamed <= later, f"{trace_refs_renamed - later} not in {newest}'s list")
        check(stable <= later, "a later stable ABI list lacks symbols of 3.12's")
    outside = sorted(from_python - stable - trace_refs_renamed)
    check(not outside, f"the abi3 module uses symbols outside the 3.12 stable ABI: {outside}")
    print(f"{len(from_python)} symbols from Python, all in the 3.12 stable ABI: "
          f"{' '.join(sorted(from_python))}")


def step_template_abi3(work, *pythons):
    """`pyidlc new`, built by pip, then its STABLE_ABI switch turned on: in the same build
    tree, pip (this Python, its headers) makes one cp312-abi3 wheel, and that wheel installs
    and passes the project's tests on every Python."""
    env = user_env(work)
    project = work / "template_abi3"
    shutil.rmtree(project, ignore_errors=True)
    run(["pyidlc", "new", "demo3", project], env=env)
    pip_wheel = [sys.executable, "-m", "pip", "wheel", ".", "--no-index", "-w", "dist",
                 "--disable-pip-version-check"]
    run(pip_wheel, cwd=project, env=env)
    check([w.name.split("-")[3] for w in (project / "dist").glob("*.whl")] == [f"cp{TAG}"],
          "the template's default is not one wheel for this Python")
    shutil.rmtree(project / "dist")
    cmake_lists = project / "CMakeLists.txt"
    text, switched = re.subn(r"^set\(demo3_STABLE_ABI OFF\)$", "set(demo3_STABLE_ABI ON)",
                             cmake_lists.read_text(), flags=re.MULTILINE)
    check(switched == 1, "the template has no `set(demo3_STABLE_ABI OFF)` switch")
    cmake_lists.write_text(text)
    run(pip_wheel, cwd=project, env=env)
    wheels = list((project / "dist").glob("*.whl"))
    check(len(wheels) == 1, f"pip wheel made {wheels}")
    check_abi3_wheel(wheels[0], "demo3", "demo3")
    for index, python in enumerate(pythons):
        venv_python = fresh_venv(work / f"template_abi3_venv{index}", python)
        run([python, "-m", "pip", "--python", venv_python, "install", "--no-index", wheels[0],
             "--disable-pip-version-check"])
        run([venv_python, "-m", "unittest", "discover", "-v", "-s", "."], cwd=project / "tests")


def main(argv):
    step, args = argv[0], [Path(arg) for arg in argv[1:]]
    steps = {"install": step_install, "build": step_build, "wheel": step_wheel,
             "reproducible": step_reproducible, "packer": step_packer, "depfile": step_depfile,
             "template": step_template, "abi3": step_abi3, "abi3_symbols": step_abi3_symbols,
             "template_abi3": step_template_abi3}
    steps[step](*args)
    print(f"packaging {step}: ok")


if __name__ == "__main__":
    main(sys.argv[1:])
