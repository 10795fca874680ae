"""The insight services: an analysis runs on the published inputs only and leaves a
draft; review actions change it and are logged; nothing is public until a person
publishes; double starts and stale changes are refused without harm."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.insight import selectors, services
from medvirk.insight.models import (
    Analysis,
    AnalysisStatus,
    EventKind,
    Failure,
    Summary,
    SummaryStatus,
    Theme,
    ThemeInput,
)
from medvirk.insight.tests.factories import add_input, analysable_activity, move_to_phase
from medvirk.participation.models import Answer, InputKind, PhaseKind, Question, QuestionKind
from medvirk.participation.tests.factories import make_activity
from medvirk.places.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The assertions read the services' messages in English."""
    with translation.override("en"):
        yield


def _officer(activity):
    return user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)


def _draft(activity, start, n_themes=None):
    officer = _officer(activity)
    analysis = start(actor=officer, activity=activity, n_themes=n_themes)
    analysis = services.analysis_run(analysis_id=analysis.pk)
    assert analysis.status == AnalysisStatus.DONE, analysis.detail
    return officer, analysis.summary


def test_analysis_groups_published_inputs_into_a_draft(start) -> None:
    """Every published input ends in one theme or is set apart; the hidden one is not
    read; the campaign copies form one near-duplicate group; the English text is set
    apart with its reason; with the number chosen automatically, the three topics and
    the campaign come out as four themes."""
    activity, made = analysable_activity()
    _officer, summary = _draft(activity, start)
    assert summary.status == SummaryStatus.DRAFT
    assert summary.input_count == 30  # 24 topic inputs, 5 copies, 1 English; hidden left out
    placed = set(ThemeInput.objects.filter(summary=summary).values_list("input_id", flat=True))
    set_apart = {item["input_id"] for item in summary.not_analysed}
    assert set_apart == {made["english"][0].pk}
    assert summary.not_analysed[0]["reason"] == "other_language"
    assert made["hidden"][0].pk not in placed | set_apart
    assert len(placed) + len(set_apart) == 30
    campaign = {i.pk for i in made["campaign"]}
    assert [set(g["member_ids"]) for g in summary.duplicates] == [campaign]
    theme_of = dict(ThemeInput.objects.filter(summary=summary).values_list("input_id", "theme_id"))
    topic_themes = [
        {theme_of[i.pk] for i in made[topic]}
        for topic in ("buss", "lekeplass", "bibliotek", "campaign")
    ]
    assert all(len(themes) == 1 for themes in topic_themes)
    assert len(set().union(*topic_themes)) == 4 == Theme.objects.filter(summary=summary).count()
    for theme in Theme.objects.filter(summary=summary):
        members = set(ThemeInput.objects.filter(theme=theme).values_list("input_id", flat=True))
        assert theme.quote_ids and set(theme.quote_ids) <= members
        assert theme.label == theme.engine_label
    assert Analysis.objects.get(pk=summary.analysis_id).percent == 100
    assert summary.events.get().kind == EventKind.CREATED


def test_survey_text_answers_are_analysed(start) -> None:
    activity = make_activity(kind=InputKind.SURVEY)
    question = Question.objects.create(
        activity=activity, number=1, kind=QuestionKind.TEXT, text="Hva savner du?"
    )
    choice = Question.objects.create(
        activity=activity, number=2, kind=QuestionKind.SINGLE, text="Hvor ofte?", choices=["Ofte"]
    )
    item = add_input(activity, "")
    Answer.objects.create(input=item, question=question, text="Lengre åpent på lørdager")
    Answer.objects.create(input=item, question=choice, text="Ofte")
    move_to_phase(activity, PhaseKind.SUMMARISING)
    assert selectors.analysis_texts(activity=activity) == [(item.pk, "Lengre åpent på lørdager")]


def test_only_staff_after_the_input_period_can_start(start) -> None:
    activity, _made = analysable_activity()
    for user in (
        UserFactory(),
        user_with_role(Role.MODERATOR, municipality=activity.municipality),
        user_with_role(Role.CASE_OFFICER, municipality=DistrictFactory().municipality),
    ):
        with pytest.raises(PermissionDenied):
            services.analysis_start(actor=user, activity=activity)
    move_to_phase(activity, PhaseKind.OPEN)
    with pytest.raises(ValidationError, match="input period is over"):
        services.analysis_start(actor=_officer(activity), activity=activity)
    assert not Analysis.objects.exists()


