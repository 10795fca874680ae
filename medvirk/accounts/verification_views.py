"""The staff page that verifies a resident in person, and revokes a verification.

A staff member of the municipality (see
:func:`medvirk.accounts.residents.user_can_verify_residents`) finds the person by the
exact e-mail address of their account, checks an identity document face to face, and
records the date of birth, the kind of document and the district. The services in
:mod:`medvirk.accounts.residents` record who did it and when.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medvirk.accounts.models import ResidentVerification, User
from medvirk.accounts.residents import (
    resident_verification_current,
    resident_verification_revoke,
    resident_verify_in_person,
    user_can_verify_residents,
    verifications_made_in,
)
from medvirk.accounts.verification_forms import FindPersonForm, ResidentVerifyForm
from medvirk.core.forms import form_add_service_errors
from medvirk.places.models import Municipality
from medvirk.places.selectors import district_list, municipality_get


def _municipality_for_staff(request: HttpRequest, slug: str) -> Municipality:
    municipality = municipality_get(slug=slug)
    if not user_can_verify_residents(request.user, municipality=municipality):
        raise PermissionDenied
    return municipality


def _person(email: str) -> User | None:
    address = User.objects.normalize_email(email).strip().lower()
    return User.objects.filter(email=address).first() if address else None


def _page_url(municipality: Municipality, email: str = "") -> str:
    url = reverse("accounts:resident-verify", args=[municipality.slug])
    return f"{url}?{urlencode({'epost': email})}" if email else url


@login_required
def resident_verify(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Find a person by e-mail address; verify them as a resident; see the latest
    verifications made in the municipality."""
    municipality = _municipality_for_staff(request, municipality_slug)
    districts = district_list(municipality=municipality)
    email = (
        request.POST.get("email", "") if request.method == "POST" else request.GET.get("epost", "")
    )
    find_form = FindPersonForm({"email": email} if email else None)
    person = _person(email) if email and find_form.is_valid() else None
    verify_form = None
    if person is not None:
        verify_form = ResidentVerifyForm(
            request.POST if request.method == "POST" else None,
            initial={"email": person.email},
            districts=districts,
        )
        if request.method == "POST" and verify_form.is_valid():
            data = verify_form.cleaned_data
            try:
                resident_verify_in_person(
                    actor=request.user,
                    user=person,
                    municipality=municipality,
                    district=data["district"],
                    birth_date=data["birth_date"],
                    document_type=data["document_type"],
                    national_id=data["national_id"],
                )
            except ValidationError as error:
                form_add_service_errors(verify_form, error)
            else:
                messages.success(
                    request,
                    _("%(person)s is now a verified resident of %(place)s.")
                    % {
                        "person": person.get_full_name(),
                        "place": data["district"] or municipality.name,
                    },
                )
                return redirect(_page_url(municipality, person.email))
    elif email and find_form.is_valid():
        messages.error(
            request,
            _(
                "No account has this e-mail address. Check the spelling, or help the "
                "person create an account first."
            ),
        )
    context = {
        "municipality": municipality,
        "find_form": find_form if email else FindPersonForm(),
        "person": person,
        "current": resident_verification_current(person) if person else None,
        "verify_form": verify_form,
        "recent": verifications_made_in(municipality=municipality),
        "breadcrumbs": [
            {"label": _("Front page"), "url": reverse("core:home")},
            {"label": _("Verify a resident"), "url": request.path},
        ],
    }
    status = 400 if verify_form is not None and verify_form.errors else 200
    return render(request, "accounts/verification/resident_verify.html", context, status=status)


@login_required
@require_POST
def resident_revoke(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """End a verification made in this municipality (the record of it stays)."""
    municipality = _municipality_for_staff(request, municipality_slug)
    verification = get_object_or_404(
        ResidentVerification.objects.select_related("user", "municipality"),
        pk=pk,
        municipality=municipality,
    )
    resident_verification_revoke(actor=request.user, verification=verification)
    messages.success(
        request,
        _("The verification of %(person)s is revoked.")
        % {"person": verification.user.get_full_name()},
    )
    return redirect(_page_url(municipality, verification.user.email))
