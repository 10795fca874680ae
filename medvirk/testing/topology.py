"""The production topology on loopback, for the topology test: nginx (with the
repository's own ``deploy/nginx.conf``) in front of two app servers, one task worker,
PostgreSQL and Redis. Each part is a real process that a test can kill."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def nginx_executable() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2, context=insecure_tls()) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {seconds} s")
        time.sleep(0.2)


def insecure_tls() -> ssl.SSLContext:
    """The test's own self-signed certificate is not checked."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def opener(jar: CookieJar | None = None) -> urllib.request.OpenerDirector:
    """A client that keeps cookies and does not follow redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    handlers: list[Any] = [urllib.request.HTTPSHandler(context=insecure_tls()), NoRedirect()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


@dataclass
class Topology:
    """Start with :meth:`start`, stop with :meth:`stop`."""

    folder: Path
    admin_database_url: str
    redis_url: str
    app_ports: list[int] = field(default_factory=lambda: [free_port(), free_port()])
    https_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    database: str = field(default_factory=lambda: f"medvirk_topology_{secrets.token_hex(4)}")
    apps: list[subprocess.Popen[bytes]] = field(default_factory=list)
    worker: subprocess.Popen[bytes] | None = None
    nginx: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def database_url(self) -> str:
        parts = urlsplit(self.admin_database_url)
        return urlunsplit(parts._replace(path=f"/{self.database}"))

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST", "DJANGO_ALLOW_ASYNC"))
        }
        env.update(
            MEDVIRK_ENV="production",
            SECRET_KEY="topology-test-" + "k" * 40,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            ALLOWED_HOSTS="127.0.0.1",
            BEHIND_TLS_PROXY="true",
            TRUSTED_PROXIES="1",
            MEDVIRK_VAR_DIR=str(self.folder / "var"),
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        return env

    def medvirk(self, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{args[0]}-{len(list(self.folder.iterdir()))}.log", "wb")  # noqa: SIM115
        return subprocess.Popen(
            [sys.executable, "-m", "medvirk.cli", *args],
            env=self.env(),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,
        )

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_database_url, autocommit=True) as connection:
            connection.execute(sql)

    def start(self) -> None:
        self._psql(f'CREATE DATABASE "{self.database}"')
        for step in (["migrate"], ["demo", "--no-migrate"]):
            done = self.medvirk(*step)
            assert done.wait(timeout=600) == 0, f"medvirk {' '.join(step)} failed"
        collect = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=self.env(),
            cwd=REPO,
            capture_output=True,
        )
        assert collect.returncode == 0, collect.stderr.decode()[-2000:]
        for port in self.app_ports:
            self.apps.append(self.start_app(port))
        self.start_worker()
        self._start_nginx()
        for port in self.app_ports:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
        wait_until_up(self.base + "/healthz")

    def start_app(self, port: int) -> subprocess.Popen[bytes]:
        return self.medvirk(
            "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"
        )

    def start_worker(self) -> None:
        self.worker = self.medvirk("worker")

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL to the process and everything it started (gunicorn's workers)."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def _start_nginx(self) -> None:
        cert, key = self.folder / "cert.pem", self.folder / "key.pem"
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
                *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
            ],
            check=True,
            capture_output=True,
        )
        site = (REPO / "deploy" / "nginx.conf").read_text()
        site = site.replace("127.0.0.1:8001", f"127.0.0.1:{self.app_ports[0]}")
        site = site.replace("127.0.0.1:8002", f"127.0.0.1:{self.app_ports[1]}")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.http_port};")
        site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{self.https_port} ssl")
        site = site.replace("/etc/ssl/medvirk/fullchain.pem", str(cert))
        site = site.replace("/etc/ssl/medvirk/privkey.pem", str(key))
        site = site.replace("server_name medvirk.kommune.example;", "server_name 127.0.0.1;")
        # On a port other than 443 the Host header must keep the port (CSRF's origin check).
        site = site.replace("proxy_set_header Host $host;", "proxy_set_header Host $http_host;")
        temp = self.folder / "nginx"
        temp.mkdir()
        conf = temp / "nginx.conf"
        conf.write_text(
            f"worker_processes 1;\npid {temp}/nginx.pid;\nerror_log {temp}/error.log;\n"
            "daemon off;\nevents { worker_connections 256; }\nhttp {\n"
            "  log_format upstream '$status $request_uri $upstream_addr';\n"
            f"  access_log {temp}/upstream.log upstream;\n"
            + "".join(
                f"  {kind}_temp_path {temp}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + site
            + "\n}\n"
        )
        nginx = nginx_executable()
        assert nginx is not None
        self.nginx = subprocess.Popen(
            [nginx, "-p", str(temp), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=open(temp / "stderr.log", "wb"),  # noqa: SIM115
            start_new_session=True,
        )

    def stop(self) -> None:
        for process in [*self.apps, self.worker, self.nginx]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        try:
            self._psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except Exception as error:  # the test's result matters more than the clean-up
            print(f"topology database not dropped: {error}")


def main() -> int:
    """Start the whole topology on loopback from one command, until Ctrl+C:

    ``python -m medvirk.testing.topology --database-url postgres://USER@127.0.0.1/postgres
    --redis-url redis://127.0.0.1:6379/0``

    (a throw-away database is created beside the one named, and dropped at the end)."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description="Start the whole topology on loopback.")
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server to use")
    parser.add_argument("--redis-url", required=True, help="a Redis database to use")
    args = parser.parse_args()

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    with tempfile.TemporaryDirectory(prefix="medvirk-topology-") as folder:
        whole = Topology(Path(folder), args.database_url, args.redis_url)
        try:
            whole.start()
            print(
                f"medvirk: {whole.base}/ (nginx) in front of app servers on ports "
                f"{whole.app_ports}, a worker, PostgreSQL and Redis; Ctrl+C stops it all",
                flush=True,
            )
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            # A second Ctrl+C or SIGTERM must not cut the clean-up short.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            whole.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
