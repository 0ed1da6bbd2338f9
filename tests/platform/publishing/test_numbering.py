"""索引号 and 登记编号 stay unique when several people publish at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from gongkai.publishing.models import NumberSequence
from tests.platform.conftest import on_postgres


@pytest.mark.skipif(not on_postgres(), reason="concurrent writers need a server database (SQLite serialises them)")
def test_concurrent_draws_never_repeat_a_number(transactional_db: None) -> None:
    drawn: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def worker() -> None:
        try:
            start.wait()
            for _ in range(25):
                number = NumberSequence.next_in("index:test/2024")
                with lock:
                    drawn.append(number)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(drawn) == list(range(1, 101))


def test_each_scope_counts_on_its_own(db: None) -> None:
    assert [NumberSequence.next_in("a"), NumberSequence.next_in("a"), NumberSequence.next_in("b")] == [1, 2, 1]
