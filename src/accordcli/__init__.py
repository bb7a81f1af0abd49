"""accord: a command-line timeline explorer for the 1988 Geneva Accords."""

__version__ = "0.1.0"
