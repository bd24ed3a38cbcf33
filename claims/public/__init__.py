"""The public site of the desk's published fact-checks: one page per fact-check (with its
ClaimReview JSON-LD), an index with filters, an Atom feed and a sitemap.

Plain server-rendered HTML in the dashboard's style, no script and no external asset. Only
published claims (``ClaimQuerySet.published``) are shown; a logged-in user may preview an
unpublished one, marked as such and kept out of search engines.
"""
