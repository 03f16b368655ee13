"""A Starlette app on 127.0.0.1 for people who do not use a terminal.

Uploads are type-checked by their first bytes and size-limited; each request works in a
private temporary folder (mode 0700) deleted before the response is sent. What can be
downloaded afterwards (the action PDF and the JSON) stays in this process's memory only.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import shutil
import tempfile
from collections import OrderedDict
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from creditdiff.check.verdict import check
from creditdiff.errors import CreditDiffError
from creditdiff.model import Comparison, Severity
from creditdiff.output.check import check_to_dict
from creditdiff.output.terminal import CODE_LABELS, SEVERITY_LABELS
from creditdiff.render.action_pdf import write_action_report
from creditdiff.reports import compare_reports, read_report
from creditdiff.wording import default_templates_dir

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: What an upload may be, by its first bytes: PDF, or a photo (for OCR).
MAGIC = {b"%PDF-": ".pdf", b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png"}
#: Results kept for download, newest last.
KEEP_RESULTS = 16


class UploadRejected(Exception):
    """An upload refused before reading: the message is shown on the page."""


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(default_templates_dir() / "web")),
        autoescape=select_autoescape(["html"]),
    )


def _kind(data: bytes) -> str | None:
    return next((suffix for magic, suffix in MAGIC.items() if data.startswith(magic)), None)


def _safe_name(name: str | None, index: int, suffix: str) -> str:
    stem = PurePath(name or "").stem.replace("/", "_").replace("\\", "_").strip(". ")
    return f"{index}-{stem[:60] or 'report'}{suffix}"


def _finding_rows(comparison: Comparison) -> list[dict[str, str]]:
    ordered = sorted(comparison.findings, key=lambda f: -f.severity.rank)
    return [
        {
            "severity": f.severity.value,
            "severity_label": SEVERITY_LABELS[f.severity],
            "code_label": CODE_LABELS.get(f.code, f.code.value),
            "institution": f.institution,
            "message": f.message,
        }
        for f in ordered
    ]


class CheckApp:
    """The routes, the templates and the in-memory downloads."""

    def __init__(self, max_bytes: int, temp_root: Path | None) -> None:
        self.max_bytes = max_bytes
        self.temp_root = temp_root
        self.templates = _environment()
        self.results: OrderedDict[str, dict[str, bytes]] = OrderedDict()

    def page(self, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        limit_mb = max(1, self.max_bytes // (1024 * 1024))
        html = self.templates.get_template(name).render(limit_mb=limit_mb, **values)
        return HTMLResponse(html, status_code=status)

    async def index(self, request: Request) -> HTMLResponse:
        return self.page("upload.html")

    async def upload(self, request: Request) -> Response:
        declared = int(request.headers.get("content-length") or 0)
        if declared > 2 * self.max_bytes + 64 * 1024:
            return self.page("upload.html", 413, error=self._too_big())
        try:
            async with request.form(max_files=2, max_fields=4) as form:
                uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile)]
                password = str(form.get("password") or "") or None
                files: list[tuple[str | None, bytes]] = [
                    (u.filename, await self._read(u)) for u in uploads if u.filename
                ]
        except UploadRejected as error:
            return self.page("upload.html", 400, error=str(error))
        except Exception:  # a malformed form body is one message too
            return self.page("upload.html", 400, error="上传的内容无法读取，请重新选择文件")
        if not 1 <= len(files) <= 2:
            return self.page("upload.html", 400, error="请放入一份或两份报告")
        try:
            values = await run_in_threadpool(self._process, files, password)
        except (CreditDiffError, UploadRejected) as error:
            return self.page("upload.html", 400, error=str(error))
        return self.page("result.html", **values)

    def _too_big(self) -> str:
        return f"文件太大：每个文件不能超过 {max(1, self.max_bytes // (1024 * 1024))} MB"

    async def _read(self, upload: UploadFile) -> bytes:
        data = await upload.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise UploadRejected(f"{upload.filename}: {self._too_big()}")
        if _kind(data) is None:
            raise UploadRejected(f"{upload.filename}: 不是 PDF 报告或照片（JPG/PNG），无法读取")
        return data

    def _process(
        self, files: list[tuple[str | None, bytes]], password: str | None
    ) -> dict[str, Any]:
        folder = Path(tempfile.mkdtemp(prefix="creditdiff-web-", dir=self.temp_root))
        try:
            return self._process_in(folder, files, password)
        except CreditDiffError as error:
            # Messages name the private temp file; show the name the person uploaded.
            raise UploadRejected(self._public(str(error), folder, files)) from None
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _public(message: str, folder: Path, files: list[tuple[str | None, bytes]]) -> str:
        for index, (name, data) in enumerate(files):
            saved = folder / _safe_name(name, index, _kind(data) or "")
            message = message.replace(str(saved), name or saved.name)
        return message.replace(str(folder) + "/", "")

    def _process_in(
        self, folder: Path, files: list[tuple[str | None, bytes]], password: str | None
    ) -> dict[str, Any]:
        reports = []
        for index, (name, data) in enumerate(files):
            path = folder / _safe_name(name, index, _kind(data) or "")
            path.write_bytes(data)
            reports.append(read_report(path, password))
        older = reports[0] if len(reports) == 2 else None
        comparison = compare_reports(older, reports[-1])
        result = check(comparison)
        pdf_path = folder / "creditdiff-actions.pdf"
        write_action_report(comparison, pdf_path)
        document = json.dumps(check_to_dict(result), ensure_ascii=False, indent=2)
        token = secrets.token_urlsafe(16)
        self.results[token] = {
            "creditdiff-actions.pdf": pdf_path.read_bytes(),
            "creditdiff.json": document.encode("utf-8"),
        }
        while len(self.results) > KEEP_RESULTS:
            self.results.popitem(last=False)
        new = comparison.new
        counts = [
            (SEVERITY_LABELS[s], sum(f.severity is s for f in comparison.findings))
            for s in Severity
        ]
        return {
            "token": token,
            "person": " ".join(p for p in (new.id_number, new.subject_name) if p),
            "newest": _when(new.generated_at),
            "older": None if comparison.old is None else _when(comparison.old.generated_at),
            "counts": counts,
            "findings": _finding_rows(comparison),
            "notices": comparison.notices,
            "warnings": new.warnings,
        }

    async def download(self, request: Request) -> Response:
        files = self.results.get(request.path_params["token"], {})
        name = request.path_params["name"]
        if name not in files:
            return self.page("upload.html", 404, error="下载已失效，请重新检查")
        media = "application/pdf" if name.endswith(".pdf") else "application/json"
        headers = {
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        }
        return Response(files[name], media_type=media, headers=headers)


def _when(value: dt.datetime | None) -> str:
    return "未知" if value is None else value.isoformat(sep=" ", timespec="minutes")


def create_app(max_bytes: int = DEFAULT_MAX_BYTES, temp_root: Path | None = None) -> Starlette:
    """The web app; ``temp_root`` is where the per-request private folders are made."""
    handlers = CheckApp(max_bytes, temp_root)
    return Starlette(
        routes=[
            Route("/", handlers.index),
            Route("/check", handlers.upload, methods=["POST"]),
            Route("/download/{token}/{name}", handlers.download),
        ]
    )
