from django.urls import path

from . import views_ballots, views_elections, views_meetings

centre = "centres/<int:centre_id>/"
ballot = centre + "ballots/<int:ballot_id>/"

urlpatterns = [
    path(centre + "governance/", views_ballots.governance_home, name="governance_home"),
    path(centre + "ballots/new/", views_ballots.ballot_new, name="ballot_new"),
    path(ballot, views_ballots.ballot_detail, name="ballot_detail"),
    path(ballot + "open/", views_ballots.ballot_open, name="ballot_open"),
    path(ballot + "close/", views_ballots.ballot_close, name="ballot_close"),
    path(ballot + "vote/", views_ballots.ballot_vote, name="ballot_vote"),
    path(ballot + "receipts/", views_ballots.ballot_receipts, name="ballot_receipts"),
    path(
        ballot + "options/<int:option_id>/respond/",
        views_ballots.priority_respond,
        name="priority_respond",
    ),
]

election = centre + "elections/<int:election_id>/"
urlpatterns += [
    path(
        centre + "committees/<int:committee_id>/",
        views_elections.committee_detail,
        name="committee_detail",
    ),
    path(
        centre + "committees/<int:committee_id>/elections/new/",
        views_elections.election_new,
        name="election_new",
    ),
    path(election, views_elections.election_detail, name="election_detail"),
    path(
        election + "candidates/<int:candidate_id>/accept/",
        views_elections.candidate_accept,
        name="candidate_accept",
    ),
    path(election + "open/", views_elections.election_open_voting, name="election_open_voting"),
    path(election + "certify/", views_elections.election_certify, name="election_certify"),
]

urlpatterns += [
    path(
        centre + "committees/<int:committee_id>/meetings/new/",
        views_meetings.meeting_new,
        name="meeting_new",
    ),
    path(
        centre + "meetings/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting_detail"
    ),
    path(
        centre + "decisions/<int:decision_id>/publish/",
        views_meetings.decision_publish,
        name="decision_publish",
    ),
]
