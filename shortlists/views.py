"""An officer's shortlists: list, create, add to, annotate, rename, share, delete."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from organisations.permissions import officer_required

from .forms import AddToShortlistForm, NoteForm, ShortlistForm
from .models import Shortlist


def own_shortlist_or_404(user, pk):
    """The officer's own shortlist; anyone else's is a 404, so ids reveal nothing."""
    return get_object_or_404(Shortlist.objects.owned_by(user), pk=pk)


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@officer_required
@require_http_methods(["GET", "POST"])
def index(request):
    form = ShortlistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shortlist = form.save(commit=False)
        shortlist.owner = request.user
        shortlist.save()
        messages.success(request, gettext("Shortlist “%(name)s” created.") % {"name": shortlist})
        return redirect(shortlist)
    shortlists = Shortlist.objects.owned_by(request.user).for_index()
    return render(request, "shortlists/index.html", {"shortlists": shortlists, "form": form})


@officer_required
def detail(request, pk):
    shortlist = get_object_or_404(
        Shortlist.objects.owned_by(request.user).with_items_for(request.user), pk=pk
    )
    return render(
        request,
        "shortlists/detail.html",
        {
            "shortlist": shortlist,
            "items": shortlist.items.all(),
            "rename_form": ShortlistForm(instance=shortlist),
            "owner_view": True,
        },
    )


@officer_required
def shared(request, token):
    """A shortlist a colleague shared: any confirmed officer with the link may read it."""
    shortlist = get_object_or_404(
        Shortlist.objects.with_items_for(request.user).select_related("owner"),
        share_token=token,
    )
    if shortlist.owner_id == request.user.pk:
        return redirect(shortlist)
    return render(
        request,
        "shortlists/detail.html",
        {"shortlist": shortlist, "items": shortlist.items.all(), "owner_view": False},
    )


@officer_required
@require_POST
def add(request):
    form = AddToShortlistForm(request.POST, owner=request.user)
    if not form.is_valid():
        if "organisation" in form.errors:
            raise Http404(form.errors["organisation"][0])
        messages.error(request, form.errors.get("shortlist", [gettext("Try again.")])[0])
        return _back(request, "shortlists:index")
    item, created = form.save()
    values = {"organisation": item.organisation.name, "shortlist": item.shortlist.name}
    if created:
        messages.success(request, gettext("Added %(organisation)s to “%(shortlist)s”.") % values)
    else:
        messages.info(request, gettext("%(organisation)s is already on “%(shortlist)s”.") % values)
    return _back(request, item.organisation.get_absolute_url())


@officer_required
@require_POST
def rename(request, pk):
    shortlist = own_shortlist_or_404(request.user, pk)
    form = ShortlistForm(request.POST, instance=shortlist)
    if form.is_valid():
        form.save()
        messages.success(request, gettext("The shortlist has been renamed."))
        return redirect(shortlist)
    shortlist.refresh_from_db(fields=["name"])
    shortlist = Shortlist.objects.with_items_for(request.user).get(pk=shortlist.pk)
    return render(
        request,
        "shortlists/detail.html",
        {
            "shortlist": shortlist,
            "items": shortlist.items.all(),
            "rename_form": form,
            "owner_view": True,
        },
        status=400,
    )


@officer_required
@require_POST
def share(request, pk):
    shortlist = own_shortlist_or_404(request.user, pk)
    if request.POST.get("sharing") == "on":
        shortlist.start_sharing()
        messages.success(
            request, gettext("Sharing is on. Colleagues who are council officers can use the link.")
        )
    else:
        shortlist.stop_sharing()
        messages.success(request, gettext("Sharing is off. The old link no longer works."))
    return redirect(shortlist)


@officer_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    shortlist = own_shortlist_or_404(request.user, pk)
    if request.method == "POST":
        shortlist.delete()
        messages.success(request, gettext("Shortlist “%(name)s” deleted.") % {"name": shortlist})
        return redirect("shortlists:index")
    return render(request, "shortlists/delete.html", {"shortlist": shortlist})


@officer_required
@require_POST
def note(request, pk, item_pk):
    shortlist = own_shortlist_or_404(request.user, pk)
    item = get_object_or_404(shortlist.items.select_related("organisation"), pk=item_pk)
    form = NoteForm(request.POST, instance=item)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            gettext("Note saved for %(organisation)s.") % {"organisation": item.organisation},
        )
    else:
        messages.error(request, form.errors["note"][0])
    return redirect(f"{shortlist.get_absolute_url()}#item-{item.pk}")


@officer_required
@require_POST
def remove(request, pk, item_pk):
    shortlist = own_shortlist_or_404(request.user, pk)
    item = get_object_or_404(shortlist.items.select_related("organisation"), pk=item_pk)
    item.delete()
    messages.success(
        request,
        gettext("Removed %(organisation)s from the shortlist.")
        % {"organisation": item.organisation},
    )
    return redirect(shortlist)
