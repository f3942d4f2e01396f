#!/usr/bin/env python3
"""A loopback SMTP catcher standing in for Mailpit in scripts/smoke-topology.sh:

    smtp-catcher.py PORT OUT_DIR

Accepts every message (no TLS, no authentication needed; AUTH is accepted as Mailpit does with
MP_SMTP_AUTH_ACCEPT_ANY) and writes each one to OUT_DIR/<n>.eml. Standard library only (smtpd is
gone from Python 3.12).
"""
import os
import socketserver
import sys
import threading

counter = threading.Lock()
sequence = [0]


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))

    def handle(self):
        self.reply("220 smtp-catcher ready")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-smtp-catcher\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SMTPUTF8\r\n")
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "AUTH":
                self.auth(command)
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                self.save(self.read_data())
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")

    def auth(self, command):
        parts = command.split()
        if len(parts) >= 2 and parts[1].upper() == "LOGIN":
            for _ in range(2 if len(parts) == 2 else 1):
                self.reply("334 VXNlcm5hbWU6")
                self.rfile.readline()
        elif len(parts) == 2:
            self.reply("334 ")
            self.rfile.readline()
        self.reply("235 accepted")

    def read_data(self):
        lines = []
        while True:
            raw = self.rfile.readline()
            if not raw or raw in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(raw[1:] if raw.startswith(b"..") else raw)

    def save(self, message):
        with counter:
            sequence[0] += 1
            n = sequence[0]
        path = os.path.join(self.server.out_dir, f"{n:04d}.eml")
        with open(path, "wb") as f:
            f.write(message)
        print(f"message {n}: {len(message)} bytes -> {path}", flush=True)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    port, out_dir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    with Server(("127.0.0.1", port), Session) as server:
        server.out_dir = out_dir
        print(f"smtp-catcher on 127.0.0.1:{port}, messages to {out_dir}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
