"""Budget pages: the public summary with expenses, the coordinator's expense form, the
audit log, and CSV/XLSX exports of the ledger."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medvirk.budgets import selectors, services
from medvirk.budgets.access import user_can_record_expense, user_can_see_ledger
from medvirk.budgets.export import ledger_csv, ledger_xlsx
from medvirk.budgets.forms import ExpenseForm
from medvirk.budgets.models import ParticipationBudget
from medvirk.core.forms import form_add_service_errors
from medvirk.places import selectors as places
from medvirk.places.crumbs import place_crumbs
from medvirk.places.models import District


def _budget(
    municipality_slug: str, district_slug: str, year: int | None
) -> tuple[District, ParticipationBudget | None]:
    municipality = places.municipality_get(slug=municipality_slug)
    district = places.district_get(municipality=municipality, slug=district_slug)
    if year is None:
        return district, selectors.budget_latest(district=district)
    return district, selectors.budget_get(district=district, year=year)


def _crumbs(district: District, label: str, url: str) -> list[dict[str, str]]:
    return place_crumbs(district.municipality, (label, url), district=district)


def budget_detail(
    request: HttpRequest, municipality_slug: str, district_slug: str, year: int | None = None
) -> HttpResponse:
    district, budget = _budget(municipality_slug, district_slug, year)
    can_record = budget is not None and user_can_record_expense(request.user, budget=budget)
    form = None
    if can_record:
        assert budget is not None
        form = ExpenseForm(
            request.POST or None,
            request.FILES or None,
            district=district,
            initial={"date": timezone.localdate()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.expense_record(budget=budget, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The expense was recorded."))
                return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "budgets/budget_detail.html",
        {
            "municipality": district.municipality,
            "district": district,
            "budget": budget,
            "expenses": selectors.expense_list(budget=budget) if budget else [],
            "budgets": selectors.budget_list(district=district),
            "form": form,
            "can_see_ledger": budget is not None
            and user_can_see_ledger(request.user, budget=budget),
            "breadcrumbs": _crumbs(district, _("Participation budget"), request.path),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _ledger(
    request: HttpRequest, municipality_slug: str, district_slug: str, year: int
) -> ParticipationBudget:
    _district, budget = _budget(municipality_slug, district_slug, year)
    assert budget is not None
    if not user_can_see_ledger(request.user, budget=budget):
        raise PermissionDenied
    return budget


def budget_log(
    request: HttpRequest, municipality_slug: str, district_slug: str, year: int
) -> HttpResponse:
    budget = _ledger(request, municipality_slug, district_slug, year)
    return render(
        request,
        "budgets/budget_log.html",
        {
            "district": budget.district,
            "budget": budget,
            "entries": selectors.audit_log(budget=budget),
            "breadcrumbs": _crumbs(budget.district, _("Audit log"), request.path),
        },
    )


def budget_export(
    request: HttpRequest, municipality_slug: str, district_slug: str, year: int, fmt: str
) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404("format")
    budget = _ledger(request, municipality_slug, district_slug, year)
    expenses = list(selectors.expense_list(budget=budget))
    filename = f"budsjett-{budget.district.slug}-{budget.year}"
    if fmt == "xlsx":
        response = HttpResponse(
            ledger_xlsx(budget=budget, expenses=expenses),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            ledger_csv(budget=budget, expenses=expenses), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_POST
def expense_remove(
    request: HttpRequest, municipality_slug: str, district_slug: str, year: int, pk: int
) -> HttpResponse:
    _district, budget = _budget(municipality_slug, district_slug, year)
    assert budget is not None
    if not user_can_record_expense(request.user, budget=budget):
        raise PermissionDenied
    expense = budget.expenses.filter(pk=pk).first()
    if expense is None:
        raise PermissionDenied
    services.expense_remove(expense=expense, by=request.user)
    messages.success(request, _("The expense was removed; the audit log keeps it."))
    return redirect("budgets:budget_year", municipality_slug, district_slug, year)
