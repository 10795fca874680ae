"""Closing the loop: answers one at a time or in a batch, e-mail to contributors sent by
the task worker after commit (the answer stands when the mail server refuses), decisions,
the report on the web, as XLSX and PDF, "my input" and the private link."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.followup import services
from medvirk.followup.models import Decision, Response, ResponseStatus
from medvirk.participation.models import Contact
from medvirk.participation.tests.factories import make_activity, make_input
from medvirk.places.tests.factories import DistrictFactory
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_batch_answer_tells_each_contributor_once(django_capture_on_commit_callbacks) -> None:
    """A case officer answers three inputs at once; each gets the status and answer; the
    two contributors with an e-mail address get one e-mail each, after commit."""
    activity = make_activity()
    items = [make_input(activity, text=f"Idé nummer {n}") for n in range(3)]
    Contact.objects.create(input=items[0], email="a@example.no")
    Contact.objects.create(input=items[1], email="b@example.no")
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    with django_capture_on_commit_callbacks(execute=True):
        services.responses_give(
            actor=officer,
            activity=activity,
            input_ids=[i.pk for i in items],
            status=ResponseStatus.TAKEN,
            answer="Tatt med i planen.",
            base_url="http://testserver/",
        )
    assert Response.objects.filter(status=ResponseStatus.TAKEN).count() == 3
    assert mail.outbox == []  # sent by the worker, not in the request
    run_queued_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.no", "b@example.no"]
    assert (
        items[0].private_token in mail.outbox[0].body
        or items[1].private_token in mail.outbox[0].body
    )


def test_answer_stands_when_the_mail_server_refuses(
    client, settings, django_capture_on_commit_callbacks
) -> None:
    """A mail server that refuses does not undo the answer nor fail the page: the e-mail
    waits in the outbox for its next attempt, with the error for the staff to see."""
    from medvirk.core.models import MailStatus, OutgoingMail

    settings.MAILERS = {"default": {"BACKEND": "medvirk.core.tests.test_mail.RefusingBackend"}}
    activity = make_activity()
    item = make_input(activity)
    Contact.objects.create(input=item, email="kari@example.no")
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    answer_url = reverse("followup:answer", args=[activity.municipality.slug, activity.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            answer_url, {"inputs": [item.pk], "status": "taken", "answer": "Tatt med."}
        )
    assert response.status_code == 302
    run_queued_tasks()
    assert Response.objects.get(input=item).answer == "Tatt med."
    outgoing = OutgoingMail.objects.get(to="kari@example.no")
    assert outgoing.municipality == activity.municipality
    assert (outgoing.status, outgoing.attempts) == (MailStatus.QUEUED, 1)
    assert "SMTPException" in outgoing.last_error
    assert mail.outbox == []


def test_answer_needs_staff_of_that_municipality() -> None:
    """Only case officers and administrators of the activity's municipality answer; a
    moderator, a resident and another municipality's case officer are refused."""
    activity = make_activity()
    item = make_input(activity)
    for user in (
        user_with_role(Role.MODERATOR, municipality=activity.municipality),
        UserFactory(),
        user_with_role(Role.CASE_OFFICER, municipality=DistrictFactory().municipality),
    ):
        with pytest.raises(PermissionDenied):
            services.responses_give(
                actor=user,
                activity=activity,
                input_ids=[item.pk],
                status=ResponseStatus.TAKEN,
                answer="Ja",
            )


def test_answer_is_validated_and_all_or_nothing() -> None:
    """A final status needs an answer text; an input of another activity makes the whole
    batch fail, and nothing is saved."""
    activity = make_activity()
    item = make_input(activity)
    other = make_input(
        make_activity(municipality=activity.municipality, district=activity.district), text="Annen"
    )
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    with pytest.raises(ValidationError):
        services.responses_give(
            actor=officer,
            activity=activity,
            input_ids=[item.pk],
            status=ResponseStatus.TAKEN,
            answer=" ",
        )
    with pytest.raises(ValidationError):
        services.responses_give(
            actor=officer,
            activity=activity,
            input_ids=[item.pk, other.pk],
            status=ResponseStatus.TAKEN,
            answer="Ja",
        )
    assert not Response.objects.exists()


