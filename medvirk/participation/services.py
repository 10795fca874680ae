"""Writes of the participation app: methods, activities, drafts, input and moderation.

Every function validates, writes inside one transaction and raises
``django.core.exceptions.ValidationError`` with a translated message on bad input.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from medvirk.algorithms.geo import contains_point
from medvirk.core import uploads
from medvirk.core.ratelimit import rate_exceeded
from medvirk.participation import access
from medvirk.participation.models import (
    Activity,
    Answer,
    Channel,
    Contact,
    Document,
    Effort,
    Flag,
    Input,
    InputKind,
    Method,
    Moderation,
    ModerationAction,
    ModerationActionKind,
    ParticipationRule,
    Phase,
    PhaseKind,
    Question,
    QuestionKind,
    Section,
    Statement,
    Support,
    Visibility,
    Vote,
    VoteChoice,
)
from medvirk.places.models import District, Municipality
from medvirk.places.selectors import district_find_by_point

MAX_TITLE = 150
MAX_TEXT = 5000
MAX_STATEMENT = 300
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Spam protection without CAPTCHA: at most this many inputs per window.
RATE_WINDOW_SECONDS = 600
RATE_LIMIT_PER_ADDRESS = 30
RATE_LIMIT_PER_SESSION = 10


def new_token() -> str:
    return secrets.token_urlsafe(24)


# --- methods ----------------------------------------------------------------------


def method_create(
    *,
    actor: Any,
    municipality: Municipality,
    slug: str,
    effort: str,
    input_kind: str = InputKind.IDEA,
    is_shared: bool = False,
    texts: Mapping[str, str],
) -> Method:
    """A municipality's own method; ``texts`` holds ``name_nb`` … ``steps_en``."""
    if not access.user_can_add_method(actor, municipality=municipality):
        raise PermissionDenied
    if effort not in Effort.values:
        raise ValidationError(_("Choose the effort."))
    method = Method(
        municipality=municipality,
        slug=slug,
        effort=effort,
        input_kind=input_kind,
        is_shared=is_shared,
        **texts,
    )
    method.full_clean()
    with transaction.atomic():
        method.save()
    return method


def methods_seed() -> int:
    """Create or update the installation's toolbox from ``toolbox.METHODS`` (the data
    migration does the same). Returns the number of methods."""
    from medvirk.participation.toolbox import METHODS, method_fields

    with transaction.atomic():
        for entry in METHODS:
            Method.objects.update_or_create(
                slug=entry["slug"], municipality=None, defaults=method_fields(entry)
            )
    return len(METHODS)


def method_share(*, actor: Any, method: Method, shared: bool = True) -> Method:
    if method.municipality is None or not access.user_can_add_method(
        actor, municipality=method.municipality
    ):
        raise PermissionDenied
    with transaction.atomic():
        method.is_shared = shared
        method.save(update_fields=["is_shared", "updated_at"])
    return method


# --- activities -------------------------------------------------------------------

PhaseDates = Mapping[str, tuple[datetime.date, datetime.date | None]]


