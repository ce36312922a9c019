"""One step for many stories at once (the story list's bulk actions), with the rules of one.

Every story goes through what the single step asks: a workflow step through
`publishing.check` and `publishing.perform` (so permissions, statuses, notes, times and
notifications are those of the story form), an edit (section, tag) through
`publishing.can_edit`; a story someone else is editing right now (a live edit lock) is left
alone, as the form would refuse that person's save. Stories that cannot take the step are
returned with the reason, untouched; the others are done in one transaction (a story that
changed between the check and its turn is refused alone, under a savepoint).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from articles import locks, publishing

# More than a night's list; beyond it a bulk action is refused rather than left to run long.
MAX_STORIES = 100


@dataclass
class Outcome:
    done: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (story, reason)


def _apply(stories, user, refusal, act):
    """Refuse what `refusal(story)` objects to; do `act(story)` for the rest in one transaction."""
    outcome = Outcome()
    held = locks.held_by_others(stories, user)
    ready = []
    for story in stories:
        reason = (
            _("يحرر هذا الخبر الآن: %(name)s.") % {"name": held[story.pk]}
            if story.pk in held
            else refusal(story)
        )
        if reason:
            outcome.refused.append((story, reason))
        else:
            ready.append(story)
    with transaction.atomic():
        for story in ready:
            try:
                with transaction.atomic():
                    act(story)
            except (PermissionDenied, publishing.TransitionNotAllowed) as problem:
                outcome.refused.append((story, str(problem)))
            else:
                outcome.done.append(story)
    return outcome


def take_step(name, stories, user, **inputs):
    """Workflow step `name` (publish, schedule, withdraw, …) on each story, as the form takes it."""

    def refusal(story):
        try:
            publishing.check(name, story, user, **inputs)
        except (PermissionDenied, publishing.TransitionNotAllowed) as problem:
            return str(problem)
        return None

    return _apply(stories, user, refusal, lambda story: publishing.perform(name, story, user, **inputs))


def _edit_refusal(user):
    def refusal(story):
        if not publishing.can_edit(user, story):
            return _("ليست لديك صلاحية تحرير هذا الخبر في حالته الآن.")
        return None

    return refusal


def _saved_edit(story, user, fields):
    # As a save from the form: a new version (a form open on the old one is told), who and when.
    story.last_edited_by = user
    story.save(update_fields={*fields, "last_edited_by", "updated_at"})


def move_to_section(stories, user, section):
    refusal = _edit_refusal(user)

    def check(story):
        return refusal(story) or (_("الخبر في هذا القسم فعلاً.") if story.section_id == section.pk else None)

    def move(story):
        story.section = section
        _saved_edit(story, user, {"section"})

    return _apply(stories, user, check, move)


def add_tag(stories, user, tag):
    refusal = _edit_refusal(user)
    tagged = set(tag.articles.filter(pk__in=[story.pk for story in stories]).values_list("pk", flat=True))

    def check(story):
        return refusal(story) or (_("في الخبر هذا الوسم فعلاً.") if story.pk in tagged else None)

    def add(story):
        story.tags.add(tag)
        _saved_edit(story, user, set())

    return _apply(stories, user, check, add)
