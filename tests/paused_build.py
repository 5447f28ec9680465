"""``strategy-kb build`` that stops while its new database is being written, for the kill test.

``python paused_build.py READY build ARGS...`` runs the build; once every row
is in the temporary database (before it replaces the old one), whether
written whole or updated from a copy of the old one, it creates the file
READY and sleeps, so the test can kill it at exactly that moment instead
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


_update = build_module.update


def _pause() -> None:
    READY.touch()
    time.sleep(3600)


def _index_then_pause(db) -> None:
    _index_lemmas(db)
    db.conn.commit()
    _pause()


def _update_then_pause(*args) -> None:
    _update(*args)
    _pause()


build_module.index_lemmas = _index_then_pause  # a database written whole
build_module.update = _update_then_pause  # one updated in place of the old (kb.update)
main(prog_name="strategy-kb")
