"""The LTI room's part of a personal-data export or erasure: who the person is in each LMS that
launched them here (how the link was made, the roles the LMS gave), and the progress sent back (see ``pd_platform.personal_data``)."""

from lti_tool.models import LtiUser

from pd_platform import personal_data

from .models import LmsIdentity, ScoreSent


def export(user):
    return {
        "lms_identities": LtiUser.objects.filter(auth_user=user),
        "lms_links_and_roles": LmsIdentity.objects.filter(lti_user__auth_user=user),
        "lms_scores_sent": ScoreSent.objects.filter(lti_user__auth_user=user),
    }


def erase(user, now):
    """The LMS identities go (and with them the scores sent); a later launch would start afresh."""
    scores = ScoreSent.objects.filter(lti_user__auth_user=user).delete()[0]
    return {"LMS identities deleted": LtiUser.objects.filter(auth_user=user).delete()[0], "LMS scores deleted": scores}


personal_data.register("lti", export, erase, order=95)
