"""The credit-code check lives in the core (``gaoyou_portal.credit_codes``), shared with org's enterprises;
this name stays because safety's first migration refers to ``safety.validators.validate_credit_code``."""

from gaoyou_portal.credit_codes import (  # noqa: F401
    credit_code_check_char,
    is_valid_credit_code,
    make_credit_code,
    validate_credit_code,
)
