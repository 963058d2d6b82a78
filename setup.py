"""Builds the native extension with CMake (pybind11's cmake_example layout).

Offline installs (no build isolation) use the Debian packages of pybind11 and CMake:
    pip install --no-build-isolation .
"""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).parent.resolve()


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        output_dir = Path(self.get_ext_fullpath(ext.name)).parent.resolve()
        build_dir = Path(self.build_temp).resolve() / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        config = os.environ.get("TLSREADY_BUILD_TYPE", "Release")
        configure = [
            "cmake", str(ROOT), f"-DCMAKE_BUILD_TYPE={config}",
            "-DTLSREADY_BUILD_PYTHON=ON", "-DTLSREADY_BUILD_TESTS=OFF",
            f"-DTLSREADY_PYTHON_OUTPUT_DIR={output_dir}",
            f"-DPython3_EXECUTABLE={sys.executable}",
        ]
        try:
            import pybind11
            configure.append(f"-Dpybind11_DIR={pybind11.get_cmake_dir()}")
        except ImportError:
            pass
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
        subprocess.run(configure, cwd=build_dir, check=True)
        subprocess.run(["cmake", "--build", ".", "--target", "_native", "-j", jobs], cwd=build_dir, check=True)
        schema_dir = output_dir / "schema"
        schema_dir.mkdir(exist_ok=True)
        for schema in (ROOT / "native" / "schema").glob("*.json"):
            (schema_dir / schema.name).write_bytes(schema.read_bytes())


setup(ext_modules=[CMakeExtension("tlsready._native")], cmdclass={"build_ext": CMakeBuild})
