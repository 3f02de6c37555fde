"""Signals other apps listen to (the cadres app listens; sprint never imports cadres).

``consequence_confirmed``: sent after the assessment office confirms a consequence case, inside
the confirming transaction, with ``sender`` the ConsequenceCase class and keyword arguments
``case`` (the ConsequenceCase: ``unit``, ``kind`` one of "interview", "no_awards", "reassignment",
``year``, ``evidence``) and ``user`` (who confirmed it).
"""

from django.dispatch import Signal

consequence_confirmed = Signal()
