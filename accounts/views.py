"""The person's own data: download it, or delete their account."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .forms import DeleteAccountForm
from .personal_data import close_account, collect


@login_required
@require_GET
def your_data(request):
    return render(request, "account/your_data.html")


@never_cache
@login_required
@require_GET
def download_your_data(request):
    """Everything the directory holds about the signed-in person, as a JSON file."""
    body = json.dumps(collect(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"directory-your-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        close_account(request, request.user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(request, "account/delete_account.html", {"form": form})
