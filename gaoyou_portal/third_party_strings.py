"""Strings of the libraries the portal uses that their own catalogues leave untranslated in zh-hans.

Listed here (never called) so ``makemessages`` keeps them in the shared catalogue, ``locale/zh_Hans``;
Django looks a message up in every catalogue, so the translation there serves the library's own text.
"""

from django.utils.translation import gettext_noop

STRINGS = (
    # django-filter: sort choices (its catalogues have zh_CN, not zh_Hans)
    gettext_noop("%s (descending)"),
    # Django admin 5.2: the captions of the index's table, new and not yet in Django's zh_Hans catalogue
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # django-axes: its models (no zh catalogue)
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)
