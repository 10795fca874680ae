"""The services refuse bad input with a clear message, store nothing half, and never
store a duplicate."""

from __future__ import annotations

import io
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation
from PIL import Image

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.participation import services
from medvirk.participation.models import (
    Channel,
    Contact,
    Input,
    InputKind,
    Moderation,
    ModerationAction,
    PhaseKind,
    QuestionKind,
    Support,
    Visibility,
)
from medvirk.participation.tests.factories import make_activity, make_input, submission

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _submit(activity, **fields):
    return services.input_submit(
        activity=activity,
        submission=submission(activity.input_kind, **fields),
        session_key=uuid.uuid4().hex,
        address="10.0.0.1",
    )


def test_idea_is_stored_with_contact_apart() -> None:
    """An idea with contact details is stored; the details live in their own row, and
    the input itself holds none of them."""
    activity = make_activity()
    item = _submit(
        activity,
        contact=services.ContactDetails(name="Kari", email="kari@example.no", consent=True),
    )
    assert item.visibility == Visibility.PUBLISHED
    assert item.channel == Channel.WEB
    contact = Contact.objects.get(input=item)
    assert contact.email == "kari@example.no"
    assert "kari" not in (item.title + item.text).lower()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"title": ""}, "title"),
        ({"title": "t" * 151}, "title"),
        ({"photo": SimpleUploadedFile("a.png", b"not an image", "image/png")}, "photo"),
        ({"photo": SimpleUploadedFile("a.png", PNG + b"\x00" * (5 * 1024 * 1024))}, "photo"),
        ({"latitude": 70.0, "longitude": 25.0}, "latitude"),
    ],
)
def test_bad_idea_is_refused_with_a_message(fields: dict, field: str) -> None:
    """Empty or oversized text, a file that is not an image or is too large, and a point
    outside the municipality are refused on the right field; nothing is stored."""
    activity = make_activity()
    with pytest.raises(ValidationError) as info:
        _submit(activity, **fields)
    assert field in info.value.message_dict
    assert info.value.message_dict[field][0]
    assert not Input.objects.exists()


def test_photo_that_is_an_image_is_kept(settings, tmp_path) -> None:
    """A real (small) image is accepted and saved with the input, re-encoded under a
    random name: the uploaded name is not kept."""
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    photo = SimpleUploadedFile("bilde.png", buffer.getvalue(), "image/png")
    item = _submit(activity, photo=photo)
    assert item.photo.name.endswith(".png")
    assert "bilde" not in item.photo.name


def test_point_inside_the_municipality_sets_the_district() -> None:
    """A point inside a district of the municipality is accepted and ties the input to
    that district when the activity covers the whole municipality."""
    activity = make_activity()
    district = activity.district
    whole = make_activity(municipality=activity.municipality, district=None)
    ring = district.boundary["coordinates"][0]
    longitude = (ring[0][0] + ring[2][0]) / 2
    latitude = (ring[0][1] + ring[2][1]) / 2
    item = _submit(whole, latitude=latitude, longitude=longitude)
    assert item.district_id == district.pk


@pytest.mark.parametrize("phase", [PhaseKind.PLANNED, PhaseKind.SUMMARISING, PhaseKind.CLOSED])
def test_input_to_a_phase_that_is_not_open_is_refused(phase: str) -> None:
    """Input outside the open phase is refused with a reason."""
    activity = make_activity(phase=phase)
    with pytest.raises(ValidationError) as info:
        _submit(activity)
    assert info.value.messages[0]
    assert not Input.objects.exists()


def test_double_submit_and_duplicate_text_store_one_input() -> None:
    """Sending the same form twice, or the same text again, stores one input."""
    activity = make_activity()
    key = uuid.uuid4().hex
    _submit(activity, submission_key=key)
    with pytest.raises(ValidationError) as info:
        _submit(activity, submission_key=key)
    assert info.value.code == "resent"
    with pytest.raises(ValidationError):
        _submit(activity, text="Leksehjelp for ungdom på tirsdager.")
    assert Input.objects.count() == 1


def test_honeypot_and_rate_limit_keep_spam_out() -> None:
    """A filled honeypot field is refused; one session cannot send more than the limit
    in the window."""
    activity = make_activity()
    with pytest.raises(ValidationError):
        _submit(activity, honeypot="http://spam.example")
    session = uuid.uuid4().hex
    for n in range(services.RATE_LIMIT_PER_SESSION):
        services.input_submit(
            activity=activity,
            submission=submission(text=f"Idé {n}"),
            session_key=session,
            address="10.0.0.2",
        )
    with pytest.raises(ValidationError) as info:
        services.input_submit(
            activity=activity,
            submission=submission(text="En til"),
            session_key=session,
            address="10.0.0.2",
        )
    assert info.value.code == "rate_limited"
    assert Input.objects.count() == services.RATE_LIMIT_PER_SESSION


