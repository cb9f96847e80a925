"""The service's whole path on an order-line file, timed: from the first byte of the upload to the RFM run's SUCCEEDED.

Usage: BENCH_KEY=<an ANALYST or ADMIN key> /usr/bin/python3 bench/transactions/service.py http://localhost:8080 \
    ../shared/data/online_retail.csv [REPEATS]
Prints per repeat the upload's seconds (stored lines, cleaning, derived customers), the RFM run's seconds and the
total, and once the RFM segment sizes.
"""
import http.client
import json
import os
import sys
import time
import urllib.parse


def request(base, method, path, body=None, headers=None):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    headers = dict(headers or {})
    if os.environ.get('BENCH_KEY'):
        headers['Authorization'] = 'Bearer ' + os.environ['BENCH_KEY']
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path} answered {response.status}: {payload[:500]!r}")
    return json.loads(payload) if payload else None


def once(base, path):
    size = os.path.getsize(path)
    started = time.perf_counter()
    with open(path, 'rb') as body:
        dataset = request(base, 'POST', '/api/datasets?kind=TRANSACTIONS&force=true', body,
                          {'Content-Type': 'text/csv', 'Content-Length': str(size)})
    uploaded = time.perf_counter()
    run = request(base, 'POST', '/api/segmentations', json.dumps({'datasetId': dataset['id'], 'method': 'RFM'}),
                  {'Content-Type': 'application/json'})
    while True:
        run = request(base, 'GET', f"/api/segmentations/{run['id']}")
        if run['status'] not in ('QUEUED', 'RUNNING'):
            break
        time.sleep(0.01)
    finished = time.perf_counter()
    if run['status'] != 'SUCCEEDED':
        raise RuntimeError(f"run {run['id']} ended {run['status']}: {run.get('error')}")
    request(base, 'DELETE', f"/api/segmentations/{run['id']}")
    request(base, 'DELETE', f"/api/datasets/{dataset['derivedDatasetId']}")
    request(base, 'DELETE', f"/api/datasets/{dataset['id']}")
    return uploaded - started, finished - uploaded, finished - started, run


def main():
    base, path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    run = None
    for repeat in range(repeats):
        upload, rfm, total, run = once(base, path)
        print(f"service\t{repeat}\t{total:.3f}\tupload {upload:.3f}\trfm {rfm:.3f}", flush=True)
    for segment in sorted(run['segments'], key=lambda s: -s['size']):
        print(f"segment\t{segment['key']}\t{segment['size']}")


if __name__ == '__main__':
    main()
