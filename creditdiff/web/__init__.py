"""The local web page: drop one or two reports, see the findings, download the action PDF."""

from __future__ import annotations

from creditdiff.web.app import DEFAULT_MAX_BYTES, create_app

__all__ = ["DEFAULT_MAX_BYTES", "create_app"]