def test_support_once_per_person() -> None:
    """A person supports an idea once; a second support is refused and not counted."""
    activity = make_activity()
    item = make_input(activity)
    resident = UserFactory()
    services.support_add(input=item, user=resident)
    with pytest.raises(ValidationError) as info:
        services.support_add(input=item, user=resident)
    assert info.value.code == "already"
    services.support_add(input=item, session_key="abc")
    with pytest.raises(ValidationError):
        services.support_add(input=item, session_key="abc")
    item.refresh_from_db()
    assert item.support_count == 2
    assert Support.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_support_race_counts_once() -> None:
    """Two requests supporting the same idea from one session at once store one
    support (the database constraint decides)."""
    activity = make_activity()
    item = make_input(activity)
    errors: list[Exception] = []

    def support() -> None:
        try:
            services.support_add(input=item, session_key="same-session")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=support) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    item.refresh_from_db()
    assert Support.objects.filter(input=item).count() == 1
    assert item.support_count == 1
    assert len(errors) == 1, errors


def test_staff_registration_records_the_channel() -> None:
    """Staff register input from paper with the channel recorded and themselves as the
    registrar; it is published even under pre-moderation."""
    activity = make_activity(moderation=Moderation.PRE)
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    item = services.input_submit(
        activity=activity,
        submission=submission(channel=Channel.PAPER),
        registered_by=officer,
    )
    assert item.channel == Channel.PAPER
    assert item.registered_by == officer
    assert item.visibility == Visibility.PUBLISHED


def test_pre_moderation_holds_input_until_approved() -> None:
    """Under pre-moderation, web input waits; a moderator publishes it, and the action is
    recorded."""
    activity = make_activity(moderation=Moderation.PRE)
    item = make_input(activity)
    assert item.visibility == Visibility.PENDING
    moderator = user_with_role(Role.MODERATOR, municipality=activity.municipality)
    services.input_moderate(input=item, actor=moderator, action="approve")
    item.refresh_from_db()
    assert item.visibility == Visibility.PUBLISHED
    assert ModerationAction.objects.filter(input=item, action="approve").exists()


def test_flag_hide_with_reason_and_restore_are_audited() -> None:
    """A flag reaches the moderator; hiding needs a public reason; restore brings the
    input back; every action is in the audit."""
    activity = make_activity()
    item = make_input(activity)
    services.flag_raise(input=item, reason="Reklame", session_key="s1")
    with pytest.raises(ValidationError):
        services.flag_raise(input=item, reason="Igjen", session_key="s1")
    moderator = user_with_role(Role.MODERATOR, municipality=activity.municipality)
    with pytest.raises(ValidationError):
        services.input_moderate(input=item, actor=moderator, action="hide", reason="")
    services.input_moderate(input=item, actor=moderator, action="hide", reason="Reklame")
    item.refresh_from_db()
    assert (item.visibility, item.hidden_reason) == (Visibility.HIDDEN, "Reklame")
    assert not item.flags.filter(is_resolved=False).exists()
    services.input_moderate(input=item, actor=moderator, action="restore")
    item.refresh_from_db()
    assert item.visibility == Visibility.PUBLISHED
    actions = list(ModerationAction.objects.filter(input=item).values_list("action", flat=True))
    assert sorted(actions) == ["hide", "restore"]


def test_moderator_of_another_municipality_is_refused() -> None:
    """A moderator moderates only their own municipality."""
    from django.core.exceptions import PermissionDenied

    from medvirk.places.tests.factories import DistrictFactory

    item = make_input(make_activity())
    stranger = user_with_role(Role.MODERATOR, municipality=DistrictFactory().municipality)
    with pytest.raises(PermissionDenied):
        services.input_moderate(input=item, actor=stranger, action="hide", reason="x")


def test_comment_must_name_a_section_of_this_draft() -> None:
    """A comment belongs to a section of the activity's draft; versions are kept and the
    comment stays with the version it was given to."""
    activity = make_activity(kind=InputKind.COMMENT)
    first = services.document_publish(
        activity=activity, title="Utkast", sections=[("Innledning", "Tekst")]
    )
    second = services.document_publish(
        activity=activity, title="Utkast 2", sections=[("Innledning", "Ny tekst"), ("Mål", "Mål")]
    )
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(ValidationError) as info:
        _submit(activity, text="Bra", section_id=None)
    assert "section" in info.value.message_dict
    section = second.sections.get(number=2)
    item = _submit(activity, text="Bra mål", section_id=section.pk)
    assert item.section == section


