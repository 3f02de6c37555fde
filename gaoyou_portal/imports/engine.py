"""The import engine's services: start, check, confirm, run. Every Excel import goes through these.

1. ``import_start`` checks the user's right and the file (``uploads.check_upload``: hostile files are
   refused here, unread), stores it on an ``ImportJob`` and checks it: inline when the file is small
   (``PORTAL_IMPORT_INLINE_BYTES``), else in a Celery job queued on commit.
2. The check reads every row, parses each column, runs ``clean_row`` and then the app's ``apply`` in a
   transaction that is rolled back: the preview (on the job row) lists every error the services
   themselves would raise, with row and column.
3. ``import_confirm`` runs the same once more, committed, all or nothing (inline or queued, by size).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ImportState
from ..errors import DomainError
from ..spreadsheets import RowError, RowErrors, SpreadsheetError, open_sheet, xlsx_response
from ..uploads import Purpose, check_upload
from .spec import ImportRow, Outcome, PreviewRow, RowContext, get_spec

logger = logging.getLogger(__name__)

ERROR_LIMIT = 200


def _progress_key(job_id):
    return f"import:{job_id}:progress"


def _set_progress(job_id, count):
    from django.core.cache import cache

    try:
        cache.set(_progress_key(job_id), count, 3600)
    except Exception:  # the cache is an accelerator: progress falls back to the row
        logger.warning("import %s: progress not cached", job_id, exc_info=True)


def import_progress(job):
    """Rows processed so far: live from the cache while the job runs, else from the row."""
    from django.core.cache import cache

    if job.running:
        try:
            return max(job.processed_rows, cache.get(_progress_key(job.pk)) or 0)
        except Exception:
            return job.processed_rows
    return job.processed_rows


def _inline(size):
    return size is not None and size <= settings.PORTAL_IMPORT_INLINE_BYTES


def import_start(*, spec, upload, user, params=None):
    """Check and store an uploaded sheet for ``spec`` (a spec class or its key); check it now if small."""
    from ..models import ImportJob
    from ..tasks import enqueue, import_check_task

    spec = get_spec(spec) if isinstance(spec, str) else spec
    params = params or {}
    spec(user=user, params=params).check_permission()
    check_upload(upload, purpose=Purpose.SPREADSHEET, field="file")
    with transaction.atomic():
        job = ImportJob(spec=spec.key, params=params, original_name=upload.name[:200], created_by=user)
        job.file.save(upload.name, upload, save=False)
        job.save()
        if not _inline(upload.size):
            enqueue(import_check_task, job.pk)
            return job
    import_check(job=job)
    if not spec.confirm and job.state == ImportState.VALID:
        job = import_confirm(job=job, user=user)
    return job


def import_check(*, job):
    """Check every row without keeping anything: the job then holds the preview or the errors."""
    if job.state != ImportState.VALIDATING:
        return job  # idempotent: a repeated task does nothing
    try:
        outcome, errors = _run_job(job, commit=False)
    except Exception:
        logger.exception("import job %s: the check failed", job.pk)
        _fail(job)
        raise
    job.total_rows = job.processed_rows = outcome.total
    job.errors = errors
    job.preview = outcome.preview
    job.state = ImportState.INVALID if errors else ImportState.VALID
    job.finished_at = timezone.now() if errors else None
    job.save(update_fields=["total_rows", "processed_rows", "errors", "preview", "state", "finished_at"])
    return job


def import_confirm(*, job, user):
    """The uploader (or a viewer of the import) confirms a checked file: import it, now or by a job."""
    from ..models import ImportJob
    from ..tasks import enqueue, import_run_task

    spec = get_spec(job.spec)
    spec(user=user, params=job.params).check_permission()
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.state != ImportState.VALID:
            raise DomainError(_("Only a checked file without errors can be imported."))
        job.state = ImportState.IMPORTING
        job.processed_rows = 0
        job.save(update_fields=["state", "processed_rows"])
        if not _inline(job.file.size if job.file else None):
            enqueue(import_run_task, job.pk)
            return job
    return import_run(job=job)


def import_run(*, job):
    """Import every row in one transaction; if anything changed since the check, the errors are shown."""
    if job.state != ImportState.IMPORTING:
        return job
    try:
        outcome, errors = _run_job(job, commit=True)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        _fail(job)
        raise
    job.processed_rows = outcome.total
    job.created_count, job.updated_count = (0, 0) if errors else (outcome.created, outcome.updated)
    job.errors = errors
    job.state = ImportState.INVALID if errors else ImportState.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["processed_rows", "created_count", "updated_count", "errors", "state", "finished_at"])
    return job


def _fail(job):
    job.state = ImportState.FAILED
    job.errors = [{"row": 0, "column": "", "message": _(
        "The import failed unexpectedly; nothing was saved. Try again, or tell the administrator.")}]
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "errors", "finished_at"])


def _run_job(job, *, commit):
    spec = get_spec(job.spec)(user=job.created_by, params=job.params)
    with job.file.open("rb") as handle:
        outcome, errors = process(spec, handle, name=job.original_name, commit=commit,
                                  progress=lambda count: _set_progress(job.pk, count))
    return outcome, [{"row": e.row, "column": e.column, "message": e.message} for e in errors]


def _rows(sheet, name):
    """The sheet's rows; any parser failure (malformed XML, entities refused by defusedxml) becomes a message."""
    rows = sheet.rows()
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except SpreadsheetError:
            raise
        except Exception as exc:
            logger.info("import of %s: unreadable sheet: %r", name, exc)
            raise SpreadsheetError([RowError(0, "", unreadable_message(name))]) from exc
        yield row


