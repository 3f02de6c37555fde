"""The signal a confirmed consequence case sends: ``consequence_confirmed``, declared by its listener, the
cadres app (``cadres/hooks.py``), with the fields it needs.

Sent after the assessment office confirms a consequence case, inside the confirming transaction, with
``sender`` the ConsequenceCase class and keyword arguments ``consequence`` (a ``cadres.hooks.Consequence``
built by ``for_cadres.consequence(case)``) and ``user`` (who confirmed it).
"""

from cadres.hooks import consequence_confirmed

__all__ = ["consequence_confirmed"]
