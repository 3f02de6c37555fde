"""The admin class every audited model uses: simple-history's, with ids checked before any query."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's history pages look a row up with the raw id from the URL: "x1" would be a 500."""

    def _require_id(self, object_id):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError, TypeError):
            raise Http404() from None

    def history_view(self, request, object_id, extra_context=None):
        self._require_id(object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_id(object_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)
