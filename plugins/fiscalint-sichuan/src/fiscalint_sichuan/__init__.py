"""fiscalint plugin for Sichuan (四川) reports."""

__version__ = "0.1.0"
