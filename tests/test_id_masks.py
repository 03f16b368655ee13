"""ID numbers: whatever form the report prints, the output carries the contract's mask."""

from __future__ import annotations

import copy
from pathlib import Path

import _reportcases as cases
import pytest

from creditdiff.reports import parse_pdf

#: (printed on the report, the contract's mask): full, 6+6*+4 (16 long), 14*+4.
FORMS = [
    ("110101199001011234", "1101**********1234"),
    ("110108******181X", "1101**********181X"),
    ("**************2121", "**************2121"),
]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["detailed", "simple"])
@pytest.mark.parametrize(("printed", "masked"), FORMS)
def test_printed_id_forms_come_out_masked(
    kind: str, printed: str, masked: str, tmp_path: Path
) -> None:
    """A 本人版 or 简版 printing the ID in any seen form parses to the 18-character mask."""
    case = copy.deepcopy(cases.clean())
    case["person"] = {**case["person"], "id_number": printed}
    report = parse_pdf(cases.write(case, tmp_path / "report.pdf", kind=kind))
    assert report.id_number == masked
    assert len(masked) == 18
