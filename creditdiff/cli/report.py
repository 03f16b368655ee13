"""``creditdiff report``: not yet written."""
