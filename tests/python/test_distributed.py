"""tlsready.distributed: scan_many over a Dask cluster (a LocalCluster of two worker processes on loopback,
one thread each) against the lab. The same documents as the local scan_many; a worker killed (SIGKILL)
in the middle of its chunk: the chunk runs again, every target comes back exactly once (through Dask's
own rescheduling, and through this module's resubmission after KilledWorker); break and Ctrl-C cancel the
chunks still running on the workers; `tlsready scan --dask-scheduler`; bad scheduler addresses; and no
cluster process is left behind."""

from __future__ import annotations

import _thread
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

import tlsready
from conftest import ROOT, address
from endpoints import TARPITS  # tests/lab/endpoints.py

distributed = pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")  # a dependency of distributed

import tlsready.distributed as on_dask  # noqa: E402

REFUSED = "127.0.0.1:1"
TIMING = {"elapsed_ms", "started_at"}  # differ from run to run
# dhe_needs_ffdhe's scripted server fails the full handshake with a different OpenSSL error text each time
# ("bad signature" or "padding check failed"): the check's status and reason are compared, not its detail.
VARYING_DETAIL = "dhe_needs_ffdhe"


_STARTED: dict[str, Any] = {}  # the cluster's processes and objects, for the last test


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.Client]:
    """Two worker processes (each under its nanny), one thread each, shared by the tests of this module;
    test_no_cluster_process_is_left_behind (the last one) closes it and looks for its processes."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    local = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                     dashboard_address=None)
    client = distributed.Client(local, set_as_default=False)
    _STARTED.update(local=local, client=client, before=before)
    try:
        yield client
    finally:
        client.close()
        local.close()


def _cluster_processes(before: set[int]) -> list[psutil.Process]:
    """Children of this process started with the cluster that are still running (not multiprocessing's
    resource tracker, which lives as long as this process)."""
    found = []
    for process in psutil.Process().children(recursive=True):
        try:
            if process.pid in before or process.status() == psutil.STATUS_ZOMBIE:
                continue
            if "resource_tracker" in " ".join(process.cmdline()):
                continue
            found.append(process)
        except psutil.NoSuchProcess:
            pass
    return found


def _wait_for_workers(client: distributed.Client, count: int = 2) -> None:
    client.wait_for_workers(count, timeout=30)


def _without_varying_detail(documents: dict[str, Any], lab: dict[str, Any]) -> None:
    varying = next(item for item in lab["endpoints"] if item["name"] == VARYING_DETAIL)
    documents[address(varying)]["checks"]["session"].pop("detail")


def _lab_targets(lab: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"target": address(item), "sni": item["sni"], "starttls": item["starttls"]} for item in lab["endpoints"]]


def _normalised(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items() if key not in TIMING}
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for key in sorted(set(a) | set(b)) for d in _differences(a.get(key), b.get(key), f"{path}.{key}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {str(a)[:120]} != {str(b)[:120]}"]


def _by_target(results: list[tlsready.EndpointResult]) -> dict[str, Any]:
    documents: dict[str, Any] = {}
    for result in results:
        assert result.target not in documents, f"{result.target} came back twice"
        documents[result.target] = _normalised(json.loads(result.to_json()))
    return documents


def _executing(client: distributed.Client) -> dict[str, list[str]]:
    """What each worker thread is running now (a cancelled task whose thread still runs counts)."""
    return client.run(lambda dask_worker: sorted(ts.key for ts in dask_worker.state.executing))


def test_the_cluster_gives_the_same_documents_as_the_local_scan(cluster: distributed.Client, lab: dict[str, Any]):
    """Every lab endpoint but the tarpits, whose documents say how far they got in their time budget (so
    they depend on the machine's load, not on where they were scanned)."""
    targets = [target for target, item in zip(_lab_targets(lab), lab["endpoints"]) if item["name"] not in TARPITS]
    options = {"timeout": 3, "ca_file": lab["ca_file"]}
    seen: list[tuple[int, int]] = []
    remote = list(on_dask.scan_many(targets, cluster, chunk_size=4, concurrency=4,
                                    progress=lambda done, total: seen.append((done, total)), **options))
    local = list(tlsready.scan_many(targets, concurrency=8, **options))
    assert len(remote) == len(local) == len(targets)
    assert seen == [(n, len(targets)) for n in range(1, len(targets) + 1)]
    remote_documents, local_documents = _by_target(remote), _by_target(local)
    _without_varying_detail(remote_documents, lab)
    _without_varying_detail(local_documents, lab)
    assert remote_documents.keys() == local_documents.keys()
    differ = {target: _differences(remote_documents[target], local_documents[target]) for target in local_documents
              if remote_documents[target] != local_documents[target]}
    assert not differ, f"documents differ: {differ}"


def test_executor_client_is_the_distributed_scan(cluster: distributed.Client, lab: dict[str, Any]):
    targets = [REFUSED, address(lab["endpoints"][0])]
    results = list(tlsready.scan_many(targets, executor=cluster, timeout=2, ca_file=lab["ca_file"], chunk_size=1))
    assert sorted(r.target for r in results) == sorted(targets)
    with pytest.raises(tlsready.InvalidArgumentError, match="client must be a distributed.Client"):
        tlsready.scan_many(targets, executor=object())


def test_indexed_scan_gives_each_targets_index(cluster: distributed.Client):
    targets = [REFUSED, "127.0.0.1:2", REFUSED]
    indexed = list(on_dask.indexed_scan(targets, cluster, timeout=1, chunk_size=2))
    assert sorted(index for index, _ in indexed) == [0, 1, 2]
    assert all(result.target == targets[index] for index, result in indexed)


@contextlib.contextmanager
def _own_cluster(**scheduler_kwargs: Any) -> Iterator[distributed.Client]:
    """A LocalCluster of its own (two worker processes), for a test that kills one; after it is closed,
    none of its processes (the restarted worker included) may be left."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    local = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                     dashboard_address=None, scheduler_kwargs=scheduler_kwargs)
    client = distributed.Client(local, set_as_default=False)
    try:
        yield client
    finally:
        client.close()
        local.close()
    deadline = time.monotonic() + 15
    while _cluster_processes(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _cluster_processes(before), [p.cmdline() for p in _cluster_processes(before)]


def _ten_targets(lab: dict[str, Any], silent: str) -> list[str]:
    """Ten targets for chunks of two: the silent listener holds chunk 0 for its 3 s step timeout."""
    fast = [address(item) for item in lab["endpoints"] if item["name"] in ("hostile_refused", "hostile_http",
                                                                          "hostile_garbage", "hostile_reset")]
    return [silent, REFUSED] + fast + [REFUSED] * 4


@contextlib.contextmanager
def _killing_the_worker_of_chunk_0(client: distributed.Client) -> Iterator[list[str]]:
    """While the body runs, the worker running chunk 0 (key ...-0-0) is killed (SIGKILL) in the middle
    of it. Yields the list that then holds the killed chunk's key."""
    killed: list[str] = []

    def kill_the_worker_scanning_chunk_0() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for worker, keys in _executing(client).items():
                if any(key.endswith("-0-0") for key in keys):
                    time.sleep(0.5)  # well inside the scan of the silent endpoint
                    pid = client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    killed.append([key for key in keys if key.endswith("-0-0")][0])
                    return
            time.sleep(0.05)

    client.wait_for_workers(2, timeout=60)
    killer = threading.Thread(target=kill_the_worker_scanning_chunk_0)
    killer.start()
    try:
        yield killed
    finally:
        killer.join()
    assert killed, "chunk 0 was never seen running"


def _kill_mid_chunk_and_scan(client: distributed.Client, lab: dict[str, Any],
                             silent: str) -> tuple[list[tuple[int, tlsready.EndpointResult]], list[str], str]:
    """Scans ten targets in chunks of two while the worker running chunk 0 is killed. Returns the results,
    the targets, and the key a resubmission of chunk 0 would have."""
    targets = _ten_targets(lab, silent)
    with _killing_the_worker_of_chunk_0(client) as killed:
        results = list(on_dask.indexed_scan(targets, client, timeout=3, chunk_size=2, concurrency=2))
    assert sorted(index for index, _ in results) == list(range(len(targets)))  # each exactly once
    assert [result.target for index, result in sorted(results, key=lambda pair: pair[0])] == targets
    silent_result = next(result for index, result in results if index == 0)
    assert silent_result.error_kind is not None  # it was scanned (again) to its timeout, not dropped
    return results, targets, killed[0][:-1] + "1"


def _story_length(client: distributed.Client, key: str) -> int:
    return int(client.run_on_scheduler(lambda dask_scheduler, key=key: len(dask_scheduler.story(key))))


def test_a_killed_worker_s_chunk_given_up_by_the_scheduler_is_resubmitted(lab: dict[str, Any], silent: str):
    """allowed-failures 0: the scheduler gives up on the chunk at once (KilledWorker) and
    tlsready.distributed submits it again (key ...-0-1); nothing lost, nothing twice."""
    with _own_cluster(allowed_failures=0) as client:
        _, _, resubmitted = _kill_mid_chunk_and_scan(client, lab, silent)
        assert _story_length(client, resubmitted) > 0


def test_a_chunk_lost_after_every_retry_is_reported_with_every_result_that_finished(lab: dict[str, Any],
                                                                                  silent: str):
    """allowed-failures 0 and retries 0: chunk 0 is lost when its worker dies, and so is any chunk the
    scheduler had already queued on that worker. The other chunks' results are yielded; the end raises
    WorkerLostError naming exactly the targets without a result (chunk 0's among them) and carrying every
    result yielded: together, each target once."""
    targets = _ten_targets(lab, silent)
    yielded: list[tuple[int, tlsready.EndpointResult]] = []
    with _own_cluster(allowed_failures=0) as client:
        with _killing_the_worker_of_chunk_0(client):
            with pytest.raises(on_dask.WorkerLostError) as caught:
                for pair in on_dask.indexed_scan(targets, client, timeout=3, chunk_size=2, concurrency=2, retries=0):
                    yielded.append(pair)
    lost = caught.value
    lost_indexes = [index for index, _ in lost.targets]
    assert lost.targets[:2] == [(0, targets[0]), (1, targets[1])]
    assert all(target == targets[index] for index, target in lost.targets)
    assert len(lost_indexes) % 2 == 0 and len(lost_indexes) < len(targets)  # whole chunks of two
    assert sorted(lost_indexes + [index for index, _ in yielded]) == list(range(len(targets)))  # each once
    assert sorted(result.target for result in lost.results) == sorted(result.target for _, result in yielded)
    assert str(lost).startswith(f"{len(lost_indexes)} target(s) not scanned: the Dask workers running them died "
                                "after every retry (0: ")
    assert isinstance(lost, tlsready.Error)


def test_break_cancels_the_chunks_running_on_the_workers(cluster: distributed.Client, silent: str):
    _wait_for_workers(cluster)
    started = time.monotonic()
    results = on_dask.scan_many([REFUSED, silent, silent], cluster, timeout=30, chunk_size=1)
    for result in results:
        assert result.target == REFUSED
        break
    results.close()  # what the for loop's end does to the generator (CPython does it on the drop too)
    deadline = time.monotonic() + 5
    while any(_executing(cluster).values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_executing(cluster).values()), "the silent endpoints' chunks still run"
    assert time.monotonic() - started < 8  # far before their 30 s step timeout
    assert not cluster.processing() or not any(cluster.processing().values())


def test_ctrl_c_raises_scan_interrupted_with_what_finished(cluster: distributed.Client, silent: str):
    _wait_for_workers(cluster)
    got: list[str] = []
    timers: list[threading.Timer] = []

    def interrupt_soon(done: int, total: int) -> None:  # Ctrl-C 0.3 s after the first result
        timers.append(threading.Timer(0.3, _thread.interrupt_main))
        timers[-1].start()

    try:
        with pytest.raises(tlsready.ScanInterruptedError) as raised:
            for result in on_dask.scan_many([REFUSED, silent], cluster, timeout=30, chunk_size=1,
                                            progress=interrupt_soon):
                got.append(result.target)
    finally:
        for timer in timers:
            timer.cancel()
    assert [r.target for r in raised.value.results] == got == [REFUSED]
    deadline = time.monotonic() + 5
    while any(_executing(cluster).values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_executing(cluster).values())


@pytest.mark.parametrize("bad, words", [
    ({"chunk_size": 0}, "chunk_size must be an integer"),
    ({"retries": -1}, "retries must be an integer"),
    ({"timeout": 0}, "timeout"),
    ({"colour": True}, "unknown scan option.*colour"),
])
def test_bad_arguments_raise_at_the_call_naming_them(cluster: distributed.Client, bad: dict, words: str):
    with pytest.raises(tlsready.InvalidArgumentError, match=words):
        on_dask.scan_many([REFUSED], cluster, **bad)


def test_a_bad_target_raises_at_the_call_before_anything_is_submitted(cluster: distributed.Client):
    with pytest.raises(tlsready.InvalidArgumentError, match="gopher://127.0.0.1"):
        on_dask.scan_many([REFUSED, "gopher://127.0.0.1"], cluster)
    with pytest.raises(tlsready.InvalidArgumentError, match="a target is text, not bytes"):
        on_dask.scan_many(b"127.0.0.1:1", cluster)


def test_a_bad_dict_target_raises_the_workers_invalid_argument_error(cluster: distributed.Client):
    with pytest.raises(tlsready.InvalidArgumentError, match="port"):
        list(on_dask.scan_many([{"host": "127.0.0.1", "port": 70000}], cluster))


def test_a_worker_with_another_tlsready_refuses_the_chunk():
    from tlsready._distributed_worker import scan_chunk

    with pytest.raises(on_dask.WorkerVersionError, match=f"this worker has tlsready {tlsready.__version__} and the "
                                                         "client 0.0.0-other"):
        scan_chunk(0, "[]", "{}", "0.0.0-other")


def _run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tlsready", *args], capture_output=True, text=True, timeout=timeout,
                          env=env)


