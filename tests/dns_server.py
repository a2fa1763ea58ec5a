"""A real authoritative DNS server (NSD from Debian) on a loopback port, for the tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import dns.message
import dns.query
import dns.rdatatype

HOST = "127.0.0.1"


def free_port() -> int:
    """A port free for both UDP and TCP on the loopback address."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((HOST, 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind((HOST, port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free loopback port")


class Nsd:
    """NSD serving ``zones`` (name -> zone text) on 127.0.0.1, transfers allowed to it."""

    binary = shutil.which("nsd") or ("/usr/sbin/nsd" if Path("/usr/sbin/nsd").exists() else None)

    def __init__(self, directory: Path, zones: dict[str, str]) -> None:
        self.directory = directory
        self.zones = zones
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"{HOST}:{self.port}"

    def start(self) -> None:
        entries = []
        for name, text in self.zones.items():
            (self.directory / f"{name}.zone").write_text(text)
            entries.append(f"zone:\n    name: {name}\n    zonefile: {name}.zone\n    provide-xfr: {HOST} NOKEY\n")
        d = self.directory
        (d / "nsd.conf").write_text(
            "server:\n"
            f"    ip-address: {HOST}\n    port: {self.port}\n    username: \"\"\n    chroot: \"\"\n"
            f"    zonesdir: \"{d}\"\n    database: \"\"\n    zonelistfile: \"{d}/zone.list\"\n"
            f"    xfrdfile: \"{d}/xfrd.state\"\n    xfrdir: \"{d}\"\n    pidfile: \"{d}/nsd.pid\"\n"
            f"    logfile: \"{d}/nsd.log\"\n    server-count: 1\n    hide-version: yes\n"
            "remote-control:\n    control-enable: no\n" + "".join(entries)
        )
        self.process = subprocess.Popen([self.binary, "-d", "-c", str(d / "nsd.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first = next(iter(self.zones))
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nsd exited: {(d / 'nsd.log').read_text() if (d / 'nsd.log').exists() else ''}")
            try:
                query = dns.message.make_query(f"{first}.", dns.rdatatype.SOA)
                if dns.query.udp(query, HOST, port=self.port, timeout=0.5).answer:
                    return
            except (dns.exception.Timeout, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("nsd did not answer within 15 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
