"""Shared fact extraction: amounts, percentages, years, breakdowns, score tables.

Rules get facts through ``ctx.facts.get(extractor, block)`` so each block is
parsed once whichever rule asks first.
"""
