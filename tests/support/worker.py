"""The real procrastinate worker, run by a test until its queues are empty."""

from __future__ import annotations

import threading


def worker_run(*, queues: list[str]) -> None:
    """Run the worker in this thread until ``queues`` hold no job it can take."""
    from procrastinate.contrib.django import app

    with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
        worker_app.run_worker(
            queues=queues, wait=False, install_signal_handlers=False, listen_notify=False
        )


def worker_run_in_thread(*, queues: list[str], timeout: float = 120) -> None:
    """``worker_run`` in a thread of its own (a browser test's thread holds Playwright's
    event loop); its failure is raised here."""
    from django.db import connection

    failures: list[BaseException] = []

    def work() -> None:
        try:
            worker_run(queues=queues)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"the worker did not empty {queues} in {timeout} s"
    assert not failures, failures