def test_a_second_start_while_one_runs_is_refused(start) -> None:
    """Two clicks on "start": one analysis; the second gets a message."""
    activity, _made = analysable_activity()
    officer = _officer(activity)
    services.analysis_start(actor=officer, activity=activity)
    with pytest.raises(ValidationError, match="already running"):
        services.analysis_start(actor=officer, activity=activity)
    assert Analysis.objects.filter(activity=activity).count() == 1


def test_bad_number_of_themes_is_refused(start) -> None:
    activity, _made = analysable_activity()
    with pytest.raises(ValidationError, match="between 2 and 60"):
        services.analysis_start(actor=_officer(activity), activity=activity, n_themes=1)


def test_a_failing_engine_marks_the_analysis_failed_and_keeps_the_draft(start, monkeypatch) -> None:
    activity, _made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=3)
    again = start(actor=officer, activity=activity)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("medvirk.algorithms.themes.pipeline.analyse", broken)
    analysis = services.analysis_run(analysis_id=again.pk)
    assert analysis.status == AnalysisStatus.FAILED
    assert analysis.failure == Failure.ERROR and "boom" in analysis.detail
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT  # the earlier draft is untouched


def test_reanalysing_a_reviewed_draft_needs_consent(start) -> None:
    activity, _made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=3)
    theme = Theme.objects.filter(summary=summary).first()
    services.theme_rename(actor=officer, theme=theme, label="Buss og kollektiv")
    with pytest.raises(ValidationError, match="already reviewed"):
        services.analysis_start(actor=officer, activity=activity)
    analysis = services.analysis_start(actor=officer, activity=activity, replace_draft=True)
    services.analysis_run(analysis_id=analysis.pk)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.REPLACED
    assert Summary.objects.get(activity=activity, status=SummaryStatus.DRAFT).pk != summary.pk


def test_rename_merge_move_and_quotes_are_applied_and_logged(start) -> None:
    activity, made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=4)
    themes = list(Theme.objects.filter(summary=summary))
    first, second = themes[0], themes[1]
    before = ThemeInput.objects.filter(summary=summary).count()

    services.theme_rename(actor=officer, theme=first, label="  Buss   og kollektiv ")
    first.refresh_from_db()
    assert first.label == "Buss og kollektiv"
    with pytest.raises(ValidationError, match="name"):
        services.theme_rename(actor=officer, theme=first, label="   ")

    merged = services.themes_merge(
        actor=officer, summary=summary, theme_ids=[first.pk, second.pk], label=""
    )
    assert merged.pk == first.pk and not Theme.objects.filter(pk=second.pk).exists()
    assert ThemeInput.objects.filter(summary=summary).count() == before
    assert len(merged.quote_ids) <= services.MAX_QUOTES
    with pytest.raises(ValidationError, match="no longer exists"):
        services.themes_merge(actor=officer, summary=summary, theme_ids=[first.pk, second.pk])

    moved = [made["bibliotek"][0].pk, made["bibliotek"][1].pk]
    target = services.inputs_move(
        actor=officer, summary=summary, input_ids=moved, new_label="Bibliotekets åpningstider"
    )
    assert set(ThemeInput.objects.filter(theme=target).values_list("input_id", flat=True)) == set(
        moved
    )
    with pytest.raises(ValidationError, match="not in this summary"):
        services.inputs_move(
            actor=officer, summary=summary, input_ids=[made["hidden"][0].pk], theme_id=target.pk
        )

    services.theme_quote_toggle(actor=officer, theme=target, input_id=moved[0])
    target.refresh_from_db()
    assert target.quote_ids == [moved[0]]
    with pytest.raises(ValidationError, match="Only inputs of the theme"):
        services.theme_quote_toggle(actor=officer, theme=target, input_id=made["buss"][0].pk)
    services.theme_quote_toggle(actor=officer, theme=target, input_id=moved[0])
    target.refresh_from_db()
    assert target.quote_ids == []

    kinds = list(summary.events.values_list("kind", flat=True))
    for kind in (EventKind.RENAMED, EventKind.MERGED, EventKind.MOVED, EventKind.QUOTES):
        assert kind in kinds


def test_moving_every_input_out_removes_the_theme_and_its_quotes(start) -> None:
    activity, _made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=3)
    source, target = list(Theme.objects.filter(summary=summary))[:2]
    ids = list(ThemeInput.objects.filter(theme=source).values_list("input_id", flat=True))
    services.inputs_move(actor=officer, summary=summary, input_ids=ids, theme_id=target.pk)
    assert not Theme.objects.filter(pk=source.pk).exists()
    target.refresh_from_db()
    members = set(ThemeInput.objects.filter(theme=target).values_list("input_id", flat=True))
    assert set(ids) <= members and set(target.quote_ids) <= members


