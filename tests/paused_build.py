"""``strategy-kb build`` that stops while its new database is being written, for the kill test.

``python paused_build.py READY build ARGS...`` runs the build; once every row
is in the temporary database (before it replaces the old one) it creates the
file READY and sleeps, so the test can kill it at exactly that moment instead
of racing a fast machine.
"""

import importlib
import sys
import time
from pathlib import Path

from kb.cli import main

build_module = importlib.import_module("kb.build")  # the package's ``kb.build`` is the function

READY = Path(sys.argv.pop(1))
_index_lemmas = build_module.index_lemmas


def _index_then_pause(db) -> None:
    _index_lemmas(db)
    db.conn.commit()
    READY.touch()
    time.sleep(3600)


build_module.index_lemmas = _index_then_pause
main(prog_name="strategy-kb")
