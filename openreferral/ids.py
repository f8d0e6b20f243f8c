"""Stable public ids for what the Open Referral UK API exposes.

Organisations, services, locations and categories carry their own ``uuid``.
Records the directory keeps as fields rather than rows (a service's phone, its
areas, its languages, ...) get a name-based UUID derived from the parent's
uuid and the kind of record, so they keep the same id from one request, one
export or one machine to the next.
"""

import uuid

# Fixed for ever: changing either changes every derived id that consumers hold.
NAMESPACE = uuid.UUID("5b0c7d1e-7c1f-4d55-9a57-0d8f3a2e6c41")
TAXONOMY_ID = uuid.UUID("0e6f2a43-8a43-4c2f-b1f9-8d3c6a3b9f10")

_PREFIX_BITS = 61
_PREFIX_MASK = (1 << _PREFIX_BITS) - 1
_DROPPED_BITS = 128 - _PREFIX_BITS


def derived(parent: uuid.UUID, kind: str, key: object = "") -> uuid.UUID:
    """The id of a ``kind`` sub-record of ``parent`` (``key`` tells siblings apart)."""
    name = f"{parent}/{kind}" if key == "" else f"{parent}/{kind}/{key}"
    return uuid.uuid5(NAMESPACE, name)


def service_at_location(service: uuid.UUID, location: uuid.UUID) -> uuid.UUID:
    """The id of the link between a service and a location.

    A link has no row of its own to hang a uuid on, and a uuid5 cannot be
    turned back into the two records it came from. So this is an RFC 9562
    version 8 UUID carrying the first 61 bits of each record's uuid: the API
    finds both records from it with two indexed range lookups.
    """
    packed = ((service.int >> _DROPPED_BITS) << _PREFIX_BITS) | (location.int >> _DROPPED_BITS)
    # 122 payload bits around the 4 version bits and 2 variant bits.
    value = (
        ((packed >> 74) << 80)
        | (0x8 << 76)
        | (((packed >> 62) & 0xFFF) << 64)
        | (0b10 << 62)
        | (packed & ((1 << 62) - 1))
    )
    return uuid.UUID(int=value)


def uuid_range(prefix: int) -> tuple[uuid.UUID, uuid.UUID]:
    """The lowest and highest uuids whose first 61 bits are ``prefix``."""
    low = prefix << _DROPPED_BITS
    return uuid.UUID(int=low), uuid.UUID(int=low + (1 << _DROPPED_BITS) - 1)


def split_service_at_location(value: uuid.UUID) -> tuple[int, int] | None:
    """The service and location uuid prefixes in a link id, or None if it is not one."""
    if value.version != 8 or value.variant != uuid.RFC_4122:
        return None
    n = value.int
    packed = ((n >> 80) << 74) | (((n >> 64) & 0xFFF) << 62) | (n & ((1 << 62) - 1))
    return packed >> _PREFIX_BITS, packed & _PREFIX_MASK
