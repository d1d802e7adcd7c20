#!/usr/bin/env python3
"""Prints the CloudEvents batches the local service publishes to a webhook.

Add "Glance__Events__Webhooks__0": "http://127.0.0.1:9999/" to src/Glance.Functions/local.settings.json,
run this, then scripts/run.sh. Listens on 127.0.0.1 only; PORT overrides 9999.
"""
import http.server
import json
import os


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        for event in json.loads(body):
            print(json.dumps(event, indent=2), flush=True)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "9999"))), Handler).serve_forever()
