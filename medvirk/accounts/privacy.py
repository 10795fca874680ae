"""What the accounts app holds about a person: the account, roles, sign-in attempts and
sessions (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from medvirk.accounts.access import forget_cached_roles
from medvirk.accounts.models import OidcSession, ResidentVerification, RoleAssignment, User
from medvirk.core.privacy import (
    Export,
    models_linked_to_user,
    rows,
    unlink,
    unverified_account_days,
)

COVERS = frozenset(
    {
        "accounts.User",
        "accounts.RoleAssignment",
        "accounts.ResidentVerification",
        "accounts.OidcSession",
        "admin.LogEntry",
    }
)

ACCOUNT_FIELDS = (
    "email",
    "full_name",
    "preferred_language",
    "district",
    "date_joined",
    "last_login",
    "email_verified_at",
    "oidc_issuer",
    "oidc_subject",
    "is_active",
    "is_staff",
)


def _sign_in_models() -> list[Any]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessFailureLog, AccessLog]


def export(user: Any) -> Export:
    data: Export = {
        "accounts.User": rows(User.objects.filter(pk=user.pk), ACCOUNT_FIELDS),
        "accounts.RoleAssignment": rows(
            RoleAssignment.objects.filter(user=user).select_related("municipality", "district"),
            ("role", "municipality", "district", "granted_at"),
        ),
        # What is kept of an identity check: never the national identity number itself.
        "accounts.ResidentVerification": rows(
            ResidentVerification.objects.filter(user=user).select_related(
                "municipality", "district"
            ),
            (
                "method",
                "municipality",
                "district",
                "birth_date",
                "nin_hash",
                "document_type",
                "verified_at",
                "revoked_at",
            ),
        ),
        "accounts.OidcSession": rows(
            OidcSession.objects.filter(user=user), ("issuer", "created_at")
        ),
    }
    for model in _sign_in_models():
        data[model._meta.label] = rows(
            model.objects.filter(username__iexact=user.email),
            ("attempt_time", "ip_address", "user_agent", "path_info"),
        )
    return data


def _session_keys_of(user: Any) -> list[str]:
    """The database sessions logged in as the person. Sessions kept elsewhere (a cache
    engine) cannot be listed; they end anyway, as their account no longer exists."""
    if user.last_login is None or not settings.SESSION_ENGINE.endswith((".db", ".cached_db")):
        return []  # never logged in: no session to end
    keys = []
    wanted = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == wanted:
            keys.append(session.session_key)
    return keys


def anonymise(user: Any, *, base_url: str = "") -> None:
    """Roles and resident verifications go (staff who verified or revoked keep no name
    on other people's), sign-in records under the address go, every session ends. (The account
    row itself is deleted by :func:`medvirk.accounts.services.account_delete`; back-office
    users, the only ones with admin log entries, cannot delete themselves.)"""
    RoleAssignment.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(granted_by=user).update(granted_by=None)
    forget_cached_roles(user)
    ResidentVerification.objects.filter(user=user).delete()
    unlink(user, [(ResidentVerification, "verified_by"), (ResidentVerification, "revoked_by")])
    for model in _sign_in_models():
        model.objects.filter(username__iexact=user.email).delete()
    keys = _session_keys_of(user)
    keys += list(OidcSession.objects.filter(user=user).values_list("session_key", flat=True))
    OidcSession.objects.filter(user=user).delete()
    if keys:
        Session.objects.filter(session_key__in=keys).delete()


def stale_unverified_accounts(*, now: datetime.datetime) -> list[User]:
    """Accounts older than the retention period whose address was never verified, that
    came through no identity provider, hold no role or back-office access, and to which
    no row anywhere points (no input, vote, booking, sign-up, profile...)."""
    cutoff = now - datetime.timedelta(days=unverified_account_days())
    candidates = User.objects.filter(
        email_verified_at__isnull=True,
        oidc_subject="",
        date_joined__lt=cutoff,
        is_staff=False,
        is_superuser=False,
    )
    for model, name in models_linked_to_user():
        if model._meta.label == "accounts.User":
            continue
        linked = model._default_manager.filter(**{f"{name}__isnull": False}).values(name)
        candidates = candidates.exclude(pk__in=linked)
    return list(candidates)


def retention(*, now: datetime.datetime) -> int:
    """Delete stale unverified accounts (see :func:`stale_unverified_accounts`)."""
    from medvirk.accounts.services import account_delete

    stale = stale_unverified_accounts(now=now)
    for user in stale:
        account_delete(user=user)
    return len(stale)
