"""Derived ids never change: consumers hold on to them."""

import uuid

from openreferral import ids

SERVICE = uuid.UUID("ac148810-d857-441c-9679-408f346de14b")
LOCATION = uuid.UUID("3a19ff88-4620-4d17-9830-ac1d859eb5d5")


def test_sub_record_ids_are_pinned():
    # If this fails, the namespace or the naming changed: every phone, contact,
    # area and cost option id that other systems hold would change with it.
    assert ids.derived(SERVICE, "contact") == uuid.UUID("d09c4c0a-be89-5ff5-afbb-8a42584de6ee")
    assert ids.derived(SERVICE, "language", "urdu") != ids.derived(SERVICE, "language", "polish")


def test_service_at_location_ids_carry_both_records():
    link = ids.service_at_location(SERVICE, LOCATION)

    assert (link.version, link.variant) == (8, uuid.RFC_4122)
    service_prefix, location_prefix = ids.split_service_at_location(link)
    low, high = ids.uuid_range(service_prefix)
    assert low <= SERVICE <= high
    low, high = ids.uuid_range(location_prefix)
    assert low <= LOCATION <= high
    assert ids.service_at_location(SERVICE, LOCATION) == link


def test_other_uuids_are_not_service_at_location_ids():
    assert ids.split_service_at_location(SERVICE) is None
