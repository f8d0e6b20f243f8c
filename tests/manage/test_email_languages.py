"""Emails about listings are written in each recipient's language."""

import pytest
from django.core import mail

from tests.factories import MembershipFactory, UserFactory

from .conftest import browser, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled_catalogues")]


def test_each_owner_hears_of_a_problem_in_their_own_language(organisation, owner):
    welsh = UserFactory(email="perchennog@example.org", language="cy")
    MembershipFactory(organisation=organisation, user=welsh, role="owner")

    submit(browser(), f"/organisations/{organisation.slug}/report/", {"kind": "contact"})

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "owner@example.org": "Someone reported a problem with the listing for "
        "Ancoats Community Pantry",
        "perchennog@example.org": "Mae rhywun wedi rhoi gwybod am broblem gyda'r rhestriad ar "
        "gyfer Ancoats Community Pantry",
    }
    welsh_body = next(m.body for m in mail.outbox if m.to == ["perchennog@example.org"])
    assert "Ancoats Community Pantry" in welsh_body
    assert "Hello" not in welsh_body


def test_an_invitation_sent_from_a_welsh_page_is_in_welsh(as_owner, organisation):
    submit(
        as_owner,
        f"/cy/manage/organisations/{organisation.slug}/members/invite/",
        {"email": "helper@example.org", "role": "editor"},
    )

    assert mail.outbox[0].subject == (
        "Helpwch i gadw'r rhestriad ar gyfer Ancoats Community Pantry yn gyfredol"
    )
