"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, last one a check digit.

Shared by org's enterprises and safety's chemical firms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The code's alphabet: digits and upper-case letters without I, O, S, V and Z.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    if not isinstance(value, str) or len(value) != 18:
        return False
    if any(c not in CREDIT_CODE_CHARS for c in value):
        return False
    return credit_code_check_char(value[:17]) == value[17]


def validate_credit_code(value):
    if not is_valid_credit_code(value):
        raise ValidationError(
            _("“%(value)s” is not a valid unified social credit code (18 characters with a correct check digit)."),
            code="invalid_credit_code",
            params={"value": value},
        )


def make_credit_code(serial: int, *, region="321084") -> str:
    """A well-formed (fictitious) code for demo data and tests: 91 + Gaoyou's region + a serial."""
    body = f"91{region}{serial:09d}"[:17]
    body = "".join(CREDIT_CODE_CHARS[int(c)] for c in body)
    return body + credit_code_check_char(body)
