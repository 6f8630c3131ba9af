"""fiscalint: a linter for Chinese government final-accounts and performance reports."""

__version__ = "0.1.0"

from fiscalint.hookspecs import hookimpl

__all__ = ["__version__", "hookimpl"]
