"""The partnerships app's part of a person's data: the partnership places they proposed."""

from accounts.personal_data import iso, section

from .models import PartnershipMember


@section("partnerships_proposed")
def partnerships_proposed(user):
    return [
        {
            "partnership": p.partnership.name,
            "organisation": p.organisation.name,
            "role": p.role,
            "confirmed": iso(p.confirmed_at),
        }
        for p in PartnershipMember.objects.filter(proposed_by=user).select_related(
            "partnership", "organisation"
        )
    ]