def test_survey_answers_are_checked_and_stored() -> None:
    """Survey answers: free text, one choice, several choices and a scale; a required
    question must be answered and a choice must be one offered."""
    activity = make_activity(kind=InputKind.SURVEY)
    often = services.question_add(
        activity=activity,
        kind=QuestionKind.SINGLE,
        text="Hvor ofte?",
        choices=["Ofte", "Sjelden"],
        required=True,
    )
    why = services.question_add(
        activity=activity, kind=QuestionKind.MULTIPLE, text="Hvorfor?", choices=["A", "B", "C"]
    )
    scale = services.question_add(activity=activity, kind=QuestionKind.SCALE, text="Fornøyd?")
    free = services.question_add(activity=activity, kind=QuestionKind.TEXT, text="Annet?")
    with pytest.raises(ValidationError) as info:
        _submit(activity, answers={often.pk: "Aldri"})
    assert f"q{often.pk}" in info.value.message_dict
    item = _submit(
        activity, answers={often.pk: "Ofte", why.pk: ["A", "C"], scale.pk: 4, free.pk: "Mer kaffe"}
    )
    stored = {a.question_id: a for a in item.answers.all()}
    assert stored[often.pk].text == "Ofte"
    assert stored[why.pk].choices == ["A", "C"]
    assert stored[scale.pk].number == 4
    assert stored[free.pk].text == "Mer kaffe"


def test_statement_and_votes_once_per_person() -> None:
    """A new statement is an input; a person answers it once."""
    activity = make_activity(kind=InputKind.STATEMENT)
    item = _submit(activity, text="Møtene bør være på kveldstid.")
    with pytest.raises(ValidationError):
        _submit(activity, text="x" * 301)
    statement = item.statement
    services.statement_vote(statement=statement, choice="agree", session_key="s")
    with pytest.raises(ValidationError):
        services.statement_vote(statement=statement, choice="disagree", session_key="s")
    statement.refresh_from_db()
    assert (statement.agree_count, statement.disagree_count) == (1, 0)


def test_map_input_needs_a_point_inside() -> None:
    """Map input needs a point, and the point must lie inside the municipality."""
    activity = make_activity(kind=InputKind.MAP)
    with pytest.raises(ValidationError) as info:
        _submit(activity, text="Farlig kryss")
    assert "latitude" in info.value.message_dict
    with pytest.raises(ValidationError):
        _submit(activity, text="Farlig kryss", latitude=60.5, longitude=5.3)
    ring = activity.district.boundary["coordinates"][0]
    item = _submit(
        activity,
        text="Farlig kryss",
        latitude=(ring[0][1] + ring[2][1]) / 2,
        longitude=(ring[0][0] + ring[2][0]) / 2,
    )
    assert item.latitude is not None


def test_map_input_with_a_line_from_the_form() -> None:
    """The form turns the extra points into a line that starts at the marked place; a
    malformed row is named; a line leaving the municipality is refused."""
    from medvirk.participation.forms import InputForm

    activity = make_activity(kind=InputKind.MAP)
    ring = activity.district.boundary["coordinates"][0]
    (west, south), (east, north) = ring[0], ring[2]
    centre = ((south + north) / 2, (west + east) / 2)
    inside = f"{south + 0.001:.5f}, {west + 0.001:.5f}\n{north - 0.001:.5f}, {east - 0.001:.5f}"
    base = {
        "submission_key": uuid.uuid4().hex,
        "text": "Farlig strekning for syklister",
        "latitude": f"{centre[0]:.5f}",
        "longitude": f"{centre[1]:.5f}",
    }
    with translation.override("en"):
        bad = InputForm({**base, "line": "59.7; 10.2; 3"}, activity=activity)
        assert not bad.is_valid()
        assert "Line 1: write latitude, longitude" in bad.errors["line"][0]
    form = InputForm({**base, "line": inside}, activity=activity)
    assert form.is_valid(), form.errors
    item = services.input_submit(
        activity=activity,
        submission=form.submission(),
        session_key=uuid.uuid4().hex,
        address="10.0.0.2",
    )
    assert item.line is not None and len(item.line) == 3
    assert item.line[0] == [float(base["longitude"]), float(base["latitude"])]
    outside = InputForm(
        {**base, "submission_key": uuid.uuid4().hex, "line": "70.0, 25.0"}, activity=activity
    )
    assert outside.is_valid()
    with pytest.raises(ValidationError):
        services.input_submit(
            activity=activity,
            submission=outside.submission(),
            session_key=uuid.uuid4().hex,
            address="10.0.0.3",
        )
