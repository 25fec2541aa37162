#!/usr/bin/env python3
"""Opens N idle client connections to a PostgreSQL port and holds them until stdin closes.

Mode "tcp": connect only (no startup packet): what an idle, not yet authenticated client costs the proxy.
Mode "login": send a StartupMessage (trust auth) and wait for ReadyForQuery: a logged-in idle session.
Prints "ready <n>" once all connections are up, so the caller can measure, then holds them.
"""
import socket
import struct
import sys


def startup(sock, user, database):
    params = b"user\0" + user.encode() + b"\0database\0" + database.encode() + b"\0\0"
    sock.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
    buf = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("connection closed during startup")
        buf += chunk
        # Walk the messages; stop at ReadyForQuery ('Z'), fail on ErrorResponse ('E').
        while len(buf) >= 5:
            t = buf[0:1]
            (n,) = struct.unpack("!i", buf[1:5])
            if len(buf) < 1 + n:
                break
            if t == b"E":
                raise RuntimeError("server refused the login: " + buf[5:1 + n].replace(b"\0", b" ").decode(errors="replace"))
            if t == b"Z":
                return
            buf = buf[1 + n:]


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: idle-clients.py PORT COUNT tcp|login [USER] [DATABASE]\n")
        return 2
    port, count, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    user = sys.argv[4] if len(sys.argv) > 4 else "postgres"
    database = sys.argv[5] if len(sys.argv) > 5 else "postgres"
    socks = []
    for i in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        if mode == "login":
            startup(s, user, database)
        socks.append(s)
    print("ready", len(socks), flush=True)
    sys.stdin.read()
    for s in socks:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
