"""flood_urls.py PORT KIND FIRST COUNT: sends COUNT distinct long URLs (numbered from FIRST) to the app on
127.0.0.1:PORT over 4 keep-alive connections, and prints the status counts.

  probe  the black-box probe's URLs: /programs/jinnan-2025?q=<2,150 × 'a'><n> (each distinct)
  mixed  distinct pages a URL can name under the length cap (filters, searches, dates, items with unknown
         parameters, the card API), each with its own long Cookie header
"""
import collections
import http.client
import sys
import threading
import time

port, kind, first, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
padding = "a" * 1900


def url(n):
    if kind == "probe":
        return f"/programs/jinnan-2025?q={'a' * 2150}{n}"
    return [
        f"/programs/jinnan-2025?q={n}{padding}",
        f"/programs/jinnan-2025?unit={n}{padding[:200]}&category={n}&utm={padding[:1500]}",
        f"/search?q={n}{padding}",
        f"/items/jinnan-2025-07-1?x{n}={padding}",
        f"/programs/jinnan-2025?asOf={2025 + n % 7000:04}-{1 + n % 12:02}-{1 + n % 28:02}&status=completed&pad{n}={padding}",
        f"/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-{1 + n % 30:02}&x{n}={padding}",
    ][n % 6]


statuses = collections.Counter()
lock = threading.Lock()


def worker(lane):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for n in range(first + lane, first + count, 4):
        headers = {"Accept-Encoding": "gzip, deflate, br", "Cookie": f"minxin-reader=m%3Delder; session{n}={padding[:1000]}"}
        try:
            connection.request("GET", url(n), headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = "failed"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        with lock:
            statuses[status] += 1


started = time.monotonic()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.monotonic() - started
print(f"{count} {kind} URLs in {elapsed:.1f} s: " + ", ".join(f"{s}: {c}" for s, c in sorted(statuses.items(), key=str)))
