# Finds every CPython >= 3.12 the build targets and describes each as a set of CMake targets.
#
# Which Pythons:
#   -DPYIDL_PYTHONS="/path/python3.12;/path/python3.13"  exactly these;
#   -DPython_EXECUTABLE=/path/python3.13                 just this one;
#   otherwise every python3.N (N >= 12) on PATH or under pyenv, newest patch per minor version.
#
# For each Python, with <tag> = major, minor and ABI flags ("312", "313", "313t"):
#   pyidl_python_<tag>        INTERFACE target: the headers, for extension modules
#   pyidl_python_embed_<tag>  INTERFACE target: headers + libpython, for programs that embed
#   PYIDL_PYTHON_<tag>_EXECUTABLE, _VERSION, _EXT_SUFFIX, _ABI3_SUFFIX (".abi3.so" on Linux),
#   _LIBRARY, _INCLUDE_DIR
# and PYIDL_PYTHON_TAGS lists the tags, newest first; PYIDL_PYTHON_NEWEST is the first.
# The variables are internal cache entries, so that a project that add_subdirectory()s pyidl
# sees them too (they are recomputed at every configure).
# An extension module never links libpython: the interpreter that loads it provides the symbols.

set(_pyidl_python_probe [=[
import importlib.machinery, sys, sysconfig, os
v = sys.version_info
abi3 = [s for s in importlib.machinery.EXTENSION_SUFFIXES if s.startswith(".abi3")]
libdir = sysconfig.get_config_var("LIBDIR") or ""
lib = sysconfig.get_config_var("LDLIBRARY") or ""
print(";".join([
    f"{v.major}.{v.minor}.{v.micro}",
    f"{v.major}{v.minor}{sys.abiflags}",
    sysconfig.get_paths()["include"],
    sysconfig.get_config_var("EXT_SUFFIX"),
    os.path.join(libdir, lib),
    (abi3 or [".so"])[0],
]))
]=])

# Runs <exe> and, if it is CPython >= 3.12, defines its targets and appends its tag to <out_tags>.
function(_pyidl_describe_python exe out_tags)
  execute_process(COMMAND "${exe}" -c "${_pyidl_python_probe}"
                  OUTPUT_VARIABLE probe RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(WARNING "pyidl: cannot run ${exe}; skipped")
    return()
  endif()
  list(GET probe 0 version)
  list(GET probe 1 tag)
  list(GET probe 2 include_dir)
  list(GET probe 3 ext_suffix)
  list(GET probe 4 library)
  list(GET probe 5 abi3_suffix)
  if(version VERSION_LESS 3.12)
    message(STATUS "pyidl: ${exe} is Python ${version}; sub-interpreters with their own GIL need 3.12+, skipped")
    return()
  endif()
  if(TARGET pyidl_python_${tag})
    return()  # the same minor version was found twice; the first (newest patch) wins
  endif()

  add_library(pyidl_python_${tag} INTERFACE)
  target_include_directories(pyidl_python_${tag} SYSTEM INTERFACE "${include_dir}")
  add_library(pyidl_python_embed_${tag} INTERFACE)
  target_link_libraries(pyidl_python_embed_${tag} INTERFACE pyidl_python_${tag} "${library}")

  set(PYIDL_PYTHON_${tag}_EXECUTABLE "${exe}" CACHE INTERNAL "")
  set(PYIDL_PYTHON_${tag}_VERSION "${version}" CACHE INTERNAL "")
  set(PYIDL_PYTHON_${tag}_EXT_SUFFIX "${ext_suffix}" CACHE INTERNAL "")
  set(PYIDL_PYTHON_${tag}_ABI3_SUFFIX "${abi3_suffix}" CACHE INTERNAL "")
  set(PYIDL_PYTHON_${tag}_LIBRARY "${library}" CACHE INTERNAL "")
  set(PYIDL_PYTHON_${tag}_INCLUDE_DIR "${include_dir}" CACHE INTERNAL "")
  set(tags ${${out_tags}} ${tag})
  set(${out_tags} ${tags} PARENT_SCOPE)
  message(STATUS "pyidl: Python ${version} (${tag}) at ${exe}")
endfunction()

# Candidate interpreters when the user named none: python3.N on PATH, then pyenv's versions.
function(_pyidl_candidate_pythons out)
  set(found "")
  foreach(minor RANGE 20 12 -1)
    find_program(_exe NAMES python3.${minor} NO_CACHE)
    # pyenv's shims only forward to whichever version pyenv selects (often none of these);
    # pyenv's versions themselves are searched below.
    if(_exe AND NOT _exe MATCHES "/shims/")
      list(APPEND found "${_exe}")
    endif()
    unset(_exe)
  endforeach()
  set(pyenv_root "$ENV{PYENV_ROOT}")
  if(NOT pyenv_root)
    set(pyenv_root "$ENV{HOME}/.pyenv")
  endif()
  file(GLOB pyenv_pythons LIST_DIRECTORIES false "${pyenv_root}/versions/3.1[2-9]*/bin/python3")
  # Newest first, so that for each minor version the newest patch release is described first.
  list(SORT pyenv_pythons COMPARE NATURAL ORDER DESCENDING)
  list(APPEND found ${pyenv_pythons})
  set(${out} ${found} PARENT_SCOPE)
endfunction()

macro(pyidl_find_pythons)
  if(PYIDL_PYTHONS)
    set(_pyidl_candidates ${PYIDL_PYTHONS})
  elseif(Python_EXECUTABLE)
    set(_pyidl_candidates ${Python_EXECUTABLE})
  else()
    _pyidl_candidate_pythons(_pyidl_candidates)
  endif()
  set(PYIDL_PYTHON_TAGS "")
  foreach(_exe IN LISTS _pyidl_candidates)
    _pyidl_describe_python("${_exe}" PYIDL_PYTHON_TAGS)
  endforeach()
  if(NOT PYIDL_PYTHON_TAGS)
    message(FATAL_ERROR "pyidl: no CPython >= 3.12 found; name one with -DPython_EXECUTABLE=...")
  endif()
  list(SORT PYIDL_PYTHON_TAGS COMPARE NATURAL ORDER DESCENDING)
  list(GET PYIDL_PYTHON_TAGS 0 PYIDL_PYTHON_NEWEST)
  set(PYIDL_PYTHON_TAGS "${PYIDL_PYTHON_TAGS}" CACHE INTERNAL "")
  set(PYIDL_PYTHON_NEWEST "${PYIDL_PYTHON_NEWEST}" CACHE INTERNAL "")
endmacro()
