"""Output documents (``documents``) and the one writer every command uses (``write``)."""
