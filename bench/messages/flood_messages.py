#!/usr/bin/env python3
"""Posts citizens' messages at a fixed rate (open loop) for a number of seconds, each from a distinct contact.
Usage: flood_messages.py BASE_URL ITEM_ID RATE SECONDS → prints "sent accepted refused errors achieved_rate"."""
import http.client, sys, threading, time, urllib.parse

base, item, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
url = urllib.parse.urlparse(base)
lock = threading.Lock()
counts = {"sent": 0, "accepted": 0, "refused": 0, "errors": 0}

def post(n):
    body = urllib.parse.urlencode({
        "message": f"第{n}条测试留言：小区充电接口什么时候装好？",
        "contact": f"139{n:08d}",
        "kind": "problem",
        "consent": "on",
    })
    try:
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        conn.request("POST", f"/api/v1/items/{item}/messages", body, {"Content-Type": "application/x-www-form-urlencoded"})
        status = conn.getresponse().status
        conn.close()
        key = "accepted" if status == 201 else "refused"
    except Exception:
        key = "errors"
    with lock:
        counts[key] += 1

start = time.monotonic()
threads = []
n = 0
while (elapsed := time.monotonic() - start) < seconds:
    due = int(elapsed * rate) + 1
    while n < due:
        n += 1
        t = threading.Thread(target=post, args=(n,))
        t.start()
        threads.append(t)
    time.sleep(0.002)
for t in threads:
    t.join()
took = time.monotonic() - start
counts["sent"] = n
print(counts["sent"], counts["accepted"], counts["refused"], counts["errors"], f"{counts['accepted'] / took:.1f}")
