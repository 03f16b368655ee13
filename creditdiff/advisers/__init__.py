"""Many clients at once: reports found in client folders, grouped by person, summarised."""

from __future__ import annotations

from creditdiff.advisers.groups import Client, Grouping, find_report_files, group_results

__all__ = ["Client", "Grouping", "find_report_files", "group_results"]
