"""Writes of the followup app: answers, decisions and the report. Contributors are told by
e-mail: the messages are written to the outbox with the answers, and sent by the task
worker once the transaction has committed."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.followup import access, notifications
from medvirk.followup.models import Decision, Report, Response, ResponseStatus
from medvirk.participation.models import Activity, Input

MAX_ANSWER = 5000


def responses_give(
    *,
    actor: Any,
    activity: Activity,
    input_ids: Sequence[int],
    status: str,
    answer: str,
    notify: bool = True,
    base_url: str = "",
) -> list[Response]:
    """Give one status and public answer to one or many inputs of the activity, all or
    nothing. Contributors with an e-mail address are told once the answers are saved."""
    if not access.user_can_answer(actor, activity=activity):
        raise PermissionDenied
    if status not in ResponseStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    answer = answer.strip()
    if status != ResponseStatus.RECEIVED and status != ResponseStatus.CONSIDERING and not answer:
        raise ValidationError({"answer": _("Write the answer the contributors will see.")})
    if len(answer) > MAX_ANSWER:
        raise ValidationError(
            {
                "answer": _("The answer is too long: at most %(limit)s characters.")
                % {"limit": MAX_ANSWER}
            }
        )
    ids = sorted(set(input_ids))
    if not ids:
        raise ValidationError(_("Choose at least one input to answer."))
    now = timezone.now()
    with transaction.atomic():
        inputs = list(Input.objects.select_for_update().filter(activity=activity, pk__in=ids))
        if len(inputs) != len(ids):
            raise ValidationError(_("Some of the chosen inputs belong to another activity."))
        existing = {r.input_id: r for r in Response.objects.filter(input_id__in=ids)}
        responses = []
        for item in inputs:
            response = existing.get(item.pk) or Response(input=item)
            response.status = status
            response.answer = answer
            response.answered_by = actor
            response.answered_at = now
            responses.append(response)
        Response.objects.bulk_create([r for r in responses if r.pk is None])
        Response.objects.bulk_update(
            [r for r in responses if r.input_id in existing],
            ["status", "answer", "answered_by", "answered_at", "updated_at"],
        )
        if notify and answer:
            notifications.notify_answered(ids, base_url=base_url)
    return responses


def decision_record(
    *,
    actor: Any,
    activity: Activity,
    title: str,
    text: str,
    decided_on: datetime.date,
    decided_by: str,
    reference: str = "",
    input_ids: Sequence[int] = (),
) -> Decision:
    """Record a decision and link it to the inputs that fed it."""
    if not access.user_can_answer(actor, activity=activity):
        raise PermissionDenied
    decision = Decision(
        activity=activity,
        title=title.strip(),
        text=text.strip(),
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        reference=reference.strip(),
    )
    decision.full_clean()
    with transaction.atomic():
        linked = list(Input.objects.filter(activity=activity, pk__in=set(input_ids)))
        if len(linked) != len(set(input_ids)):
            raise ValidationError(_("Some of the chosen inputs belong to another activity."))
        decision.save()
        decision.inputs.set(linked)
    return decision


def report_save(
    *,
    actor: Any,
    activity: Activity,
    what_we_heard: str,
    what_we_did: str,
    publish: bool = False,
    base_url: str = "",
) -> Report:
    """Write or update the "what we heard / what we did" report, and publish it once.
    Contributors are told when it is first published."""
    if not access.user_can_publish_report(actor, activity=activity):
        raise PermissionDenied
    errors = {}
    if not what_we_heard.strip():
        errors["what_we_heard"] = _("Write what you heard.")
    if not what_we_did.strip():
        errors["what_we_did"] = _("Write what you did with the input.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report, _created = Report.objects.select_for_update().get_or_create(
            activity=activity,
            defaults={"what_we_heard": what_we_heard, "what_we_did": what_we_did},
        )
        report.what_we_heard = what_we_heard.strip()
        report.what_we_did = what_we_did.strip()
        first_publication = publish and report.published_at is None
        if first_publication:
            report.published_at = timezone.now()
            report.published_by = actor
        report.save()
        if first_publication:
            notifications.notify_report_published(activity, base_url=base_url)
    return report
