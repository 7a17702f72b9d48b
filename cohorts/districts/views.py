"""The district workspace's pages: thin callers of the selectors, reports and services. Every page is
fetched through the district the user may open (``selectors.district_for``): anyone else gets 404."""

import ipaddress
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pd_platform.accounts import roles
from pd_platform.client_address import client_address
from pd_platform.shortcuts import or_404

from . import reports, selectors, services
from .forms import CoordinatorForm, RequiredTrackForm, ShareLinkForm
from .models import REPORTS, DistrictCoordinator

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _district(request, district_id):
    return or_404(selectors.district_for(request.user, district_id), "No such district here.")


def _page(request, template, district, **context):
    return render(request, template, {"district": district, **context})


@login_required
def workspace(request):
    """The coordinator's districts: straight to the one most coordinators have."""
    districts = list(selectors.districts_of(request.user))
    if len(districts) == 1:
        return redirect("districts:home", districts[0].pk)
    if not districts and not roles.is_admin(request.user):
        raise Http404("You coordinate no district.")
    return render(request, "districts/workspace.html", {"districts": districts})


@login_required
def home(request, district_id):
    district = _district(request, district_id)
    return _page(request, "districts/home.html", district, reports=REPORTS)


@login_required
def report(request, district_id, report):
    district = _district(request, district_id)
    if report not in reports.TITLES:
        raise Http404
    fmt = request.GET.get("format")
    filename = f"{district.name} {reports.TITLES[report]}".lower().replace(" ", "-")
    if fmt == "csv":
        response = HttpResponse(reports.csv_text(report, district), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if fmt == "xlsx":
        target = tempfile.TemporaryFile()
        reports.write_xlsx(report, district, target)
        target.seek(0)
        return FileResponse(target, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)
    return _page(
        request,
        "districts/report.html",
        district,
        report=report,
        title=reports.TITLES[report],
        header=reports.header(report),
        rows=reports.rows(report, district),
        linked=True,
    )


@login_required
def person(request, district_id, user_id):
    district = _district(request, district_id)
    found = or_404(selectors.person(district, user_id), "Nobody of this district.")
    return _page(
        request,
        "districts/person.html",
        district,
        person=found,
        tables=[
            (
                reports.TITLES[name],
                reports.header(name)[2:],
                [r.values[2:] for r in reports.rows(name, district, user_id)],
            )
            for name in ("registrations", "hours", "certificates", "invoices")
        ],
    )


@login_required
def tracks(request, district_id):
    district = _district(request, district_id)
    form = RequiredTrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            track = services.create_required_track(
                district,
                form.cleaned_data["program"],
                form.cleaned_data["title"],
                addresses=form.address_list(),
                school=form.cleaned_data["school"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Required track “{track.title}” set.")
            return redirect("districts:track", district.pk, track.pk)
    return _page(request, "districts/tracks.html", district, tracks=selectors.required_tracks(district), form=form)


@login_required
def track(request, district_id, track_id):
    district = _district(request, district_id)
    found = or_404(selectors.required_track(district, track_id))
    people = selectors.track_people(found)
    waiting = sum(1 for p in people if not p.cohort)
    return _page(request, "districts/track.html", district, track=found, people=people, waiting=waiting)


@login_required
def share_links(request, district_id):
    district = _district(request, district_id)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = services.create_share_link(
            district,
            form.cleaned_data["report"],
            by=request.user,
            days=form.cleaned_data["days"],
            label=form.cleaned_data["label"],
        )
        address = request.build_absolute_uri(reverse("districts:shared", args=[services.share_token(link)]))
        messages.success(request, f"Link made. Send this address to whom it is for: {address}")
        return redirect("districts:share_links", district.pk)
    links = [(link, services.share_token(link)) for link in selectors.share_links(district)]
    return _page(request, "districts/share_links.html", district, links=links, form=form)


@require_POST
@login_required
def revoke_share_link(request, district_id, link_id):
    district = _district(request, district_id)
    link = or_404(selectors.share_link(district, link_id))
    services.revoke_share_link(link, by=request.user)
    messages.success(request, f"The link to {link} no longer opens.")
    return redirect("districts:share_links", district.pk)


def _ip(request):
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def shared(request, token):
    """A shared report, read-only, for someone without an account."""
    link = or_404(
        services.open_share_link(token, ip_address=_ip(request), user_agent=request.headers.get("user-agent", "")),
        "This link does not open: it has expired, was withdrawn, or is not whole.",
    )
    district = link.district
    response = _page(
        request,
        "districts/report.html",
        district,
        report=link.report,
        title=reports.TITLES[link.report],
        header=reports.header(link.report),
        rows=reports.rows(link.report, district),
        linked=False,
        shared=link,
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def coordinators(request):
    """The program office makes people PD coordinators of districts, or stops that."""
    if not roles.is_admin(request.user):
        raise PermissionDenied
    form = CoordinatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.grant_coordinator(form.user, form.cleaned_data["district"], by=request.user)
        messages.success(request, f"{form.user} coordinates {form.cleaned_data['district']}.")
        return redirect("districts:coordinators")
    rows = DistrictCoordinator.objects.select_related("user", "district", "granted_by")
    return render(request, "districts/coordinators.html", {"form": form, "coordinators": rows})


@require_POST
@login_required
def revoke_coordinator(request, coordinator_id):
    if not roles.is_admin(request.user):
        raise PermissionDenied
    row = or_404(DistrictCoordinator.objects.select_related("user", "district").filter(pk=coordinator_id).first())
    services.revoke_coordinator(row.user, row.district)
    messages.success(request, f"{row.user} no longer coordinates {row.district}.")
    return redirect("districts:coordinators")
