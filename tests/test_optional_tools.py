"""Optional system tools: missing ones are detected quietly and named once, with what they would add."""

from __future__ import annotations

import gc
import sys

import pytest

from extract import fi_morphology
from kb.optional_tools import LIBVOIKKO, TESSERACT, Tool, missing_notes


@pytest.fixture
def fresh_libvoikko_cache():
    """Forget which Voikko was found before and after the test (it is cached per process)."""
    fi_morphology._libvoikko.cache_clear()
    yield
    fi_morphology._libvoikko.cache_clear()


def test_a_missing_voikko_c_library_falls_back_without_noise(monkeypatch, fresh_libvoikko_cache):
    libvoikko = pytest.importorskip("libvoikko", reason="the libvoikko pip binding is not installed")

    def no_library(*_args, **_kwargs):
        raise OSError("libvoikko.so.1: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(libvoikko.VoikkoLibrary, "open", classmethod(no_library))
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    assert fi_morphology._libvoikko() is None
    assert fi_morphology.voikko_engine() == "pyvoikko"
    gc.collect()
    assert unraisable == []  # no half-built Voikko whose __del__ complains
    assert {a.BASEFORM for a in fi_morphology.fi_analyses("hyvinvointialueen")} == {"hyvinvointialue"}


def test_missing_notes_name_each_missing_tool_once_with_its_packages():
    here = Tool("here", "pkg-here", "nothing changes", lambda: True)
    gone = Tool("gone", "pkg-gone pkg-gone-data", "something is slower", lambda: False)
    assert missing_notes((here, gone, here)) == [
        "note: gone not installed: something is slower; scripts/install-optional-tools installs it (pkg-gone pkg-gone-data)"
    ]


@pytest.mark.parametrize("tool", [LIBVOIKKO, TESSERACT], ids=lambda t: t.name)
def test_each_tool_names_debian_packages_the_install_script_installs(tool):
    from pathlib import Path

    script = (Path(__file__).resolve().parent.parent / "scripts" / "install-optional-tools").read_text(encoding="utf-8")
    assert all(package in script.split() for package in tool.packages.split())
