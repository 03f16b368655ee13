"""The report JSON (``docs/contract.md``) to and from the typed records.

``report_to_dict`` is what ``creditdiff parse --json`` prints; ``report_from_dict``
reads it back so a report parsed once can be diffed without its PDF.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from creditdiff.errors import InvalidJsonReportError
from creditdiff.metrics import report_metrics
from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    HistoryMonth,
    Month,
    PartialDate,
    Provenance,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    SourceKind,
    Summary,
    parse_partial_date,
)

JsonDict = dict[str, Any]


def iso_date(value: PartialDate | None) -> str | None:
    """A date as the contract writes it (``2024-05-31`` or ``2024-05``), or None."""
    return None if value is None else value.isoformat()


def _read_date(value: str | None) -> PartialDate | None:
    return None if value is None else parse_partial_date(value)


def account_to_dict(account: Account) -> JsonDict:
    return {
        "family": account.family.value,
        "institution": account.institution,
        "account_id": account.account_id,
        "agreement_id": account.agreement_id,
        "opened": iso_date(account.opened),
        "due": iso_date(account.due),
        "currency": account.currency,
        "amount": account.amount,
        "business_type": account.business_type,
        "as_of": iso_date(account.as_of),
        "status": account.status,
        "state": account.state.value,
        "balance": account.balance,
        "used": account.used,
        "closed_on": iso_date(account.closed_on),
        "overdue_amount": account.overdue_amount,
        "classification": account.classification,
        "page": account.page,
        **history_to_dict(account),
    }


# -- the repayment grid and the overdue counts ------------------------------
def history_to_dict(account: Account) -> JsonDict:
    history = account.history
    return {
        "history": None
        if history is None
        else [
            {"month": h.month.isoformat(), "status": h.status, "overdue_amount": h.overdue_amount}
            for h in history
        ],
        "overdue_months_5y": account.overdue_months_5y,
        "overdue_90d_months_5y": account.overdue_90d_months_5y,
        "monthly_payment": account.monthly_payment,
    }


def history_from_dict(data: Mapping[str, Any]) -> JsonDict:
    """The Account keyword arguments of ``history_to_dict``'s keys (absent -> None)."""
    history = data.get("history")
    return {
        "history": None
        if history is None
        else tuple(
            HistoryMonth(
                Month(int(h["month"][:4]), int(h["month"][5:7])),
                h["status"],
                h.get("overdue_amount"),
            )
            for h in history
        ),
        "overdue_months_5y": data.get("overdue_months_5y"),
        "overdue_90d_months_5y": data.get("overdue_90d_months_5y"),
        "monthly_payment": data.get("monthly_payment"),
    }


def agreement_to_dict(agreement: CreditAgreement) -> JsonDict:
    return {
        "institution": agreement.institution,
        "agreement_id": agreement.agreement_id,
        "effective": iso_date(agreement.effective),
        "due": iso_date(agreement.due),
        "limit": agreement.limit,
        "used": agreement.used,
        "purpose": agreement.purpose,
    }


def query_to_dict(query: Query) -> JsonDict:
    return {
        "date": query.date.isoformat(),
        "institution": query.institution,
        "reason": query.reason,
        "kind": query.kind.value,
    }


def provenance_to_dict(provenance: Provenance | None) -> JsonDict | None:
    """The contract's ``report.source``: how the text was obtained."""
    if provenance is None:
        return None
    return {
        "kind": provenance.kind.value,
        "files": provenance.files,
        "pages": provenance.pages,
        "confidence": provenance.confidence,
    }


def _provenance_from_dict(data: Mapping[str, Any] | None) -> Provenance | None:
    if data is None:
        return None
    return Provenance(
        kind=SourceKind(data["kind"]),
        files=data["files"],
        pages=data["pages"],
        confidence=data.get("confidence"),
    )


