"""What org tells the apps built on it, without importing them (they import org, never the reverse).

- ``notice_sent``: a notice of ``kind`` about ``unit`` was written (``services.notify_users``/``notify_unit``);
  ``notify`` hands it to the group robots that take it. Arguments: ``kind, unit, title, body, link, mobiles``
  (a list, or a callable giving it, called only if a channel takes the notice), ``event``.
- ``mobiles_of``: the mobiles to @-mention for ``users`` besides their unit memberships' (``leaders``: the
  leaders' own); each receiver returns a list.
- ``unit_page``: extra context of a unit's page for ``request, unit`` (``leaders``: the linked leaders); each
  receiver returns a dict.
"""

from django.dispatch import Signal

notice_sent = Signal()
mobiles_of = Signal()
unit_page = Signal()
