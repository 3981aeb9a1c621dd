"""packaging_test.py: pyidl's packaging end to end, one step per CTest (see CMakeLists.txt).

    packaging_test.py install  BUILD_DIR WORK          cmake --install into WORK/prefix
    packaging_test.py build    WORK PROJECT PYTHONS    one build tree, a wheel per Python
    packaging_test.py wheel    WORK                    install, import, uninstall this Python's
    packaging_test.py reproducible WORK                the packer's bytes depend on inputs only
    packaging_test.py packer   WORK                    names, tags and refusals of the packer
    packaging_test.py depfile  WORK                    imports are dependencies; no-op rebuilds
    packaging_test.py template WORK                    pyidlc new, pip wheel, pip install, its test

Each step runs under the Python it is about (sys.executable); the steps after `install`
use the installed pyidl, as a user would.
"""
import base64
import csv
import hashlib
import io
import json
import os
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


def fresh_venv(path):
    """A new, empty virtual environment; pip runs from outside it (`pip --python`)."""
    shutil.rmtree(path, ignore_errors=True)
    run([sys.executable, "-m", "venv", "--without-pip", path])
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


def main(argv):
    step, args = argv[0], [Path(arg) for arg in argv[1:]]
    steps = {"install": step_install, "build": step_build, "wheel": step_wheel,
             "reproducible": step_reproducible, "packer": step_packer, "depfile": step_depfile,
             "template": step_template}
    steps[step](*args)
    print(f"packaging {step}: ok")


if __name__ == "__main__":
    main(sys.argv[1:])
