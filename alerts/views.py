"""An officer's saved searches: save one from a list page, rename, email on or off, delete."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from organisations.permissions import officer_required

from .forms import SavedSearchForm, SaveSearchForm
from .listings import LISTINGS
from .models import SavedSearch


def own_search_or_404(user, pk):
    return get_object_or_404(SavedSearch.objects.owned_by(user), pk=pk)


@officer_required
def index(request):
    searches = SavedSearch.objects.owned_by(request.user)
    return render(request, "alerts/index.html", {"searches": searches})


@officer_required
@require_POST
def save(request):
    form = SaveSearchForm(request.POST, owner=request.user)
    if form.is_valid():
        search = form.save()
        request.user.remember_language(request.LANGUAGE_CODE)  # the digest's language
        if search.digest:
            text = gettext("Search saved as “%(name)s”. We will email you weekly about changes.")
        else:
            text = gettext("Search saved as “%(name)s”.")
        messages.success(request, text % {"name": search.name})
        return redirect(search)
    # The list page holds the form; the error comes back on a page of its own.
    path = form.data.get("list_path", "")
    back = path + ("?" + form.data.get("query", "") if form.data.get("query") else "")
    known = any(listing.url() == path for listing in LISTINGS.values())
    return render(
        request,
        "alerts/save.html",
        {"form": form, "back_url": back if known else ""},
        status=400,
    )


@officer_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    search = own_search_or_404(request.user, pk)
    form = SavedSearchForm(request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.user.remember_language(request.LANGUAGE_CODE)
        messages.success(request, gettext("Your saved search has been changed."))
        return redirect("alerts:index")
    return render(request, "alerts/edit.html", {"form": form, "search": search})


@officer_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    search = own_search_or_404(request.user, pk)
    if request.method == "POST":
        search.delete()
        messages.success(
            request, gettext("Saved search “%(name)s” deleted.") % {"name": search.name}
        )
        return redirect("alerts:index")
    return render(request, "alerts/delete.html", {"search": search})
