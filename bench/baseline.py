#!/usr/bin/env python3
"""What a user would write instead of nxcdp: sign per API.md, walk the cursor, print JSON lines.

Standard library only. Reads NXCDP_BASE_URL, NXCDP_ACCESS_KEY, NXCDP_ACCESS_SECRET,
NXCDP_TENANT_ID and NXCDP_APP_KEY (the lines `nxcdp sandbox` prints). Also the independent
client that tests check the sandbox against.
"""
import hashlib, json, os, sys, time, urllib.request

env = os.environ
base, key, secret = env["NXCDP_BASE_URL"], env["NXCDP_ACCESS_KEY"], env["NXCDP_ACCESS_SECRET"]
tenant, app_key = int(env["NXCDP_TENANT_ID"]), env["NXCDP_APP_KEY"]

after = None
out = sys.stdout
while True:
    query = {"tenant_id": tenant, "app_key": app_key, "limit": 50}
    if after is not None:
        query["after"] = after
    body = json.dumps(query, separators=(",", ":"), ensure_ascii=False).encode()
    ts = str(int(time.time() * 1000))
    plain = f"accessKey={key}&action=mt&bizType=2&ts={ts}".encode() + b"&body=" + body
    sign = hashlib.md5(plain + f"&accessSecret={secret}".encode()).hexdigest()
    req = urllib.request.Request(
        base + "/saas/cdp/openapi/customers/query", data=body, method="POST",
        headers={"Content-Type": "application/json", "accessKey": key, "ts": ts,
                 "bizType": "2", "action": "mt", "sign": sign})
    with urllib.request.urlopen(req) as resp:
        answer = json.load(resp)  # Python ints are exact: ids above 2^53 survive
    if answer["code"] != 0:
        sys.exit(f"API error {answer['code']}: {answer['message']}")
    for customer in answer["data"]["customer_list"]:
        out.write(json.dumps(customer, ensure_ascii=False, separators=(",", ":")) + "\n")
    after = answer["data"]["paging"]["next"]
    if after is None:
        break
