#!/usr/bin/env python3
"""CPU samples of a JFR recording broken down by thread group and, inside the runtime's request threads, by
component. Usage: jfr print --events jdk.ExecutionSample --stack-depth 128 rec.jfr | scripts/jfr-breakdown.py"""
import re
import sys
from collections import Counter

THREADS = [  # thread name pattern -> group
    (r'^http-\d+$', 'runtime request threads (LocalServer workers: pipeline + blocking DynamoDB call)'),
    (r'^HTTP-Dispatcher$', 'JDK HttpServer dispatcher (accept, parse request line/headers)'),
    (r'^ddb-local-http-\d+$', 'runtime -> DynamoDB Local HttpClient executor'),
    (r'^HttpClient-\d+-SelectorManager$', 'JDK HttpClient selector threads (runtime->DDB and load generator)'),
    (r'^bench-http-\d+$', 'load generator HttpClient executor'),
    (r'^bench-', 'load generator workers'),
    (r'^qtp\d+', 'DynamoDB Local (Jetty + request handling + SQLite)'),
    (r'', 'other'),
]
COMPONENTS = [  # frame prefix -> component, first match from the top of the stack
    ('org.apache.velocity', 'VTL rendering (Velocity)'),
    ('io.github.atomiccounters.vtl', 'VTL rendering (Velocity)'),
    ('com.networknt', 'JSON Schema validation'),
    ('io.github.atomiccounters.local.JsonSchemaValidation', 'JSON Schema validation'),
    ('com.jayway.jsonpath', 'JSONPath ($input.json/path)'),
    ('net.minidev', 'JSONPath ($input.json/path)'),
    ('com.fasterxml.jackson', 'Jackson'),
    ('jdk.internal.net.http', 'JDK HttpClient (call to DynamoDB Local)'),
    ('sun.net.httpserver', 'JDK HttpServer (request/response I/O)'),
    ('java.util.UUID', 'requestId (UUID)'),
    ('java.time', 'java.time (requestTime)'),
    ('java.util.regex', 'regex'),
]


def main():
    groups, comps = Counter(), Counter()
    total = 0
    frames, thread = [], None
    def flush():
        nonlocal total, frames, thread
        if thread is None:
            return
        total += 1
        group = next(g for p, g in THREADS if re.search(p, thread))
        groups[group] += 1
        if group.startswith('runtime request threads'):
            comp = 'other: ' + (frames[0].rsplit('.', 2)[0] if frames else '?')
            for f in frames:
                hit = next((c for p, c in COMPONENTS if f.startswith(p)), None)
                if hit:
                    comp = hit
                    break
            comps[comp] += 1
        frames, thread = [], None
    for line in sys.stdin:
        line = line.strip()
        if line.startswith('jdk.ExecutionSample'):
            flush()
        m = re.match(r'sampledThread = "([^"]*)"', line)
        if m:
            thread = m.group(1)
            continue
        m = re.match(r'([\w$.]+)\.[\w$<>]+\(', line)
        if m and thread is not None and not line.startswith('sampledThread'):
            frames.append(line)
    flush()
    print(f'{total} CPU samples')
    for g, n in groups.most_common():
        print(f'  {100.0 * n / total:5.1f}%  {g}')
    rt = sum(comps.values())
    if rt:
        print(f'inside the runtime request threads ({rt} samples), by the topmost recognised frame:')
        for c, n in comps.most_common(12):
            print(f'  {100.0 * n / rt:5.1f}%  {c}')


main()