def unreadable_message(name):
    return _("“%(name)s” could not be read as an Excel workbook (.xlsx); nothing was imported. "
             "Save it again from Excel and upload the new file.") % {"name": name}


def process(spec, source, *, name, commit, progress=None):
    """Read, check and apply every row of ``source`` for the spec instance ``spec``; all or nothing.

    Returns ``(outcome, errors)``. Without ``commit`` the applied rows are rolled back (a dry run).
    """
    outcome = Outcome()
    errors = RowErrors(limit=ERROR_LIMIT)
    with transaction.atomic():
        try:
            with open_sheet(source, columns={c.header: c.key for c in spec.columns}, name=name) as sheet:
                batch = []
                for sheet_row in _rows(sheet, name):
                    outcome.total += 1
                    if outcome.total > spec.max_rows:
                        errors.add(0, "", _("The sheet has more than %(max)s rows; split it into several files.")
                                   % {"max": spec.max_rows})
                        break
                    row = _check_row(spec, sheet_row, errors)
                    if row is not None:
                        batch.append(row)
                        if len(outcome.preview) < spec.preview_limit:
                            preview = spec.preview_row(row) or PreviewRow([])
                            outcome.preview.append({"row": row.number, "cells": [str(c) for c in preview.cells],
                                                    "note": str(preview.note)})
                    if spec.batch_size and len(batch) >= spec.batch_size:
                        _apply(spec, batch, errors, outcome, commit=commit)
                        batch = []
                        if progress:
                            progress(outcome.total)
                    if len(errors) >= errors.limit:
                        break
                if batch:
                    _apply(spec, batch, errors, outcome, commit=commit)
        except SpreadsheetError as exc:
            errors.items.extend(exc.row_errors)
        except (OSError, ValueError, KeyError, EOFError) as exc:  # open_sheet's own parse, past the upload check
            logger.info("import of %s: unreadable workbook: %r", name, exc)
            errors.add(0, "", unreadable_message(name))
        if progress:
            progress(outcome.total)
        if not outcome.total and not errors:
            errors.add(0, "", _("The sheet has no data rows."))
        if errors or not commit:
            transaction.set_rollback(True)
    return outcome, errors.items


def _check_row(spec, sheet_row, errors):
    context = RowContext(spec, sheet_row.number, errors)
    data = {}
    for column in spec.columns:
        value = sheet_row.values.get(column.key)
        parser = column.parser
        if value is None:
            if column.required:
                context.error(column.key, _("is empty"))
            data[column.key] = getattr(parser, "empty", None) if parser else ""
            continue
        try:
            data[column.key] = parser(value, spec) if parser else str(value).strip()
        except ValueError as exc:
            context.error(column.key, exc)
    # clean_row runs even after a bad cell (its key is then missing), so every error of the row is listed.
    data = spec.clean_row(data, context)
    if context.failed:
        return None
    return ImportRow(sheet_row.number, data, sheet_row.values)


def _apply(spec, batch, errors, outcome, *, commit):
    if errors and (commit or spec.dry_run):
        return  # rows already refused: the file will not be applied; keep reading to list every error
    try:
        with transaction.atomic():
            if commit or spec.dry_run:
                counts = spec.apply(batch) or {}
            else:
                counts = spec.check_batch(batch) or {}
    except SpreadsheetError as exc:
        errors.items.extend(exc.row_errors)
        return
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(0, "", message)
        return
    outcome.created += counts.get("created", 0)
    outcome.updated += counts.get("updated", 0)


def row_errors(number, exc, spec):
    """A service's ``ValidationError`` on one row as row errors naming the sheet's columns."""
    found = []
    if hasattr(exc, "error_dict"):
        for key, messages in exc.message_dict.items():
            column = "" if key == "__all__" else spec.header_for(key)
            found += [RowError(number, column, message) for message in messages]
    else:
        found += [RowError(number, "", message) for message in exc.messages]
    return found


# --- downloads -----------------------------------------------------------------------------------------
def template_response(spec):
    """The sheet to fill in (``spec`` is an instance): headers and example rows, then each column's help."""
    help_rows = [[c.header, _("yes") if c.required else "", str(c.help)] for c in spec.columns]
    return xlsx_response(
        f"{spec.title}-模板.xlsx", spec.headers, spec.template_rows(), title=str(spec.title),
        more_sheets=[(_("Help"), [_("column"), _("required"), _("how to fill it in")], help_rows)],
    )


def error_report_response(job):
    """Every error of a job as a sheet: row, column, message."""
    rows = [[e.get("row") or "", e.get("column", ""), e.get("message", "")] for e in job.errors]
    return xlsx_response(f"导入错误-{job.pk}.xlsx", [_("row"), _("column"), _("problem")], rows, title=_("errors"))


class FileResult:
    """What ``run_file`` returns: counts, the preview and every error as the page shows it."""

    def __init__(self, outcome, errors):
        self.total, self.created, self.updated = outcome.total, outcome.created, outcome.updated
        self.preview = outcome.preview
        self.row_errors = errors
        self.errors = [str(e) for e in errors]
        if errors:
            self.created = self.updated = 0


def run_file(*, spec, upload, user, params=None, commit=True):
    """Check (and with ``commit`` apply) a file without a job row: for scripts, benchmarks and tests.

    The same steps as a job, after the same upload check; pages use ``import_start``.
    """
    spec = get_spec(spec) if isinstance(spec, str) else spec
    instance = spec(user=user, params=params or {})
    instance.check_permission()
    try:
        check_upload(upload, purpose=Purpose.SPREADSHEET, field="file")
    except DomainError as exc:
        return FileResult(Outcome(), [RowError(0, "", m) for m in exc.messages])
    return FileResult(*process(instance, upload, name=upload.name, commit=commit))
