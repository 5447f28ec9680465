"""The command line itself: version, help with an example per command, and the README's table of commands."""

from __future__ import annotations

import re
import shlex
from importlib.metadata import version

import click
import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.command_table import README, command_table, readme_table

COMMANDS = sorted(main.commands)


def test_version_is_the_installed_package_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip().endswith(f"version {version('strategy-kb')}")


def test_the_readme_table_of_commands_is_the_one_the_commands_generate():
    text = README.read_text(encoding="utf-8")
    assert readme_table(text), "README.md lacks the generated table's markers"
    assert readme_table(text) == command_table(), "run `python -m kb.command_table` to update README.md"


def test_the_table_lists_every_command_with_its_options():
    table = command_table()
    for name in COMMANDS:
        (row,) = [line for line in table.splitlines() if line.startswith(f"| `strategy-kb {name}")]
        options = {opt for p in main.commands[name].params if isinstance(p, click.Option) for opt in p.opts[:1]}
        assert set(re.findall(r"--[a-z-]+", row.split("` |")[0])) == options - {"--help"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_one_example_that_parses(name, monkeypatch):
    monkeypatch.chdir(README.parent)  # the examples name files as from the repository's root
    result = CliRunner().invoke(main, [name, "--help"], prog_name="strategy-kb")
    assert result.exit_code == 0, result.output
    examples = [line.strip() for line in result.output.splitlines() if line.strip().startswith(f"strategy-kb {name} ")]
    assert "Example:" in result.output and len(examples) == 1, result.output
    args = shlex.split(examples[0])[1:]
    command = main.commands[args[0]]
    with main.make_context("strategy-kb", list(args)) as parent:
        command.make_context(args[0], args[1:], parent=parent)  # raises on an unknown option or a bad value
