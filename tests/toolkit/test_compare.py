"""Two copies of a set or a plan, compared item by item."""

from cohorts.toolkit.compare import compare_items, compare_sets, summary


def group(code, *targets):
    return {"code": code, "text": f"Standard {code}", "targets": [{"key": k, "text": t} for k, t in targets]}


def test_targets_added_removed_rewritten_and_moved():
    before = [group("A", ("t1", "I can add"), ("t2", "I can subtract")), group("B", ("t3", "I can graph"))]
    after = [group("A", ("t1", "I can add fractions"), ("t3", "I can graph")), group("B", ("t4", "I can plot"))]
    changes = {c.key: c for c in compare_sets(before, after)}
    assert changes["t1"].status == "changed" and changes["t1"].before == "I can add"
    assert changes["t3"].status == "moved" and changes["t3"].group == "A Standard A"
    assert changes["t4"].status == "added" and changes["t2"].status == "removed"
    assert summary(changes.values()) == {"changed": 1, "moved": 1, "added": 1, "removed": 1}


def test_the_same_copy_has_no_change_and_tasks_compare_by_title():
    same = [group("A", ("t1", "I can add"))]
    assert [c.status for c in compare_sets(same, same)] == ["same"]
    tasks = compare_items(
        [{"key": "k1", "title": "Quiz"}], [{"key": "k1", "title": "Quiz 2"}, {"key": "k2", "title": "Lab"}], "title"
    )
    assert [(c.status, c.text) for c in tasks] == [("changed", "Quiz 2"), ("added", "Lab")]
