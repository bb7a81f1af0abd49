"""Run accord as `python -m accordcli`."""

from accordcli.cli import main

main()
