"""One consumer of the change feed: reads every event of a dataset from the start, 10,000 at a time, keeping the
cursor, over one kept-alive connection, and prints the events per second (twice: the first pass also warms up).

Usage: /usr/bin/python3 bench/activation/feed.py http://localhost:8080 DATASET_ID KEY
"""
import http.client
import json
import sys
import time
import urllib.parse


def read_all(connection, dataset, key):
    """Reads the feed to its end; answers the events and the seconds spent waiting for the service's answers."""
    cursor, events, waiting = 0, 0, 0.0
    while True:
        asked = time.perf_counter()
        connection.request('GET', f'/api/segments/changes?dataset={dataset}&after={cursor}&limit=10000',
                           headers={'Authorization': 'Bearer ' + key})
        response = connection.getresponse()
        body = response.read()
        waiting += time.perf_counter() - asked
        page = json.loads(body)
        if response.status != 200:
            raise RuntimeError(f'the feed answered {response.status}: {page}')
        if not page['events']:
            return events, waiting
        events += len(page['events'])
        cursor = page['next']


def main():
    base, dataset, key = sys.argv[1], sys.argv[2], sys.argv[3]
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    for attempt in ('first pass (warm-up)', 'second pass'):
        started = time.perf_counter()
        events, waiting = read_all(connection, dataset, key)
        seconds = time.perf_counter() - started
        print(f'feed, {attempt}: {events:,} events in {seconds:.2f} s = {events / seconds:,.0f} events/s '
              f'(goal >= 200,000); of which waiting for the service {waiting:.2f} s = {events / waiting:,.0f} '
              f'events/s, the rest parsing JSON in Python')


main()
