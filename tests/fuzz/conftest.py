"""The fuzz harnesses are scripts for atheris, not pytest tests: never collect them."""

collect_ignore_glob = ["*.py"]