def test_cli_scans_on_the_cluster_with_input_file_jsonl_and_resume(cluster: distributed.Client,
                                                                   lab: dict[str, Any], tmp_path: Path):
    _wait_for_workers(cluster)
    names = ("tls13_only", "tls12_13_server_pref", "hostile_refused", "tls10_legacy_3des_rc4")
    targets = [address(item) for item in lab["endpoints"] if item["name"] in names]
    listing = tmp_path / "targets.txt"
    listing.write_text("# estate\n" + "\n".join(targets[:2]) + "\n")
    output = tmp_path / "results.jsonl"
    scheduler = cluster.scheduler_info()["address"]
    first = _run_cli("scan", "-i", str(listing), "--jsonl", "-o", str(output), "--sni", "localhost", "--timeout", "2",
                     "--ca-file", lab["ca_file"], "--dask-scheduler", scheduler)
    assert first.returncode == 0, first.stderr
    streamed = [json.loads(line) for line in first.stdout.splitlines()]
    assert sorted(f"{d['target']['host']}:{d['target']['port']}" for d in streamed) == sorted(targets[:2])
    listing.write_text("\n".join(targets) + "\n")
    resumed = _run_cli("scan", "-i", str(listing), "--jsonl", "-o", str(output), "--resume", "--sni", "localhost",
                       "--timeout", "2", "--ca-file", lab["ca_file"], "--dask-scheduler", scheduler)
    assert resumed.returncode == 3, resumed.stderr  # hostile_refused could not be scanned
    assert "2 of 4 targets already have a result" in resumed.stderr
    written = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(f"{d['target']['host']}:{d['target']['port']}" for d in written) == sorted(targets)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("scheduler, status, words", [
    ("foo://127.0.0.1:8786", 2, "Dask scheduler address 'foo://127.0.0.1:8786': unknown address scheme 'foo'"),
    ("closed", 3, "no Dask scheduler at 'tcp://127.0.0.1:"),
])
def test_cli_bad_scheduler_address_is_a_clear_error(scheduler: str, status: int, words: str):
    if scheduler == "closed":
        scheduler = f"tcp://127.0.0.1:{_closed_port()}"
    run = _run_cli("scan", REFUSED, "--dask-scheduler", scheduler, timeout=60)
    assert run.returncode == status, run.stderr
    assert words in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize("scheduler, words", [
    ("", "Dask scheduler address must be"),
    ("127.0.0.1:notaport", "Dask scheduler address '127.0.0.1:notaport'"),
    ("nohost", "Dask scheduler address 'nohost': missing port number"),
])
def test_a_malformed_scheduler_address_is_an_invalid_argument(scheduler: str, words: str):
    with pytest.raises(tlsready.InvalidArgumentError, match=words):
        on_dask.connect(scheduler)


