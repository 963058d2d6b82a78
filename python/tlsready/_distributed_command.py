"""`tlsready scan --dask-scheduler ADDR`: the scan run on a Dask cluster (tlsready.distributed), imported
only when the flag is given, so the CLI does not load Dask otherwise."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Callable

from tlsready._errors import InvalidArgumentError, ScanInterruptedError

if TYPE_CHECKING:
    from tlsready._results import EndpointResult

CONNECT_SECONDS = 10.0


def add_scan_arguments(scan_cmd: argparse.ArgumentParser) -> None:
    scan_cmd.add_argument("--dask-scheduler", metavar="ADDR",
                          help="scan on a Dask cluster: chunks of targets go to the workers of the scheduler at ADDR "
                               "(tcp://host:8786), which need tlsready installed; results stream back as chunks "
                               "finish (needs the 'distributed' package here: pip install 'tlsready[dask]')")


def scan_on_cluster(args: argparse.Namespace, on_indexed_result: Callable[[int, EndpointResult], None]) -> None:
    """Scans args.targets on the cluster at args.dask_scheduler and calls ``on_indexed_result(index, result)``
    as they come. A bad address is an InvalidArgumentError (exit 2); no scheduler there, or targets lost
    with their workers, raise SchedulerUnreachableError / WorkerLostError (exit 3); Ctrl-C and SIGTERM,
    ScanInterruptedError."""
    try:
        from tlsready import distributed as on_dask
    except ImportError as error:
        raise InvalidArgumentError(f"--dask-scheduler needs the Python package 'distributed' ({error}): "
                                   "pip install 'tlsready[dask]', or apt install python3-distributed") from None
    client = on_dask.connect(args.dask_scheduler, timeout=CONNECT_SECONDS)
    try:
        results = on_dask.indexed_scan(args.targets, client, sni=args.sni, starttls=args.starttls,
                                       timeout=args.timeout, concurrency=args.concurrency, ca_file=args.ca_file,
                                       use_system_trust_store=not args.no_system_trust,
                                       endpoint_timeout=args.endpoint_timeout,
                                       connections_per_endpoint=args.connections_per_endpoint)
        try:
            for index, result in results:
                on_indexed_result(index, result)
        except ScanInterruptedError:
            raise
        except KeyboardInterrupt:  # while the callback wrote a result: interrupted all the same
            raise ScanInterruptedError([]) from None
        finally:
            results.close()  # cancels what is still on the cluster
    finally:
        on_dask._close_client(client)