def report_to_dict(report: Report) -> JsonDict:
    return {
        "format": report.format.value,
        "report": {
            "number": report.number,
            "generated_at": None
            if report.generated_at is None
            else report.generated_at.isoformat(timespec="seconds"),
            "subject_name": report.subject_name,
            "id_type": report.id_type,
            "id_number": report.id_number,
            "source": provenance_to_dict(report.provenance),
        },
        "accounts": [account_to_dict(a) for a in report.accounts],
        "credit_agreements": [agreement_to_dict(a) for a in report.credit_agreements],
        # A finding's query evidence is the query alone; the parse also says where it was.
        "queries": [{**query_to_dict(q), "page": q.page} for q in report.queries],
        "summary": {
            table: {row: dict(cols) for row, cols in rows.items()}
            for table, rows in report.summary.tables.items()
        },
        "warnings": list(report.warnings),
        "metrics": report_metrics(report).to_dict(),
    }


def report_from_dict(data: Mapping[str, Any], source: str | None = None) -> Report:
    """Rebuild a Report from contract JSON that has already been validated."""
    header = data["report"]
    generated = header.get("generated_at")
    return Report(
        format=ReportFormat(data["format"]),
        number=header.get("number"),
        generated_at=None if generated is None else dt.datetime.fromisoformat(generated),
        subject_name=header.get("subject_name"),
        id_type=header.get("id_type"),
        id_number=header.get("id_number"),
        accounts=tuple(
            Account(
                family=Family(a["family"]),
                institution=a["institution"],
                account_id=a.get("account_id"),
                agreement_id=a.get("agreement_id"),
                opened=_read_date(a.get("opened")),
                due=_read_date(a.get("due")),
                currency=a.get("currency"),
                amount=a.get("amount"),
                business_type=a.get("business_type"),
                as_of=_read_date(a.get("as_of")),
                status=a.get("status"),
                balance=a.get("balance"),
                used=a.get("used"),
                closed_on=_read_date(a.get("closed_on")),
                overdue_amount=a.get("overdue_amount"),
                classification=a.get("classification"),
                page=a.get("page"),
                **history_from_dict(a),
            )
            for a in data["accounts"]
        ),
        credit_agreements=tuple(
            CreditAgreement(
                institution=c["institution"],
                agreement_id=c.get("agreement_id"),
                effective=_read_date(c.get("effective")),
                due=_read_date(c.get("due")),
                limit=c.get("limit"),
                used=c.get("used"),
                purpose=c.get("purpose"),
            )
            for c in data["credit_agreements"]
        ),
        queries=tuple(
            Query(
                date=dt.date.fromisoformat(q["date"]),
                institution=q["institution"],
                reason=q["reason"],
                kind=QueryKind(q["kind"]),
                page=q.get("page"),
            )
            for q in data["queries"]
        ),
        summary=Summary(tables=data.get("summary", {})),
        warnings=tuple(data.get("warnings", ())),
        source=source,
        provenance=_provenance_from_dict(header.get("source")),
    )


@cache
def schema(name: str) -> JsonDict:
    """A JSON Schema shipped in ``creditdiff/schema`` (``report`` or ``diff``)."""
    text = resources.files("creditdiff.schema").joinpath(f"{name}.schema.json").read_text("utf-8")
    loaded: JsonDict = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> Any:
    """The schema's validator, checked and built once per process."""
    import jsonschema  # on use: only commands that read or check JSON need it

    cls = jsonschema.validators.validator_for(schema(name))
    cls.check_schema(schema(name))
    return cls(schema(name))


def validate(document: Mapping[str, Any], name: str) -> None:
    """Raise ``jsonschema.ValidationError`` when a document breaks its schema."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(document))
    if error is not None:
        raise error


def load_report_json(path: Path) -> Report:
    """Read a ``creditdiff parse --json`` file; a clear InputError when it is not one."""
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidJsonReportError(path, "not valid JSON") from None
    except RecursionError:
        raise InvalidJsonReportError(path, "nested too deeply to read") from None
    except ValueError:
        # An integer of over 4 300 digits exceeds Python's int-string conversion limit.
        raise InvalidJsonReportError(path, "JSON holds a number too long to read") from None
    import jsonschema

    try:
        validate(data, "report")
    except jsonschema.ValidationError:
        raise InvalidJsonReportError(
            path, "JSON is not a creditdiff parse result (schema mismatch)"
        ) from None
    try:
        return report_from_dict(data, source=path.name)
    except (ValueError, OverflowError):
        # The schema checks the shape of a date, not the calendar: 2022-02-30 passes it.
        raise InvalidJsonReportError(path, "JSON holds an impossible date or value") from None
