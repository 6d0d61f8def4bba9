"""A hostile client of the partition socket for Firmware.Tests/Protocol/ConnectionSlotTests.

Usage: python3 idle_clients.py SOCKET N
Opens N connections one after the other, sends a Hello (Docs/secure-partition.md: 53 50 01 01, request id,
body length 0) on each and reads one answer: a Hello answer (type 0x81) means the connection is served and it
is kept open, idle; an error frame (type 0x7F) is counted by its code and closed; a connect or read failure is
counted by its errno. Prints one JSON line {"served": n, "refused": {code: n}, "failed": {errno: n}} and then
holds the served connections until its standard input closes.
"""
import json
import socket
import struct
import sys


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise ConnectionResetError(104, "closed")
        data += chunk
    return data


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    held, refused, failed = [], {}, {}
    for i in range(count):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(30)
        try:
            s.connect(path)
            s.sendall(struct.pack(">2sBBII", b"SP", 1, 1, i + 1, 0))
            _, _, kind, _, length = struct.unpack(">2sBBII", read_exactly(s, 12))
            body = read_exactly(s, length)
            if kind == 0x81:
                held.append(s)
                continue
            code = str(struct.unpack(">H", body[:2])[0]) if kind == 0x7F else "type" + hex(kind)
            refused[code] = refused.get(code, 0) + 1
        except OSError as e:
            failed[str(e.errno)] = failed.get(str(e.errno), 0) + 1
        s.close()
    print(json.dumps({"served": len(held), "refused": refused, "failed": failed}), flush=True)
    sys.stdin.read()


main()
