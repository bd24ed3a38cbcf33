"""The pure text pipeline: raw article text in, a ``ParsedArticle`` out, with no Django and
no database (``tests/test_extract_is_pure.py`` enforces this). ``claims.importer`` is the
database side that saves what this package parses."""