def test_answer_page_and_report_flow(client, django_capture_on_commit_callbacks) -> None:
    """The case officer answers a batch on the answer page, records a decision linked to
    the inputs, and publishes the report; the contributor is told, and the report shows
    every input with its answer, also as XLSX and PDF."""
    activity = make_activity()
    items = [make_input(activity, text=f"Idé {n}") for n in range(2)]
    Contact.objects.create(input=items[0], email="kari@example.no")
    slug = activity.municipality.slug
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    client.force_login(officer)
    answer_url = reverse("followup:answer", args=[slug, activity.slug])
    assert client.get(answer_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            answer_url,
            {"inputs": [i.pk for i in items], "status": "partly", "answer": "Delvis fulgt opp."},
        )
    assert response.status_code == 302
    run_queued_tasks()
    assert len(mail.outbox) == 1
    report_url = reverse("followup:report", args=[slug, activity.slug])
    client.post(
        report_url,
        {
            "title": "Vedtak",
            "text": "Vedtatt.",
            "decided_on": "2026-05-01",
            "decided_by": "Bystyret",
            "input_numbers": f"{items[0].pk}",
        },
    )
    assert Decision.objects.get().inputs.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url, {"what_we_heard": "Mye.", "what_we_did": "Noe.", "publish": "on"})
    run_queued_tasks()
    assert len(mail.outbox) == 2
    client.logout()
    page = client.get(report_url).content.decode()
    assert "Delvis fulgt opp." in page and "Vedtak" in page and "kari@example.no" not in page
    xlsx = client.get(reverse("followup:report_xlsx", args=[slug, activity.slug]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert any(
        "Delvis fulgt opp." in str(c.value)
        for row in workbook.worksheets[2].iter_rows()
        for c in row
    )
    pdf = client.get(reverse("followup:report_pdf", args=[slug, activity.slug]))
    assert pdf.content[:4] == b"%PDF"


def test_unpublished_report_is_not_public(client) -> None:
    """Before publication the report page says it is not out yet, and the files are
    refused."""
    activity = make_activity()
    slug = activity.municipality.slug
    assert client.get(reverse("followup:report", args=[slug, activity.slug])).status_code == 404
    assert client.get(reverse("followup:report_pdf", args=[slug, activity.slug])).status_code == 403


def test_my_input_and_private_link(client) -> None:
    """A logged-in resident finds their input and its answer on "my input"; an anonymous
    contributor finds it through the private link."""
    activity = make_activity()
    resident = UserFactory()
    mine = make_input(activity, user=resident, text="Min idé")
    anonymous = make_input(activity, text="Anonym idé")
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    services.responses_give(
        actor=officer,
        activity=activity,
        input_ids=[mine.pk, anonymous.pk],
        status=ResponseStatus.TAKEN,
        answer="Takk, tatt med.",
        notify=False,
    )
    private = client.get(reverse("followup:private_input", args=[anonymous.private_token]))
    assert "Takk, tatt med." in private.content.decode()
    assert client.get(reverse("followup:my_inputs")).status_code == 302
    client.force_login(resident)
    page = client.get(reverse("followup:my_inputs")).content.decode()
    assert "Takk, tatt med." in page and "Anonym idé" not in page


def test_contributor_is_told_in_the_language_they_wrote_in(
    django_capture_on_commit_callbacks,
) -> None:
    """Input given in nynorsk is answered by e-mail in nynorsk, whatever language the
    case officer uses; input with no recorded language gets the site's default."""
    from django.utils import translation

    from medvirk.participation import services as participation
    from medvirk.participation.models import InputKind
    from medvirk.participation.tests.factories import submission

    activity = make_activity()
    with translation.override("nn"):
        item = participation.input_submit(
            activity=activity,
            submission=submission(
                InputKind.IDEA,
                title="Benk ved elva",
                text="Vi treng fleire benkar.",
                contact=participation.ContactDetails(email="nn@example.no", consent=True),
            ),
            session_key="s-nn",
            address="10.0.0.9",
        )
    assert Contact.objects.get(input=item).language == "nn"
    other = make_input(activity, text="Flere benker")
    Contact.objects.create(input=other, email="nb@example.no")
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.responses_give(
            actor=officer,
            activity=activity,
            input_ids=[item.pk, other.pk],
            status=ResponseStatus.TAKEN,
            answer="Tatt med.",
            base_url="http://testserver/",
        )
    run_queued_tasks()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    with translation.override("nn"):
        nynorsk = translation.gettext("Your input has been answered")
    with translation.override("nb"):
        bokmaal = translation.gettext("Your input has been answered")
    assert nynorsk != bokmaal
    assert subjects == {"nn@example.no": nynorsk, "nb@example.no": bokmaal}


def test_report_link_only_when_the_report_is_published(client) -> None:
    """While the report is unpublished, the private link and "my input" do not link to
    it (it would be a 404) but say when it comes and where the contributor is told; once
    published, both link to it."""
    activity = make_activity()
    resident = UserFactory()
    mine = make_input(activity, user=resident, text="Min idé")
    report_url = reverse("followup:report", args=[activity.municipality.slug, activity.slug])
    client.force_login(resident)
    private_url = reverse("followup:private_input", args=[mine.private_token])
    for url in (private_url, reverse("followup:my_inputs")):
        page = client.get(url).content.decode()
        assert report_url not in page
        assert "report-pending" in page
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    services.report_save(
        actor=officer, activity=activity, what_we_heard="Mye.", what_we_did="Noe.", publish=True
    )
    for url in (private_url, reverse("followup:my_inputs")):
        page = client.get(url).content.decode()
        assert report_url in page
        assert "report-pending" not in page
    assert client.get(report_url).status_code == 200
