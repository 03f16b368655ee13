"""``python -m creditdiff`` runs the CLI."""

from creditdiff.cli import main

main()
