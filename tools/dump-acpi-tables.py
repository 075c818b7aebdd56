#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Dumps the ACPI tables QEMU+SeaBIOS build for a machine type, for the host ACPI parser tests.
#
# QEMU is started with no kernel, so SeaBIOS builds the tables in RAM and then fails to boot.
# We poll guest memory over QMP (pmemsave) until a valid RSDP shows up in the BIOS area, stop
# the guest, follow RSDP -> RSDT/XSDT -> tables (and FADT -> DSDT/FACS), and write each table as
# <sig>.bin plus a manifest `tables.txt` of "file phys_addr_hex length" lines. Only the tables
# are kept, so the output is a few KiB.
#
# Usage: tools/dump-acpi-tables.py --machine pc --out tests/host/data/acpi/pc
# Software emulation only (TCG): no hardware acceleration, the dumps must not depend on the host.
import argparse
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = b""
        self._recv()  # greeting
        self.cmd("qmp_capabilities")

    def _recv(self):
        while True:
            nl = self.buf.find(b"\n")
            if nl >= 0:
                line, self.buf = self.buf[:nl], self.buf[nl + 1:]
                msg = json.loads(line)
                if "event" in msg:
                    continue  # asynchronous events are not replies
                return msg
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("QMP connection closed")
            self.buf += chunk

    def cmd(self, name, **args):
        self.sock.sendall(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        reply = self._recv()
        if "error" in reply:
            raise RuntimeError(f"QMP {name}: {reply['error']}")
        return reply.get("return")


class GuestMemory:
    def __init__(self, qmp, tmpdir):
        self.qmp = qmp
        self.path = os.path.join(tmpdir, "chunk.bin")

    def read(self, phys, length):
        self.qmp.cmd("pmemsave", val=phys, size=length, filename=self.path)
        with open(self.path, "rb") as f:
            data = f.read()
        if len(data) != length:
            raise RuntimeError(f"short read at {phys:#x}")
        return data


def checksum_ok(data):
    return sum(data) & 0xFF == 0


def find_rsdp(mem):
    # Same places the kernel searches: the first KiB of the EBDA, then 0xE0000-0xFFFFF.
    ebda = struct.unpack("<H", mem.read(0x40E, 2))[0] << 4
    regions = [(ebda, 1024)] if ebda else []
    regions.append((0xE0000, 0x20000))
    for base, size in regions:
        blob = mem.read(base, size)
        for off in range(0, size - 20, 16):
            if blob[off:off + 8] == b"RSD PTR " and checksum_ok(blob[off:off + 20]):
                return base + off
    return None


def read_table(mem, phys):
    header = mem.read(phys, 36)
    length = struct.unpack_from("<I", header, 4)[0]
    data = mem.read(phys, length)
    if not checksum_ok(data):
        raise RuntimeError(f"bad checksum in {data[:4]!r} at {phys:#x}")
    return data


def dump(mem, out):
    rsdp_phys = find_rsdp(mem)
    if rsdp_phys is None:
        return False
    rsdp = mem.read(rsdp_phys, 36)
    revision = rsdp[15]
    if revision < 2:
        rsdp = rsdp[:20]
    entries = [("rsdp.bin", rsdp_phys, rsdp)]

    def add(phys, data):
        name = data[:4].decode("ascii").lower() + ".bin"
        if any(e[0] == name for e in entries):
            name = f"{name[:4]}-{phys:x}.bin"  # e.g. several SSDTs
        entries.append((name, phys, data))

    rsdt_phys = struct.unpack_from("<I", rsdp, 16)[0]
    add(rsdt_phys, read_table(mem, rsdt_phys))
    roots = [(entries[-1][2], 4)]
    if revision >= 2:
        xsdt_phys = struct.unpack_from("<Q", rsdp, 24)[0]
        if xsdt_phys:
            add(xsdt_phys, read_table(mem, xsdt_phys))
            roots.append((entries[-1][2], 8))

    seen = set()
    for root, width in roots:
        for off in range(36, len(root), width):
            phys = int.from_bytes(root[off:off + width], "little")
            if phys in seen:
                continue
            seen.add(phys)
            table = read_table(mem, phys)
            add(phys, table)
            if table[:4] == b"FACP":
                dsdt = struct.unpack_from("<I", table, 40)[0]
                if len(table) >= 148:
                    dsdt = struct.unpack_from("<Q", table, 140)[0] or dsdt
                add(dsdt, read_table(mem, dsdt))
                # The FACS has no checksum and its length sits at the same offset.
                facs = struct.unpack_from("<I", table, 36)[0]
                if facs:
                    flen = struct.unpack_from("<I", mem.read(facs, 8), 4)[0]
                    add(facs, mem.read(facs, flen))

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "tables.txt"), "w") as manifest:
        manifest.write("# file phys_addr length (dumped by tools/dump-acpi-tables.py)\n")
        for name, phys, data in entries:
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
            manifest.write(f"{name} {phys:#x} {len(data)}\n")
            print(f"{name:16} {phys:#010x} {len(data):6} bytes")
    return True


def main():
    ap = argparse.ArgumentParser(description="Dump the ACPI tables QEMU+SeaBIOS build.")
    ap.add_argument("--machine", default="pc")
    ap.add_argument("--out", required=True)
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--smp", default="2")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, "qmp.sock")
        cmd = [args.qemu, "-M", args.machine, "-cpu", "max", "-m", args.mem, "-smp", args.smp,
               "-display", "none", "-serial", "null", "-monitor", "none", "-net", "none",
               "-no-reboot", "-qmp", f"unix:{sock},server=on,wait=off"]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + args.timeout
            while not os.path.exists(sock):
                if proc.poll() is not None or time.monotonic() > deadline:
                    sys.exit("qemu did not start")
                time.sleep(0.1)
            qmp = Qmp(sock)
            mem = GuestMemory(qmp, tmp)
            while True:
                # SeaBIOS writes the RSDP last, after every table it points to.
                time.sleep(1.0)
                qmp.cmd("stop")
                if dump(mem, args.out):
                    break
                if time.monotonic() > deadline:
                    sys.exit("no RSDP found before the timeout")
                qmp.cmd("cont")
            qmp.cmd("quit")
        finally:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
