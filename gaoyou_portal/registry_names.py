"""Names an import resolves: the units and city leaders, registered by the apps that own them and read by
the import engine's ``parsers.unit()`` / ``parsers.leader()`` (re-exported by ``gaoyou_portal.registry``)."""

_unit_names: list = []
_leader_names: list = []


def unit_names(func):
    """Register ``() -> iterable of (unit, names, kind)``: every unit with the names it goes by (full name,
    short name, code) and its kind ("town", "park", "department"...), active units first. Last one wins."""
    _unit_names[:] = [func]
    return func


def leader_names(func):
    """Register ``() -> iterable of (leader, names)``: every city leader with the names an import cell may
    give (the name, "name（title）"). Last one wins."""
    _leader_names[:] = [func]
    return func


def units_by_name():
    """The registered ``(unit, names, kind)`` rows (none before an app registers them)."""
    return list(_unit_names[0]()) if _unit_names else []


def leaders_by_name():
    """The registered ``(leader, names)`` rows (none before an app registers them)."""
    return list(_leader_names[0]()) if _leader_names else []
