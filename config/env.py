"""Small helpers that read settings from the environment and fail loudly on bad values."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean. Use true/false, 1/0, yes/no or on/off (any case)."
    )


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


RATE = re.compile(r"^\d+/(\d+(\.\d+)?)?[smhd]/(ip|user|key)$")


def env_rate(name: str, default: str) -> str:
    """A rate limit such as "5/h/ip" or "30/m/ip,200/h/ip" (see ACCOUNT_RATE_LIMITS)."""
    raw = env_str(name, default)
    for part in raw.split(","):
        if not RATE.match(part.strip()):
            raise ImproperlyConfigured(
                f"{name}={raw!r} is not a rate limit. Write amount/period/per, such as "
                "5/h/ip or 30/m/ip,200/h/ip (period s, m, h or d; per ip, user or key)."
            )
    return raw
