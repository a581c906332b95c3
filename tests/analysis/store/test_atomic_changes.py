"""Every change of the store is atomic: a kill at any step of compaction leaves a loadable store,
damage left by older versions is reported and repaired, and only one writer works at a time."""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from analysis.build import build_store, compact_store, repair_store
from analysis.ingest import make_article
from analysis.store import StoreBusy, list_batches, load_corpus, store_problems, writer_lock

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ARTICLES = [make_article(f"Minister {name} said on Monday that talks with {country} would resume.", name)
            for name, country in [("Schmidt", "France"), ("Rossi", "Germany"), ("Novak", "Poland")]]

# Run in a fresh interpreter: compact the store, but die like kill -9 (no cleanup, no finally)
# at the STEP-th call of any file-system change compaction makes.
KILLED_COMPACTION = """
import os, sys
from analysis.store import compact_store
step, calls = int(sys.argv[2]), [0]
def dying(real):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == step:
            os._exit(9)
        return real(*args, **kwargs)
    return call
for name in ("rename", "unlink", "rmdir", "mkdir", "replace"):
    setattr(os, name, dying(getattr(os, name)))
compact_store(sys.argv[1])
print(calls[0])
"""


@pytest.fixture(scope="module")
def three_batch_store(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("store") / "three")
    build_store(path, ARTICLES, batch_size=1)
    assert len(list_batches(path)) == 3
    return path


def _articles(path):
    return sorted(load_corpus(path).articles["article_id"])


def _killed_compaction(path, step):
    return subprocess.run([sys.executable, "-c", KILLED_COMPACTION, path, str(step)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_a_kill_at_every_step_of_compaction_leaves_a_loadable_store(three_batch_store, tmp_path):
    expected = _articles(three_batch_store)
    step, finished = 1, False
    while not finished:
        store = str(tmp_path / f"step{step}")
        shutil.copytree(three_batch_store, store)
        result = _killed_compaction(store, step)
        finished = result.returncode == 0
        assert finished or result.returncode == 9, result.stderr[-2000:]
        assert _articles(store) == expected, f"killed at step {step}"
        assert store_problems(store) == []
        build_store(store, [])  # the next writer cleans up after the killed one
        assert not [n for n in os.listdir(store) if n.startswith((".tmp-", ".trash-"))]
        compact_store(store)
        assert len(list_batches(store)) == 1 and _articles(store) == expected
        step += 1
    assert step > 10, "compaction makes more than ten changes: every one of them was interrupted once"


def test_damage_from_an_older_version_is_reported_and_repaired(three_batch_store, tmp_path):
    store = str(tmp_path / "damaged")
    shutil.copytree(three_batch_store, store)
    damaged = list_batches(store)[0]
    os.unlink(os.path.join(store, "batches", damaged, "quotes.parquet"))  # an old compaction killed mid-delete
    assert len(_articles(store)) == 2  # loads, without the damaged batch
    assert [damaged in problem for problem in store_problems(store)] == [True]
    cli = subprocess.run([sys.executable, "-m", "analysis", "repair", "--out", store], cwd=REPO,
                         capture_output=True, text=True)
    assert cli.returncode == 0 and "1 incomplete batches set aside" in cli.stderr
    assert store_problems(store) == [] and os.path.isdir(os.path.join(store, ".broken-" + damaged))
    assert repair_store(store).set_aside == ()
    assert build_store(store, ARTICLES).analysed == 1  # the lost article comes back
    assert _articles(store) == _articles(three_batch_store)


HOLD_LOCK = """
import sys, time
from analysis.store import writer_lock
with writer_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(120)
"""


def _holder(store):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, store], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_one_writer_at_a_time_and_a_killed_writer_leaves_no_lock(tmp_path):
    store = str(tmp_path / "s")
    build_store(store, ARTICLES[:1])
    in_progress = os.path.join(store, ".tmp-123-inprogress")
    os.makedirs(in_progress)  # a temporary batch of the writer holding the lock
    holder = _holder(store)
    try:
        with pytest.raises(StoreBusy, match=f"process {holder.pid}"):
            build_store(store, ARTICLES)
        with pytest.raises(StoreBusy):
            compact_store(store)
        assert os.path.isdir(in_progress), "a second writer must not delete the first one's work"
        cli = subprocess.run([sys.executable, "-m", "analysis", "build", "--out", store], cwd=REPO,
                             capture_output=True, text=True)
        assert cli.returncode == 1 and "is being written by process" in cli.stderr
        assert "Traceback" not in cli.stderr
        assert len(_articles(store)) == 1  # readers are never blocked
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert build_store(store, ARTICLES).analysed == 2  # no stale lock after kill -9
    assert not os.path.exists(in_progress)


def test_the_lock_is_released_after_an_error_inside(tmp_path):
    store = str(tmp_path / "s")
    with pytest.raises(ValueError), writer_lock(store):
        raise ValueError("a failing build")
    with writer_lock(store):  # StoreBusy here if the lock had stayed
        pass
