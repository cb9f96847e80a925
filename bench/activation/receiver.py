"""A webhook receiver for bench/activation: checks each delivery's signature, drops repeated delivery ids, counts
the events, and answers GET /count with {"events", "deliveries", "first", "last"} (times in epoch seconds)."""
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, SECRET = int(sys.argv[1]), sys.argv[2].encode()
state = {"events": 0, "deliveries": 0, "first": None, "last": None, "bad": 0}
seen = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        t, v1 = (part.split("=", 1)[1] for part in self.headers["X-Segments-Signature"].split(","))
        ok = hmac.compare_digest(hmac.new(SECRET, t.encode() + b"." + body, hashlib.sha256).hexdigest(), v1)
        delivery = json.loads(body)
        with lock:
            now = time.time()
            if not ok:
                state["bad"] += 1
            elif delivery["id"] not in seen:
                seen.add(delivery["id"])
                state["deliveries"] += 1
                state["events"] += len(delivery["events"])
                state["first"] = state["first"] or now
                state["last"] = now
        self.send_response(200 if ok else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            answer = json.dumps(state).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
