"""One version: the VERSION file is what Python, CMake and the C ABI report.

CMake reads VERSION into project(VERSION ...) and the generated tlsready/version.h; the C program
(tests/capi, ctest capi_c_program_*) checks tlsr_version() against CMake's; setuptools reads
VERSION for the package metadata ([tool.setuptools.dynamic] in pyproject.toml); the extension's
__version__ comes from the generated header. Here: the Python side of that chain.
"""

import importlib.metadata
import re
from pathlib import Path

import tlsready
from tlsready import _native

ROOT = Path(__file__).resolve().parents[2]


def test_python_version_is_the_version_file() -> None:
    version = (ROOT / "VERSION").read_text().strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert tlsready.__version__ == version
    assert _native.__version__ == version
    assert importlib.metadata.version("tlsready") == version


def test_cmake_reads_the_version_file() -> None:
    cmake = (ROOT / "CMakeLists.txt").read_text()
    assert 'file(STRINGS "${CMAKE_CURRENT_SOURCE_DIR}/VERSION"' in cmake
    assert "project(tlsready VERSION ${TLSREADY_VERSION_TEXT}" in cmake
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'version = { file = "VERSION" }' in pyproject
    assert not re.search(r'^version\s*=\s*"', pyproject, re.M)
