"""fiscalint plugin for Hunan (湖南) reports."""

__version__ = "0.1.0"
