"""``python -m kb`` is the ``strategy-kb`` command."""

from kb.cli import main

main(prog_name="strategy-kb")
