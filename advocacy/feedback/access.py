"""Reaching one survey, question or comment of a centre: anything else is a 404."""

from django.shortcuts import get_object_or_404

from centres.models import Centre

from .models import Comment, Question, Survey


def get_survey(centre: Centre, survey_id: int) -> Survey:
    return get_object_or_404(Survey.objects.for_centre(centre), pk=survey_id)


def get_own_survey(centre: Centre, survey_id: int) -> Survey:
    """A survey the centre itself defined (programme surveys are the coordinator's)."""
    return get_object_or_404(Survey.objects.filter(centre=centre), pk=survey_id)


def get_question(survey: Survey, question_id: int) -> Question:
    return get_object_or_404(survey.questions.filter(retired_at__isnull=True), pk=question_id)


def get_comment(centre: Centre, comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.for_centre(centre), pk=comment_id)
