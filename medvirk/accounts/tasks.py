"""Background tasks of the accounts app: the nightly privacy retention (see
:mod:`medvirk.core.privacy` and the privacy statement)."""

from __future__ import annotations

from crontask import cron
from django.tasks import task


@cron("41 2 * * *")
@task
def privacy_retention() -> dict[str, int]:
    """Every night: delete accounts whose e-mail address was never verified and that hold
    nothing, after ``PRIVACY_UNVERIFIED_ACCOUNT_DAYS`` (30); remove contact details of
    people without an account from activities and meetings finished more than
    ``PRIVACY_CONTACT_RETENTION_DAYS`` (365) ago, once their input is answered. Returns how
    many rows each app changed."""
    from medvirk.core.privacy import retention_all

    return retention_all()
