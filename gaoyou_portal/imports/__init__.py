"""The one import engine: every Excel import of every app (ledgers, reports, task lists, targets).

How an app declares an import (in ``<app>/imports.py``, found at start-up by ``autodiscover_modules``):

    from gaoyou_portal.imports import Column, ImportSpec, PreviewRow, parsers, register
    from gaoyou_portal.imports.engine import row_errors
    from gaoyou_portal.spreadsheets import RowErrors

    @register
    class TargetValuesImport(ImportSpec):
        key = "targets.values"                      # unique, stored on the ImportJob row
        title = _("Import monthly values")
        success_url_name = "targets:value_list"     # after a done import (or override success_url(job))
        batch_size = None                           # None: apply() gets all rows; 500: 500 at a time
        columns = [
            Column("指标编号", "indicator", parsers.text(), required=True, help=_("as in the catalogue")),
            Column("单位", "unit", parsers.unit(kinds=parsers.TOWNS), required=True),
            Column("月份", "month", parsers.month(), required=True, example="2026-05"),
            Column("数值", "value", parsers.decimal(minimum=0), required=True),
        ]

        def check_permission(self):                 # self.user, self.params (e.g. {"year": 2026})
            if not is_office(self.user):
                raise DomainError(_("Only the office imports values."))

        def clean_row(self, data, row):            # cross-column checks; row.error(key, message)
            if data["month"].year != self.params["year"]:
                row.error("month", _("must fall within %(year)s") % {"year": self.params["year"]})
            return data                              # what apply() receives as row.data

        def apply(self, rows):                      # call the app's services; all or nothing
            errors, counts = RowErrors(), {"created": 0, "updated": 0}
            for row in rows:                        # row.number (as Excel shows it), row.data
                try:
                    created = value_save(user=self.user, **row.data)
                except ValidationError as exc:
                    errors.items += row_errors(row.number, exc, self)
                    continue
                counts["created" if created else "updated"] += 1
            errors.raise_if_any()
            return counts

        def preview_row(self, row):                 # optional: the preview line and its note
            return PreviewRow([row.data["unit"].name, ...], note=_("new"))

The page: subclass ``views.ImportUploadView`` with ``spec = TargetValuesImport`` (and ``required_roles``,
``get_params``); the job page, confirm, error report and template (``import_template`` with the key)
are shared URLs. Services: ``engine.import_start(spec=..., upload=..., user=..., params=...)``,
``engine.import_confirm(job=..., user=...)``. A file up to ``PORTAL_IMPORT_INLINE_BYTES`` is checked in
the request; a larger one by a Celery job (queued on commit) whose progress the job page polls.

The engine checks the upload (``uploads.check_upload``: type, size, zip bombs, XML entities), reads the
sheet (headers matched, formulas refused), parses every column (an empty required cell, a bad value:
an error with row and column), runs ``clean_row``, then ``apply`` in a transaction rolled back during
the check (so the preview lists the services' own errors) and committed on confirm.
"""

from .spec import Column, ImportRow, ImportSpec, PreviewRow, get_spec, register

__all__ = ["Column", "ImportRow", "ImportSpec", "PreviewRow", "get_spec", "register"]
