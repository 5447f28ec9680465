"""A machine without the optional system tools, for subprocesses of the tests.

Put this folder first on ``PYTHONPATH`` and Python imports it at start-up:
the Voikko C library cannot be loaded (as when Debian's ``libvoikko1`` is not
installed but the ``libvoikko`` pip binding is) and ``tesseract``,
``chromium`` and ``chromedriver`` are not on the ``PATH``. The system
packages themselves stay installed for everything else on the machine.
"""

import ctypes
import shutil

_HIDDEN_PROGRAMS = {"tesseract", "chromium", "chromedriver"}
_cdll_init = ctypes.CDLL.__init__
_which = shutil.which


def _cdll_without_voikko(self, name, *args, **kwargs):
    if name and "voikko" in str(name):
        raise OSError(f"{name}: cannot open shared object file: No such file or directory")
    _cdll_init(self, name, *args, **kwargs)


def _which_without_tools(cmd, *args, **kwargs):
    return None if str(cmd).rsplit("/", 1)[-1] in _HIDDEN_PROGRAMS else _which(cmd, *args, **kwargs)


ctypes.CDLL.__init__ = _cdll_without_voikko
shutil.which = _which_without_tools
