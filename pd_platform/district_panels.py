"""What a district's coordinator opens beyond the workspace's own reports: the rooms above ``pd_platform``
(cohort health, the impact report) register a page each, and the district workspace registers who may open
which district. The workspace lists the pages on its home; each page lives in its own room and asks
``district_for`` before it shows anything, so no side room imports another and the rule of who sees a
district is written once (the workspace's)."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class DistrictPanel:
    key: str
    title: str  # the link's text on the workspace's home
    url_name: str  # a URL name taking the district's id
    summary: str  # one sentence under the link: what the coordinator finds there
    order: int = 100

    def url(self, district):
        return reverse(self.url_name, args=[district.pk])


_panels: dict[str, DistrictPanel] = {}
_gates: dict = {}


def register(key, title, url_name, summary, order=100):
    _panels[key] = DistrictPanel(key, title, url_name, summary, order)


def panels():
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))


def register_gate(key, gate):
    """``gate(user, district_id)`` -> the district if ``user`` may open its pages, else None (one query)."""
    _gates[key] = gate


def district_for(user, district_id):
    """The district if the room that keeps coordinators lets ``user`` open it; None otherwise (and when no
    room keeps them)."""
    for _key, gate in sorted(_gates.items()):
        district = gate(user, district_id)
        if district is not None:
            return district
    return None
