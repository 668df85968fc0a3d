"""The jobs page names every task in words: each task the worker can run has a label, and
no label is left for a task that no longer exists (a renamed task would show its code)."""

from procrastinate.contrib.django import app

from control_plane.console.selectors import TASK_LABELS


def test_every_worker_task_has_a_label_and_every_label_a_task():
    tasks = {name for name in app.tasks if "procrastinate.builtin_tasks" not in name}
    assert tasks, "no task registered: the worker app's task discovery found nothing"
    assert sorted(tasks - set(TASK_LABELS)) == [], "tasks the jobs page shows by code name"
    assert sorted(set(TASK_LABELS) - tasks) == [], "labels of tasks that do not exist"
