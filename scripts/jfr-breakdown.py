#!/usr/bin/env python3
"""CPU samples of a JFR recording of `serve`, split by where a request spends them: the JDK HTTP server, each
stage of the pipeline (the frame RequestPipeline.handle called), the call to DynamoDB Local on the request thread,
and DynamoDB Local's own work (its Jetty and handler threads). With --user-us-per-request U (the process's user CPU
per request over the recording, which scripts/wrk-ratio.sh measures), each share is also given in microseconds.

Usage: jfr print --events jdk.ExecutionSample --stack-depth 96 rec.jfr | scripts/jfr-breakdown.py [--user-us-per-request U]

JFR samples Java code only: kernel time (socket I/O: the `sys` part of CPU) and the JVM's own threads (GC, JIT)
are not in the samples, so the microseconds spread the user CPU over what Java code was seen doing."""
import re
import sys
from collections import Counter

# the frame RequestPipeline.handle called -> the stage (API Gateway's order)
STAGES = [
    ('io.github.atomiccounters.local.pipeline.Router.', '1 routing'),
    ('io.github.atomiccounters.local.pipeline.Authorizer.', '2 auth'),
    ('io.github.atomiccounters.local.StageThrottle.', '3 throttling'),
    ('io.github.atomiccounters.local.pipeline.RequestValidation.', '4 validation (JSON Schema)'),
    ('io.github.atomiccounters.local.pipeline.RequestMapping.', '5 request template'),
    ('io.github.atomiccounters.local.pipeline.IntegrationCall.', '6 call to DynamoDB Local (request thread)'),
    ('io.github.atomiccounters.local.pipeline.IntegrationResponseSelection.', '7 response selection'),
    ('io.github.atomiccounters.local.pipeline.ResponseMapping.', '8 response template'),
    ('io.github.atomiccounters.local.pipeline.GatewayResponses.', '9 gateway responses'),
    ('io.github.atomiccounters.local.pipeline.ExchangeRecorder.', '  exchange recording'),
]
PIPELINE = 'io.github.atomiccounters.local.pipeline.RequestPipeline.handle('
SERVER = 'io.github.atomiccounters.local.LocalServer.handle('


def dynamodb_local(frames):
    if any(f.startswith('com.amazonaws.services.dynamodbv2') or f.startswith('com.almworks.sqlite4java')
           for f in frames):
        return 'DynamoDB Local: handler, JSON, SQLite'
    return None


def classify(thread, frames):
    """frames: innermost first."""
    if thread.startswith('SQLiteQueue'):
        return 'DynamoDB Local: SQLite queue thread'
    if re.match(r'^qtp\d+', thread):
        if any(f.startswith('com.amazonaws.services.dynamodbv2') or f.startswith('com.almworks.sqlite4java')
               for f in frames):
            return 'DynamoDB Local: handler, JSON, SQLite'
        return 'DynamoDB Local: Jetty (HTTP parse/write, dispatch)'
    if thread == 'HTTP-Dispatcher' or (not any(f.startswith(SERVER) for f in frames)
                                      and any(f.startswith('sun.net.httpserver') for f in frames)):
        return '0 JDK HttpServer (accept, parse, dispatch)'
    for i, f in enumerate(frames):
        if f.startswith(PIPELINE):
            callee = frames[i - 1] if i > 0 else ''
            for prefix, stage in STAGES:
                if callee.startswith(prefix):
                    if stage.startswith('6 '):
                        # in-process, DynamoDB Local's Jetty and handler run on the request thread itself
                        if dynamodb_local(frames[:i]):
                            return dynamodb_local(frames[:i]) + ' (in-process, on the request thread)'
                        if any(f.startswith('org.eclipse.jetty') for f in frames[:i]):
                            return 'DynamoDB Local: Jetty (in-process, on the request thread)'
                    return stage
            return '0 pipeline: $context, headers, query (RequestPipeline itself)'
    if any(f.startswith(SERVER) for f in frames):
        return '0 LocalServer: read body, write answer, log'
    return 'other threads: ' + thread.rstrip('0123456789-')


def main():
    us = None
    if len(sys.argv) == 3 and sys.argv[1] == '--user-us-per-request':
        us = float(sys.argv[2])
    elif len(sys.argv) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    stages = Counter()
    total = 0
    frames, thread = [], None

    def flush():
        nonlocal total, frames, thread
        if thread is not None:
            total += 1
            stages[classify(thread, frames)] += 1
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
    if total == 0:
        print('no CPU samples')
        return
    print(f'{total} CPU samples (Java code)' + ('' if us is None else f', user CPU {us:.0f} us per request'))
    print('| where | share | ' + ('us/request |' if us is not None else ''))
    print('|---|---:|' + ('---:|' if us is not None else ''))
    for stage in sorted(stages):
        share = stages[stage] / total
        print(f'| {stage} | {100 * share:.1f}% |' + (f' {share * us:.0f} |' if us is not None else ''))


main()
