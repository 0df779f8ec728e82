#!/usr/bin/env python3
"""Turns a JMH JSON result of the dev.fosc.benchmarks.codec benchmarks into the Markdown tables of
BENCHMARKS.md: MB/s (operations/s x bytes per operation, 1 MB = 10^6 bytes), bytes allocated per operation
(-prof gc, gc.alloc.rate.norm) and ratios against the baselines measured in the same run.

usage: jmh-report.py RESULT.json
"""
import json
import sys

OVERHEAD = 48  # 12-byte frame header + 36-byte media header
PCM_BLOCK = 960
G726_BLOCK_SECONDS = 0.06


def load(path):
    results = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2] + "." + name[-1], tuple(sorted(r.get("params", {}).items())))
        pm = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        results[key] = (pm["score"], pm["scoreError"], alloc)
    return results


def get(results, bench, **params):
    key = (bench, tuple(sorted((k, str(v)) for k, v in params.items())))
    return results.get(key)


def mbps(ops, nbytes):
    return ops * nbytes / 1e6


def fmt_mb(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_err(score, err, nbytes):
    if err != err or err is None:  # NaN when there is one iteration
        return fmt_mb(mbps(score, nbytes))
    return f"{fmt_mb(mbps(score, nbytes))} ± {fmt_mb(mbps(err, nbytes))}"


def fmt_alloc(value):
    return "n/a" if value is None else f"{value:,.0f}"


def main(path):
    results = load(path)
    payloads = [0, 64, 1460, 65536, 524288]

    print("### Frame decoder + codec (one VIDEO_DATA frame per operation)\n")
    print("| payload | frame bytes | arrival | decoder | allocator | frames/s | MB/s (± 99.9% CI) | B/frame | × memcpy |")
    print("| ---: | ---: | --- | --- | --- | ---: | ---: | ---: | ---: |")
    for p in payloads:
        base = get(results, "MemoryCopyBenchmark.copyFrame", payload=p)
        for arrival in ["whole", "segmented"]:
            for decoder in ["stream", "frame+codec"]:
                for alloc in ["adaptive", "pooled"]:
                    r = get(results, "FoscFrameDecoderBenchmark.decode", payload=p, arrival=arrival,
                            decoder=decoder, allocator=alloc)
                    if r is None:
                        continue
                    ratio = f"{r[0] / base[0]:.2f}" if base else "n/a"
                    print(f"| {p} | {p + OVERHEAD} | {arrival} | {decoder} | {alloc} | {r[0]:,.0f} "
                          f"| {fmt_err(r[0], r[1], p + OVERHEAD)} | {fmt_alloc(r[2])} | {ratio} |")

    print("\n### Baselines in the same run\n")
    print("| payload | memcpy MB/s | memcpy B/op | decode+copy MB/s | decode+copy B/frame | zero-copy decode (whole, adaptive) ÷ decode+copy |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in payloads:
        m = get(results, "MemoryCopyBenchmark.copyFrame", payload=p)
        c = get(results, "CopyingDecodeBenchmark.decodeAndCopy", payload=p)
        d = get(results, "FoscFrameDecoderBenchmark.decode", payload=p, arrival="whole", decoder="stream",
                allocator="adaptive")
        if m is None and c is None:
            continue
        ratio = f"{d[0] / c[0]:.2f}" if d and c else "n/a"
        print(f"| {p} | {fmt_err(m[0], m[1], p + OVERHEAD) if m else 'n/a'} | {fmt_alloc(m[2]) if m else 'n/a'} "
              f"| {fmt_err(c[0], c[1], p + OVERHEAD) if c else 'n/a'} | {fmt_alloc(c[2]) if c else 'n/a'} | {ratio} |")

    print("\n### Encoder (one VIDEO_DATA message per operation, through FoscCodec)\n")
    print("| payload | frame bytes | pipeline encode MB/s | B/op | FoscFrames.encode MB/s | B/op "
          "| copying encode MB/s | B/op | FoscFrames.encode ÷ copying |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in payloads:
        e = get(results, "FoscEncoderBenchmark.encode", payload=p)
        f = get(results, "FoscEncoderBenchmark.encodeFrames", payload=p)
        c = get(results, "FoscEncoderBenchmark.encodeCopying", payload=p)
        if e is None:
            continue
        ratio = f"{f[0] / c[0]:.2f}" if c and f else "n/a"
        print(f"| {p} | {p + OVERHEAD} | {fmt_err(e[0], e[1], p + OVERHEAD)} | {fmt_alloc(e[2])} "
              f"| {fmt_err(f[0], f[1], p + OVERHEAD) if f else 'n/a'} | {fmt_alloc(f[2]) if f else 'n/a'} "
              f"| {fmt_err(c[0], c[1], p + OVERHEAD) if c else 'n/a'} | {fmt_alloc(c[2]) if c else 'n/a'} | {ratio} |")

    print("\n### G.726-16k (one 60 ms block per operation; MB/s of PCM)\n")
    print("| operation | blocks/s | MB/s of PCM | real-time streams per core | B/op | ÷ copying 960 B |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    copy = get(results, "G726Benchmark.copyPcmBlock")
    for op in ["encodeBlock", "decodeBlock", "copyPcmBlock"]:
        r = get(results, "G726Benchmark." + op)
        if r is None:
            continue
        ratio = f"{r[0] / copy[0]:.4f}" if copy else "n/a"
        print(f"| {op} | {r[0]:,.0f} | {fmt_err(r[0], r[1], PCM_BLOCK)} | {r[0] * G726_BLOCK_SECONDS:,.0f} "
              f"| {fmt_alloc(r[2])} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
