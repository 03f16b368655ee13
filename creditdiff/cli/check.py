"""``creditdiff check``: not yet written."""
