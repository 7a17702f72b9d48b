"""The pure rules of what a launch's claims mean here."""

from cohorts.lti import claims
from pd_platform.accounts import roles

M = "http://purl.imsglobal.org/vocab/lis/v2/membership#"


def test_learners_are_participants_and_instructors_facilitators_and_nothing_else_maps():
    assert claims.platform_roles([M + "Learner"]) == {roles.PARTICIPANT}
    assert claims.platform_roles(
        [M + "Instructor", "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"]
    ) == {roles.FACILITATOR}
    assert claims.platform_roles(["Instructor", "Learner"]) == {roles.FACILITATOR, roles.PARTICIPANT}
    assert (
        claims.platform_roles(
            [M + "Administrator", "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"]
        )
        == set()
    )
    assert claims.platform_roles(None) == set()


def test_a_link_names_its_cohort_and_page_or_nothing():
    assert claims.target_from(claims.custom_for(4, 57)) == claims.Target(4, 57)
    assert claims.target_from({"cohort": "4"}) is None
    assert claims.target_from({"cohort": "x", "page": "1"}) is None
    assert claims.target_from(None) is None


def test_scores_say_how_far_along_and_when_it_is_all_graded():
    assert claims.score_of(0, 3) == {
        "scoreGiven": 0.0,
        "scoreMaximum": 3.0,
        "activityProgress": "Initialized",
        "gradingProgress": "Pending",
    }
    assert claims.score_of(2, 3)["activityProgress"] == "InProgress"
    assert claims.score_of(3, 3)["gradingProgress"] == "FullyGraded"
    assert claims.score_of(0, 0)["scoreMaximum"] == 1.0
