"""The one exception family creditdiff raises on purpose.

Messages name the file and the problem and never carry personal data (names, ID
numbers, amounts), because the CLI prints them verbatim to stderr.
"""

from __future__ import annotations

from pathlib import Path


class CreditDiffError(Exception):
    """Base of every error the CLI turns into one stderr line and exit code 2."""


class InputError(CreditDiffError):
    """A file could not be read as a credit report."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Raised in a worker process, it is pickled back to the parent with its fields.
        return (type(self), (self.path, self.problem))


class NotAPdfError(InputError):
    pass


class EncryptedError(InputError):
    pass


class NoTextLayerError(InputError):
    pass


class CorruptPdfError(InputError):
    pass


class NotACreditReportError(InputError):
    pass


class InvalidJsonReportError(InputError):
    pass


class UsageError(CreditDiffError):
    """Arguments that cannot work together (e.g. reports of two different people)."""


class OutputFileError(CreditDiffError):
    """An output file or folder could not be written."""

    def __init__(self, path: str | Path, error: OSError) -> None:
        self.path = str(path)
        self.problem = f"cannot write ({error.strerror or error})"
        super().__init__(f"{self.path}: {self.problem}")