def test_split_makes_two_themes_from_one(start) -> None:
    activity, made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=2)
    theme_of = dict(ThemeInput.objects.filter(summary=summary).values_list("input_id", "theme_id"))
    mixed = Theme.objects.get(pk=theme_of[made["lekeplass"][0].pk])
    lekeplass = {i.pk for i in made["lekeplass"]}
    bibliotek = {i.pk for i in made["bibliotek"]}
    assert set(mixed.members.values_list("input_id", flat=True)) == lekeplass | bibliotek
    parts = services.theme_split(actor=officer, theme=mixed)
    assert len(parts) == 2
    assert sorted(
        (set(p.members.values_list("input_id", flat=True)) for p in parts), key=min
    ) == sorted([lekeplass, bibliotek], key=min)
    for part in parts:
        members = set(part.members.values_list("input_id", flat=True))
        assert part.quote_ids and set(part.quote_ids) <= members
    assert summary.events.filter(kind=EventKind.SPLIT).exists()


def test_split_of_a_theme_of_copies_or_one_input_is_refused(start) -> None:
    """The campaign's copies cannot be told apart, one input cannot be split; the draft is
    left as it was."""
    activity, made = analysable_activity()
    officer, summary = _draft(activity, start)
    campaign = Theme.objects.get(members__input=made["campaign"][0])
    assert campaign.members.count() == 5
    with pytest.raises(ValidationError, match="could not be told apart"):
        services.theme_split(actor=officer, theme=campaign)
    single = services.inputs_move(
        actor=officer, summary=summary, input_ids=[made["buss"][0].pk], new_label="Én"
    )
    with pytest.raises(ValidationError, match="too few different inputs"):
        services.theme_split(actor=officer, theme=single)
    assert Theme.objects.filter(summary=summary).count() == 5
    assert not summary.events.filter(kind=EventKind.SPLIT).exists()


def test_nothing_is_public_until_published_and_publishing_replaces(start) -> None:
    activity, _made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=3)
    assert selectors.published_get(activity=activity) is None
    with pytest.raises(PermissionDenied):
        services.summary_publish(actor=UserFactory(), summary=summary)
    services.summary_publish(actor=officer, summary=summary)
    summary.refresh_from_db()
    assert summary.is_published and summary.published_by == officer
    with pytest.raises(ValidationError, match="no longer a draft"):
        services.theme_rename(actor=officer, theme=summary.themes.first(), label="Etterpå")

    analysis = services.analysis_start(actor=officer, activity=activity, n_themes=4)
    second = services.analysis_run(analysis_id=analysis.pk).summary
    assert selectors.published_get(activity=activity) == summary  # the draft is not public
    services.summary_publish(actor=officer, summary=second)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.WITHDRAWN
    assert selectors.published_get(activity=activity) == second
    services.summary_withdraw(actor=officer, summary=second)
    assert selectors.published_get(activity=activity) is None


def test_public_view_hides_quotes_of_inputs_hidden_after_the_analysis(start) -> None:
    activity, _made = analysable_activity()
    officer, summary = _draft(activity, start, n_themes=3)
    services.summary_publish(actor=officer, summary=summary)
    theme = summary.themes.first()
    quoted = theme.quote_ids[0]
    from medvirk.participation.models import Input, Visibility

    Input.objects.filter(pk=quoted).update(visibility=Visibility.HIDDEN)
    public = selectors.summary_view(summary=summary, public=True)
    staff = selectors.summary_view(summary=summary, public=False)
    public_quotes = {q.pk for v in public.themes for q in v.quotes}
    staff_quotes = {q.pk for v in staff.themes for q in v.quotes}
    assert quoted in staff_quotes and quoted not in public_quotes
    assert public.analysed == ThemeInput.objects.filter(summary=summary).count()
    assert sum(v.size for v in public.themes) == public.analysed
    assert {s.label for v in public.themes for s in v.districts} == {activity.district.name}


def test_a_stale_analysis_no_longer_blocks_a_new_one(start) -> None:
    import datetime

    from django.utils import timezone

    activity, _made = analysable_activity()
    officer = _officer(activity)
    stuck = services.analysis_start(actor=officer, activity=activity)
    Analysis.objects.filter(pk=stuck.pk).update(
        status=AnalysisStatus.RUNNING, updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    fresh = services.analysis_start(actor=officer, activity=activity)
    stuck.refresh_from_db()
    assert stuck.status == AnalysisStatus.FAILED and stuck.failure == Failure.STOPPED
    assert fresh.pk != stuck.pk
