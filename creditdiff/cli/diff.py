"""``creditdiff diff``: not yet written."""
