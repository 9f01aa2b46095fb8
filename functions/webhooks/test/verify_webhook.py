"""Verifies a Standard Webhooks message independently of the TypeScript that signed it.

Reads {"secret", "headers", "body"} as JSON on stdin and prints which verifier accepted it,
or exits 1. The official Python `standardwebhooks` package is used when it is installed;
otherwise the specification's construction, with the standard library only.
"""

import base64
import hashlib
import hmac
import json
import sys
import time

message = json.load(sys.stdin)
secret, headers, body = message["secret"], message["headers"], message["body"]

try:
    from standardwebhooks.webhooks import Webhook

    Webhook(secret).verify(body, headers)
    print("standardwebhooks")
except ImportError:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{body}".encode()
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    if abs(time.time() - int(headers["webhook-timestamp"])) > 300:
        sys.exit("timestamp too far from now")
    given = [s.split(",", 1)[1] for s in headers["webhook-signature"].split(" ") if s.startswith("v1,")]
    if not any(hmac.compare_digest(expected, s) for s in given):
        sys.exit("no valid signature")
    print("hmac")