def test_a_listener_that_is_not_a_scheduler_is_unreachable(silent: str):
    started = time.monotonic()
    with pytest.raises(on_dask.SchedulerUnreachableError, match=f"no Dask scheduler at 'tcp://{silent}'"):
        on_dask.connect(f"tcp://{silent}", timeout=1)
    assert time.monotonic() - started < 5


def test_cli_without_distributed_says_what_to_install(tmp_path: Path):
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "distributed.py").write_text("raise ImportError('No module named distributed')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(shadow), os.environ.get("PYTHONPATH")])))
    run = _run_cli("scan", REFUSED, "--dask-scheduler", "tcp://127.0.0.1:8786", env=env)
    assert run.returncode == 2, run.stderr
    assert "--dask-scheduler needs the Python package 'distributed'" in run.stderr
    assert "Traceback" not in run.stderr


def test_importing_tlsready_imports_neither_dask_nor_distributed():
    code = ("import sys, tlsready, tlsready.cli, tlsready._distributed_worker; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pandas', "
            "'matplotlib')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=str(ROOT))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_worker_side_scans_a_chunk_with_only_tlsready(tmp_path: Path):
    """What a Dask worker runs, in a process where dask and distributed cannot be imported at all."""
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    for name in ("dask", "distributed", "pandas"):
        (shadow / f"{name}.py").write_text(f"raise ImportError('{name} is not installed here')\n")
    code = ("import json; from tlsready._distributed_worker import scan_chunk; "
            "from tlsready._scan import __version__, _options, _targets; "
            "print(json.dumps(scan_chunk(5, _targets(['127.0.0.1:1', '127.0.0.1:2'], None, None), "
            "_options(1, 2, None, True, True, True, True), __version__)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(shadow),
                                                                                       os.environ.get("PYTHONPATH")]))))
    assert run.returncode == 0, run.stderr
    chunk = json.loads(run.stdout)
    assert sorted(index for index, _ in chunk) == [5, 6]
    assert {json.loads(document)["error"]["kind"] for _, document in chunk} == {"connection_refused"}


def test_a_killed_worker_s_chunk_is_rescheduled_by_dask(cluster: distributed.Client, lab: dict[str, Any],
                                                        silent: str):
    """Dask's default (allowed-failures 3): the scheduler reruns the chunk on the other worker; tlsready
    has nothing to resubmit. Second to last: the nanny's restart of the killed worker may still be under
    way when the next test closes the cluster."""
    _, _, resubmitted = _kill_mid_chunk_and_scan(cluster, lab, silent)
    assert _story_length(cluster, resubmitted) == 0


def test_no_cluster_process_is_left_behind(cluster: distributed.Client):
    """Last in this module: closing the client and the LocalCluster ends every worker process, including
    the one the nanny restarted after the kill test."""
    workers = cluster.run(os.getpid)
    assert workers
    before = _STARTED["before"]
    assert {p.pid for p in _cluster_processes(before)} >= set(workers.values())
    cluster.close()
    _STARTED["local"].close()
    deadline = time.monotonic() + 15
    while _cluster_processes(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _cluster_processes(before), [p.cmdline() for p in _cluster_processes(before)]