def activity_start(
    *,
    actor: Any,
    municipality: Municipality,
    method: Method,
    slug: str,
    title: str,
    summary: str,
    owner_name: str,
    phases: PhaseDates,
    district: District | None = None,
    description: str = "",
    theme: str = "",
    input_kind: str | None = None,
    owner_kind: str = "administration",
    participation_rule: str = "anyone",
    moderation: str = Moderation.POST,
    check_access: bool = True,
    residency: str = "district",
    minimum_age: int | None = None,
) -> Activity:
    """Start an activity from a toolbox method with its dated phases."""
    if check_access and not access.user_can_start_activity(actor, municipality=municipality):
        raise PermissionDenied
    if district is not None and district.municipality_id != municipality.pk:
        raise ValidationError(_("The district belongs to another municipality."))
    if not access.user_can_use_method(actor, method=method, municipality=municipality):
        raise ValidationError(_("This method is not available to the municipality."))
    if PhaseKind.OPEN not in phases:
        raise ValidationError(_("Give the dates when the activity is open for input."))
    previous: datetime.date | None = None
    for kind in PhaseKind:
        if kind.value not in phases:
            continue
        starts, ends = phases[kind.value]
        if ends is not None and ends < starts:
            raise ValidationError(_("A phase cannot end before it starts."))
        if previous is not None and starts < previous:
            raise ValidationError(_("The phases must follow each other in order."))
        previous = starts
    activity = Activity(
        municipality=municipality,
        district=district,
        method=method,
        slug=slug,
        title=title,
        summary=summary,
        description=description,
        theme=theme,
        input_kind=input_kind or method.input_kind,
        owner_kind=owner_kind,
        owner_name=owner_name,
        participation_rule=participation_rule,
        residency=residency,
        minimum_age=minimum_age,
        moderation=moderation,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if minimum_age is not None and participation_rule != ParticipationRule.VERIFIED:
        raise ValidationError(
            {"minimum_age": _("A minimum age can be checked for verified residents only.")}
        )
    activity.full_clean()
    with transaction.atomic():
        activity.save()
        Phase.objects.bulk_create(
            Phase(activity=activity, kind=kind, starts_on=starts, ends_on=ends)
            for kind, (starts, ends) in phases.items()
        )
    return activity


def document_publish(
    *, activity: Activity, title: str, sections: Sequence[tuple[str, str]], change_note: str = ""
) -> Document:
    """Publish a new version of the draft; earlier versions and their comments stay."""
    if not sections:
        raise ValidationError(_("A draft needs at least one section."))
    with transaction.atomic():
        Activity.objects.select_for_update().get(pk=activity.pk)
        latest = activity.documents.order_by("-version").first()
        document = Document.objects.create(
            activity=activity,
            title=title,
            change_note=change_note,
            version=(latest.version + 1) if latest else 1,
        )
        Section.objects.bulk_create(
            Section(document=document, number=number, heading=heading, text=text)
            for number, (heading, text) in enumerate(sections, start=1)
        )
    return document


def question_add(
    *,
    activity: Activity,
    kind: str,
    text: str,
    choices: Sequence[str] = (),
    required: bool = False,
) -> Question:
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        raise ValidationError(_("A choice question needs at least two choices."))
    with transaction.atomic():
        number = activity.questions.count() + 1
        return Question.objects.create(
            activity=activity,
            number=number,
            kind=kind,
            text=text,
            choices=list(choices),
            required=required,
        )


# --- input ------------------------------------------------------------------------


@dataclass
class ContactDetails:
    name: str = ""
    email: str = ""
    phone: str = ""
    consent: bool = False

    def is_empty(self) -> bool:
        return not (self.name or self.email or self.phone)


@dataclass
class Submission:
    """What a person sends. ``answers`` maps question id to the answer (a string, a list
    of strings or an int); ``statement_text`` is a new statement."""

    kind: str
    submission_key: str
    title: str = ""
    text: str = ""
    section_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    line: list[list[float]] | None = None
    photo: File | None = None
    answers: dict[int, Any] = field(default_factory=dict)
    contact: ContactDetails = field(default_factory=ContactDetails)
    channel: str = Channel.WEB
    honeypot: str = ""


def _fingerprint(activity: Activity, submission: Submission) -> str:
    if submission.kind == InputKind.SURVEY:
        # Two people may give the same survey answers; only a resent form is a duplicate.
        return hashlib.sha256(submission.submission_key.encode()).hexdigest()
    normalised = " ".join(f"{submission.title} {submission.text}".lower().split())
    where = f"{submission.section_id}|{submission.latitude}|{submission.longitude}"
    return hashlib.sha256(f"{submission.kind}|{where}|{normalised}".encode()).hexdigest()


def _check_rate(*, address: str, session_key: str) -> None:
    counters = (
        (f"participation:rate:addr:{address}", RATE_LIMIT_PER_ADDRESS),
        (f"participation:rate:sess:{session_key}", RATE_LIMIT_PER_SESSION),
    )
    if rate_exceeded(counters, window_seconds=RATE_WINDOW_SECONDS):
        raise ValidationError(
            _("You have sent a lot of input in a short time. Wait a few minutes and try again."),
            code="rate_limited",
        )


def point_in_municipality(*, municipality: Municipality, latitude: float, longitude: float) -> bool:
    """Inside the municipality's boundary, or inside one of its districts when the
    municipality has no boundary of its own."""
    if municipality.boundary:
        return contains_point(municipality.boundary, longitude, latitude)
    boundaries = District.objects.filter(municipality=municipality, boundary__isnull=False)
    return any(contains_point(d.boundary, longitude, latitude) for d in boundaries if d.boundary)


def photo_clean(photo: File) -> File:
    """The photo re-encoded without EXIF/GPS under a random name (see
    medvirk.core.uploads); refused when too large or not an image, whatever its name."""
    if photo.size is not None and photo.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": _("The photo is too large. The limit is 5 MB.")})
    try:
        return uploads.image_clean(photo, max_bytes=MAX_PHOTO_BYTES)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from None


def input_photo_attach(*, input: Input, photo: File) -> Input:
    """Attach a photo to an existing input (the demo, staff adding a photo from paper),
    checked and re-encoded exactly as a photo sent with the input."""
    cleaned = photo_clean(photo)
    with transaction.atomic():
        input.photo.save(str(cleaned.name), cleaned, save=False)
        input.save(update_fields=["photo", "updated_at"])
    return input


def _validate(activity: Activity, submission: Submission) -> Section | None:
    errors: dict[str, list[str]] = {}
    kind = submission.kind
    if kind != activity.input_kind:
        raise ValidationError(_("This activity does not take this kind of input."))
    text = submission.text.strip()
    if kind in (InputKind.IDEA, InputKind.COMMENT, InputKind.MAP, InputKind.STATEMENT):
        if not text:
            errors.setdefault("text", []).append(_("Write your input."))
        limit = MAX_STATEMENT if kind == InputKind.STATEMENT else MAX_TEXT
        if len(text) > limit:
            errors.setdefault("text", []).append(
                _("The text is too long: at most %(limit)s characters.") % {"limit": limit}
            )
    if kind == InputKind.IDEA and not submission.title.strip():
        errors.setdefault("title", []).append(_("Give your idea a title."))
    if len(submission.title) > MAX_TITLE:
        errors.setdefault("title", []).append(
            _("The title is too long: at most %(limit)s characters.") % {"limit": MAX_TITLE}
        )
    section = None
    if kind == InputKind.COMMENT:
        section = (
            Section.objects.filter(pk=submission.section_id, document__activity=activity)
            .select_related("document")
            .first()
            if submission.section_id
            else None
        )
        if section is None:
            errors.setdefault("section", []).append(_("Choose the section you comment on."))
    if kind == InputKind.MAP or submission.latitude is not None:
        if submission.latitude is None or submission.longitude is None:
            errors.setdefault("latitude", []).append(_("Mark a place on the map."))
        elif not point_in_municipality(
            municipality=activity.municipality,
            latitude=submission.latitude,
            longitude=submission.longitude,
        ):
            errors.setdefault("latitude", []).append(
                _("The place is outside %(municipality)s. Mark a place inside the municipality.")
                % {"municipality": activity.municipality.name}
            )
    if submission.line:
        for longitude, latitude in submission.line:
            if not point_in_municipality(
                municipality=activity.municipality, latitude=latitude, longitude=longitude
            ):
                errors.setdefault("latitude", []).append(
                    _("The line goes outside the municipality.")
                )
                break
    if kind == InputKind.SURVEY:
        _validate_answers(activity, submission, errors)
    if submission.photo is not None:
        try:
            # From here on the submission carries the re-encoded photo, never the upload.
            submission.photo = photo_clean(submission.photo)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if submission.contact.email and "@" not in submission.contact.email:
        errors.setdefault("email", []).append(_("Enter a valid e-mail address."))
    if errors:
        raise ValidationError(errors)
    return section


def _validate_answers(
    activity: Activity, submission: Submission, errors: dict[str, list[str]]
) -> None:
    answered = 0
    for question in activity.questions.all():
        value = submission.answers.get(question.pk)
        key = f"q{question.pk}"
        empty = value in (None, "", [])
        if empty:
            if question.required:
                errors.setdefault(key, []).append(_("Answer this question."))
            continue
        answered += 1
        if question.kind == QuestionKind.TEXT and len(str(value)) > MAX_TEXT:
            errors.setdefault(key, []).append(
                _("The text is too long: at most %(limit)s characters.") % {"limit": MAX_TEXT}
            )
        elif question.kind == QuestionKind.SINGLE and value not in question.choices:
            errors.setdefault(key, []).append(_("Choose one of the choices."))
        elif question.kind == QuestionKind.MULTIPLE and not set(value or []) <= set(
            question.choices
        ):
            errors.setdefault(key, []).append(_("Choose among the choices."))
        elif question.kind == QuestionKind.SCALE and not (
            isinstance(value, int) and 1 <= value <= 5
        ):
            errors.setdefault(key, []).append(_("Choose a number from 1 to 5."))
    if not answered and not errors:
        errors.setdefault("__all__", []).append(_("Answer at least one question."))


def input_submit(
    *,
    activity: Activity,
    submission: Submission,
    user: Any = None,
    registered_by: Any = None,
    address: str = "",
    session_key: str = "",
) -> Input:
    """Receive one input. Refuses closed phases, the participation rule, spam (honeypot,
    rate limits per address and per session), a resent form and duplicate text; stores
    contact details apart from the input; never stores half an input."""
    staff = registered_by is not None
    decision = access.access_activity_for_input(
        registered_by if staff else user, activity=activity, staff_registration=staff
    )
    if not decision:
        raise ValidationError(decision.reason, code="closed")
    if submission.honeypot:
        raise ValidationError(_("Your input could not be received."), code="spam")
    if staff and submission.channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the input came in.")})
    if not staff:
        submission.channel = Channel.WEB
    section = _validate(activity, submission)
    if Input.objects.filter(submission_key=submission.submission_key).exists():
        raise ValidationError(_("We have already received this input."), code="resent")
    fingerprint = _fingerprint(activity, submission)
    if Input.objects.filter(activity=activity, fingerprint=fingerprint).exists():
        raise ValidationError(
            _("The same input has already been given to this activity."), code="duplicate"
        )
    if not staff:
        _check_rate(address=address, session_key=session_key)
    district = activity.district
    if district is None and submission.latitude is not None and submission.longitude is not None:
        district = district_find_by_point(
            municipality=activity.municipality,
            latitude=submission.latitude,
            longitude=submission.longitude,
        )
    pre_moderated = activity.moderation == Moderation.PRE and not staff
    author = user if getattr(user, "is_authenticated", False) and not staff else None
    try:
        with transaction.atomic():
            item = Input(
                activity=activity,
                kind=submission.kind,
                title=submission.title.strip(),
                text=submission.text.strip(),
                section=section,
                district=district,
                latitude=submission.latitude,
                longitude=submission.longitude,
                line=submission.line or None,
                channel=submission.channel,
                author=author,
                registered_by=registered_by if staff else None,
                visibility=Visibility.PENDING if pre_moderated else Visibility.PUBLISHED,
                submission_key=submission.submission_key,
                private_token=new_token(),
                fingerprint=fingerprint,
            )
            if submission.photo is not None:
                item.photo.save(str(submission.photo.name), submission.photo, save=False)
            item.save()
            if not submission.contact.is_empty():
                Contact.objects.create(
                    input=item,
                    name=submission.contact.name.strip()[:150],
                    email=submission.contact.email.strip(),
                    phone=submission.contact.phone[:30],
                    consent=submission.contact.consent,
                    language=get_language() or "",
                )
            if submission.kind == InputKind.STATEMENT:
                Statement.objects.create(input=item)
            for question in activity.questions.all():
                value = submission.answers.get(question.pk)
                if value in (None, "", []):
                    continue
                Answer.objects.create(
                    input=item,
                    question=question,
                    text=str(value)
                    if question.kind in (QuestionKind.TEXT, QuestionKind.SINGLE)
                    else "",
                    choices=list(value) if question.kind == QuestionKind.MULTIPLE else [],
                    number=value if question.kind == QuestionKind.SCALE else None,
                )
    except IntegrityError as exc:
        raise ValidationError(_("We have already received this input."), code="resent") from exc
    return item


def _one_person(user: Any, session_key: str) -> dict[str, Any]:
    """Who supports or votes: the logged-in user, or else the browser session (a person
    without either cannot be counted once, so is refused)."""
    if getattr(user, "is_authenticated", False):
        return {"user": user, "session_key": ""}
    if not session_key:
        raise ValidationError(
            _("Your browser did not keep a session. Allow cookies and try again.")
        )
    return {"user": None, "session_key": session_key}


def support_add(*, input: Input, user: Any = None, session_key: str = "") -> Support:
    """Support an idea once per person (per user, or per browser session)."""
    if input.kind != InputKind.IDEA or input.visibility != Visibility.PUBLISHED:
        raise ValidationError(_("Only published ideas can be supported."))
    if not access.access_activity_for_input(user, activity=input.activity):
        raise ValidationError(_("This activity is closed for input."))
    voter = _one_person(user, session_key)
    try:
        with transaction.atomic():
            support = Support.objects.create(
                input=input,
                **voter,
            )
            Input.objects.filter(pk=input.pk).update(support_count=F("support_count") + 1)
    except IntegrityError as exc:
        raise ValidationError(_("You already support this idea."), code="already") from exc
    return support


def statement_vote(
    *, statement: Statement, choice: str, user: Any = None, session_key: str = ""
) -> Vote:
    """Agree, disagree or pass on a statement, once per person."""
    if choice not in VoteChoice.values:
        raise ValidationError(_("Choose agree, disagree or pass."))
    if statement.input.visibility != Visibility.PUBLISHED:
        raise ValidationError(_("This statement is not published."))
    decision = access.access_activity_for_input(user, activity=statement.input.activity)
    if not decision:
        raise ValidationError(decision.reason)
    voter = _one_person(user, session_key)
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                statement=statement,
                choice=choice,
                **voter,
            )
            Statement.objects.filter(pk=statement.pk).update(
                **{f"{choice}_count": F(f"{choice}_count") + 1}
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("You have already answered this statement."), code="already"
        ) from exc
    return vote


