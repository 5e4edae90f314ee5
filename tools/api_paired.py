#!/usr/bin/env python3
"""Paired read latency of two builds of the API on one database (benchmarks/RESULTS.md, issue 16).

Usage: tools/api_paired.py PORT_A PORT_B ROUNDS. Both APIs (`ftgan api --read-cache-mb 0 --db ...`)
read the PostgreSQL of `ftgan bench api --hold --read-cache-mb 0`. Each round sends every request
to A and to B, alternately A first and B first, from one client, so both see the same load at the
same moments; the answers must be byte-identical. Prints per request the median latency of each
and the median of the per-pair ratios B/A (the first 3 rounds warm up).
"""
import http.client, time, random, statistics, sys, json
A, B = int(sys.argv[1]), int(sys.argv[2]); rounds = int(sys.argv[3])
rnd = random.Random(7)
def paths():
    e = 'bench-%03d' % rnd.randrange(10); r = '%s-r%04d' % (e, rnd.randrange(1000))
    return {
     'list_filtered': f'/api/experiments/{e}/runs?limit=50&status=succeeded&where=config.loss.lambda_srec:gte:0.4',
     'list_all_filtered': '/api/runs?limit=50&status=succeeded,failed&where=config.model.content_dim:eq:8',
     'list_sort_config': f'/api/experiments/{e}/runs?limit=50&sort=config.loss.lambda_adv&order=desc',
     'list_plain': f'/api/runs?experiment={e}&limit=50',
     'list_runs_by_metric': f'/api/experiments/{e}/runs?limit=50&metric=e_transfer&sort=metric',
     'run_detail': f'/api/runs/{r}?points=200',
     'compare': '/api/compare?runs=' + ','.join('bench-%03d-r%04d' % (rnd.randrange(10), rnd.randrange(1000)) for _ in range(3)),
     'experiments': '/api/experiments?limit=10',
     'experiment_detail': f'/api/experiments/{e}',
     'results_table': f'/api/experiments/{e}/results-table',
     'groups': f'/api/experiments/{e}/groups?by=loss.lambda_srec,model.content_dim&metric=e_transfer',
    }
conns = {A: http.client.HTTPConnection('127.0.0.1', A), B: http.client.HTTPConnection('127.0.0.1', B)}
def get(port, path):
    t = time.perf_counter(); c = conns[port]; c.request('GET', path); r = c.getresponse(); body = r.read()
    return (time.perf_counter() - t) * 1000, r.status, body
lat = {}
for i in range(rounds):
    for name, path in paths().items():
        order = (A, B) if i % 2 == 0 else (B, A)
        res = {p: get(p, path) for p in order}
        assert res[A][1] == 200 and res[A][1:] == res[B][1:], (path, res[A][1], res[B][1])
        if i >= 3:  # warm-up rounds
            lat.setdefault(name, ([], []))
            lat[name][0].append(res[A][0]); lat[name][1].append(res[B][0])
print('| request | main p50 ms | branch p50 ms | branch / main (median of per-pair ratios) | pairs |')
print('| --- | --- | --- | --- | --- |')
allr = []
for name, (a, b) in lat.items():
    ratios = [y / x for x, y in zip(a, b)]; allr += ratios
    print(f'| {name} | {statistics.median(a):.2f} | {statistics.median(b):.2f} | {statistics.median(ratios):.3f} | {len(a)} |')
print(f'all requests: median per-pair ratio {statistics.median(allr):.3f} over {len(allr)} pairs; every answer byte-identical')
