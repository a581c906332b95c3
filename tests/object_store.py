"""A local S3-compatible server for tests (moto's server mode on a free port; no network).

:func:`s3_server` starts it, points the usual AWS variables at it (the S3 client reads them,
as it would in a deployment) and creates a bucket; the variables and fsspec's cached S3
clients are restored on exit.
"""

import contextlib
import socket

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def s3_server(bucket: str):
    """Yield the environment variables of a running local S3 server holding an empty ``bucket``."""
    moto_server = pytest.importorskip("moto.server")
    s3fs = pytest.importorskip("s3fs")
    from analysis.store.fs import remote

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    _host, port = server.get_host_and_port()
    env = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "test",
           "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}
    try:
        with pytest.MonkeyPatch.context() as patch:
            for key, value in env.items():
                patch.setenv(key, value)
            s3fs.S3FileSystem.clear_instance_cache()  # a client cached for another endpoint
            filesystem, _root = remote(f"s3://{bucket}")
            filesystem.mkdir(bucket)
            yield env
            s3fs.S3FileSystem.clear_instance_cache()
    finally:
        server.stop()