# --- moderation -------------------------------------------------------------------


def flag_raise(*, input: Input, reason: str, user: Any = None, session_key: str = "") -> Flag:
    """A resident reports an input to the moderators."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell us what is wrong with this input.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("The reason is too long: at most 300 characters.")})
    authenticated = getattr(user, "is_authenticated", False)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                input=input,
                reason=reason,
                user=user if authenticated else None,
                session_key=session_key,
            )
            Input.objects.filter(pk=input.pk).update(flag_count=F("flag_count") + 1)
    except IntegrityError as exc:
        raise ValidationError(_("You have already reported this input."), code="already") from exc
    return flag


def input_moderate(*, input: Input, actor: Any, action: str, reason: str = "") -> Input:
    """Approve, hide (with a reason shown publicly), restore, or dismiss the flags of an
    input. Every action is recorded."""
    if not access.user_can_moderate(actor, municipality=input.activity.municipality):
        raise PermissionDenied
    reason = reason.strip()
    if action == ModerationActionKind.HIDE and not reason:
        raise ValidationError({"reason": _("Give the reason for hiding; it is shown publicly.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("The reason is too long: at most 300 characters.")})
    if action not in ModerationActionKind.values:
        raise ValidationError(_("Unknown moderation action."))
    with transaction.atomic():
        locked = Input.objects.select_for_update().get(pk=input.pk)
        if action == ModerationActionKind.HIDE:
            locked.visibility, locked.hidden_reason = Visibility.HIDDEN, reason
        elif action in (ModerationActionKind.APPROVE, ModerationActionKind.RESTORE):
            locked.visibility, locked.hidden_reason = Visibility.PUBLISHED, ""
        locked.save(update_fields=["visibility", "hidden_reason", "updated_at"])
        Flag.objects.filter(input=locked, is_resolved=False).update(is_resolved=True)
        ModerationAction.objects.create(input=locked, actor=actor, action=action, reason=reason)
    return locked


# --- Privacy -----------------------------------------------------------------------------


def contributions_anonymise(*, user: Any, email: str | None = None) -> int:
    """Before the person's account is deleted: their inputs, supports, votes and flags
    stay (with their answers and counts), but no longer point to the person, and the
    contact details left with their inputs, or with input given under their verified
    ``email`` without an account, are removed. Staff links (activities started, inputs
    registered on someone's behalf) are cleared. Returns how many inputs were anonymised."""
    with transaction.atomic():
        contacts = Contact.objects.filter(input__author=user)
        if email:
            contacts = contacts | Contact.objects.filter(email__iexact=email)
        Contact.objects.filter(pk__in=list(contacts.values_list("pk", flat=True))).delete()
        count = Input.objects.filter(author=user).update(author=None)
        Input.objects.filter(registered_by=user).update(registered_by=None)
        # An anonymous support or vote has no session either, so no constraint binds it.
        Support.objects.filter(user=user).update(user=None, session_key="")
        Vote.objects.filter(user=user).update(user=None, session_key="")
        Flag.objects.filter(user=user).update(user=None)
        Activity.objects.filter(created_by=user).update(created_by=None)
    return count


def contacts_remove_finished(*, closed_before: datetime.date) -> int:
    """Retention: remove the contact details left with input to activities closed before
    ``closed_before``, once the input has its answer (or was hidden by moderation, so no
    answer will come). Contact details still needed to send an answer are kept."""
    finished = Phase.objects.filter(kind=PhaseKind.CLOSED, starts_on__lt=closed_before)
    contacts = Contact.objects.filter(input__activity__in=finished.values("activity")).filter(
        models.Q(input__response__answered_at__isnull=False)
        | models.Q(input__visibility=Visibility.HIDDEN)
    )
    with transaction.atomic():
        deleted, _detail = Contact.objects.filter(
            pk__in=list(contacts.values_list("pk", flat=True))
        ).delete()
    return deleted
