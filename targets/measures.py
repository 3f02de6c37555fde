"""What kind of number a measure is (计量单位): its decimals, and how a figure of it is rounded and written.

Counts (个, 家, 项, 头, 次, 名, 户, 起, 件, 村 and a rank, 名次) are whole numbers everywhere: the actual, the
value expected by today (rounded down: "序时 11" means eleven are due, not 11.21), quotas and entered values.
Money in 万元 or 亿元 has two places, a percentage one; any other measure two places.
"""

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

COUNT_MEASURES = frozenset(("个", "家", "项", "头", "次", "名", "户", "起", "件", "村", "名次", "人"))
DECIMALS = {"万元": 2, "亿元": 2, "%": 1, "％": 1}
DEFAULT_DECIMALS = 2


def decimals_for(measure) -> int:
    """The decimals a figure of ``measure`` is written with."""
    measure = (measure or "").strip()
    if measure in COUNT_MEASURES:
        return 0
    return DECIMALS.get(measure, DEFAULT_DECIMALS)


def is_count(measure) -> bool:
    return (measure or "").strip() in COUNT_MEASURES


def step(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def rounded(value, decimals: int, *, down=False):
    """``value`` at ``decimals`` places (half up, or down for what is expected by a date); None stays None."""
    if value is None:
        return None
    return Decimal(value).quantize(step(decimals), rounding=ROUND_FLOOR if down else ROUND_HALF_UP)


def has_fraction(value, decimals: int) -> bool:
    """True when ``value`` has more places than ``decimals`` allow (12.5 for a count)."""
    value = Decimal(value)
    return value != value.quantize(step(decimals), rounding=ROUND_FLOOR)


def written(value, decimals: int, *, empty="—") -> str:
    """The number as a reader sees it: a count "12", money "120.50", a percentage "95.5"."""
    if value is None:
        return empty
    return f"{rounded(value, decimals):f}"
