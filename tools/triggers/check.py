#!/usr/bin/env python3
"""Self-check of Marsad's trigger and cue data files.

Parses data/triggers/{triggers,modes,acled,future}.tsv and
data/cues/{status,attribution,preps}.tsv, validates types, modes, frames,
positions and kinds against SPEC §4 (embedded below; cross-checked against
SPEC.md when it is available), reports forms listed under conflicting types,
prints coverage tables, and measures coverage of the dev gold events: for
each core gold event, whether a trigger form of a compatible type occurs in
its `evidence` text.

Python 3 standard library only.  Usage:
    python3 tools/triggers/check.py [--gold FILE ...] [--spec SPEC.md] [-v]
Exit status 1 when a file is malformed.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
DATA = os.path.join(ROOT, 'data')

# SPEC §4: type -> modes
TYPES = {
    'ASSAULT': ['clash', 'shooting', 'shelling', 'airstrike', 'drone', 'ied', 'suicide',
                'abduction', 'assassination', 'beating', 'sexual', 'other'],
    'COERCE': ['arrest', 'raid', 'seize', 'expel', 'restrict', 'destroy', 'other'],
    'MOBILIZE': ['troops', 'alert', 'patrol', 'base', 'flights', 'exercise', 'other'],
    'THREATEN': ['military', 'other'],
    'PROTEST': ['demonstration', 'riot', 'strike', 'hunger_strike', 'sit_in', 'other'],
    'SANCTION': [], 'ACCUSE': [], 'REJECT': [], 'REQUEST': [],
    'CONSULT': ['visit', 'host', 'meet', 'call', 'other'],
    'AGREE': [], 'SUPPORT': [], 'COOPERATE': [],
    'AID': ['military', 'humanitarian', 'economic', 'other'],
    'CONCEDE': ['release', 'other'],
    'RETREAT': [],
}
FRAMES = {'agent', 'reciprocal', 'victim', 'undergo', 'self'}
POS = {'verb', 'noun', 'phrase'}
STATUSES = {'attempted', 'planned', 'denied', 'claimed'}
POSITIONS = {'before', 'after'}
ATTR_KINDS = {'verb_source', 'prep_source'}
ROLES = {'agent', 'target', 'reciprocal', 'fire_source', 'anaphor', 'carry'}

HARAKAT = re.compile('[\u064B-\u065F\u0670\u0640]')
FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه',
                      'ؤ': 'و', 'ئ': 'ي'})
WORD = re.compile('[\u0621-\u064A\u0660-\u0669\u0671-\u06D3A-Za-z0-9]+')


def fold(s: str) -> str:
    return HARAKAT.sub('', s).translate(FOLD)


def dict_key(w: str) -> str:
    w = fold(w)
    if w.startswith('ال') and len(w) >= 4:
        w = w[2:]
    return w


def token_keys(w: str) -> set[str]:
    """Rough version of text::token_keys: proclitics و ف, ب ل ك, ال/لل, enclitics."""
    w = fold(w)
    stems = [w]
    if w[:1] in 'وف' and len(w) >= 4:
        stems.append(w[1:])
    for b in list(stems):
        if b.startswith('لل') and len(b) >= 4:
            stems.append(b[2:])
        if b[:1] in 'بلك' and len(b) >= 4:
            stems.append(b[1:])
    for b in list(stems):
        if b.startswith('ال') and len(b) >= 4:
            stems.append(b[2:])
    for b in list(stems):
        for suf in ('هما', 'هم', 'هن', 'ها', 'كم', 'نا', 'ه', 'ي'):
            if b.endswith(suf) and len(b) - len(suf) >= 3:
                stems.append(b[:-len(suf)])
    return {dict_key(s) for s in stems} | set(stems)


def form_keys(form: str) -> tuple[str, ...]:
    return tuple(dict_key(w) for w in form.split())


class Errors:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, path: str, line: int, msg: str) -> None:
        self.n += 1
        print(f'ERROR {os.path.relpath(path, ROOT)}:{line}: {msg}')


def read_tsv(path: str, header: list[str], err: Errors):
    """Yield (line_no, row dict). Checks the header and column counts."""
    if not os.path.exists(path):
        err(path, 0, 'missing file')
        return
    seen_header = False
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if not seen_header:
                if cols != header:
                    err(path, n, f'header {cols} != {header}')
                seen_header = True
                continue
            if len(cols) < len(header):
                cols += [''] * (len(header) - len(cols))
            if len(cols) > len(header):
                err(path, n, f'{len(cols)} columns, expected {len(header)}')
                continue
            yield n, dict(zip(header, cols))


def spec_check(spec: str) -> None:
    """Cross-check the embedded type/mode table against SPEC.md §4."""
    if not os.path.exists(spec):
        return
    text = open(spec, encoding='utf-8').read()
    for typ, modes in TYPES.items():
        m = re.search(r'^\| ' + typ + r' \|[^|]*\|([^|]*)\|', text, re.M)
        if not m:
            print(f'WARN SPEC.md: type {typ} not found')
            continue
        spec_modes = re.findall(r'`([a-z_]+)`', m.group(1))
        if spec_modes != modes:
            print(f'WARN SPEC.md: modes of {typ} differ: {spec_modes} vs {modes}')


def main() -> int:
    ap = argparse.ArgumentParser(description='check trigger/cue data files')
    ap.add_argument('--gold', nargs='*', default=sorted(glob.glob('/work/shared/eval/dev/*.gold.jsonl')))
    ap.add_argument('--spec', default='/work/shared/SPEC.md')
    ap.add_argument('-v', '--verbose', action='store_true', help='list every missed gold event')
    args = ap.parse_args()
    err = Errors()
    spec_check(args.spec)

    # --- triggers.tsv
    tpath = os.path.join(DATA, 'triggers', 'triggers.tsv')
    triggers = []  # (keys, type, mode, frame, guarded)
    by_form: dict[tuple, set] = collections.defaultdict(set)
    cover = collections.Counter()
    nforms = 0
    for n, r in read_tsv(tpath, ['type', 'mode', 'cameo', 'frame', 'pos', 'forms', 'note'], err):
        t, m = r['type'], r['mode']
        if t not in TYPES:
            err(tpath, n, f'unknown type {t}')
            continue
        if m and m not in TYPES[t]:
            err(tpath, n, f'mode {m} is not a mode of {t}')
        if r['frame'] not in FRAMES:
            err(tpath, n, f'unknown frame {r["frame"]}')
        if r['pos'] not in POS:
            err(tpath, n, f'unknown pos {r["pos"]}')
        if r['cameo'] and not re.fullmatch(r'\d{2,4}', r['cameo']):
            err(tpath, n, f'bad cameo code {r["cameo"]}')
        forms = [f for f in r['forms'].split('|') if f.strip()]
        if not forms:
            err(tpath, n, 'no forms')
        guarded = 'req=' in r['note']
        for f in forms:
            if f != f.strip() or '  ' in f:
                err(tpath, n, f'stray spaces in form {f!r}')
            k = form_keys(f)
            triggers.append((k, t, m, r['frame'], guarded))
            by_form[k].add((t, guarded))
            nforms += 1
        cover[(t, m, 'verb' if r['pos'] == 'verb' else 'nominal' if r['pos'] == 'noun' else 'phrase')] += 1
    conflicts = [(k, v) for k, v in by_form.items() if len({t for t, _ in v}) > 1]
    unguarded = [(k, v) for k, v in conflicts if sum(1 for _, g in v if not g) > 1]
    print(f'triggers.tsv: {len(triggers)} forms ({len(by_form)} distinct), '
          f'{len(conflicts)} forms under several types '
          f'({len(conflicts) - len(unguarded)} disambiguated by req=, {len(unguarded)} not)')
    for k, v in sorted(unguarded):
        print(f'  CONFLICT {" ".join(k)}: {sorted({t for t, _ in v})}')
    missing = []
    for t, modes in TYPES.items():
        for m in (modes or ['']):
            if m == 'other':
                continue
            has_v = cover[(t, m, 'verb')] + cover[(t, m, 'phrase')] + cover[(t, '', 'verb')] * (not modes)
            has_n = cover[(t, m, 'nominal')] + cover[(t, m, 'phrase')] + cover[(t, '', 'nominal')] * (not modes)
            if not has_v or not has_n:
                missing.append(f'{t}/{m or "-"}: verbal={has_v} nominal={has_n}')
    print('modes without both verbal and nominal triggers:', missing or 'none')

    # --- modes.tsv
    mpath = os.path.join(DATA, 'triggers', 'modes.tsv')
    nm = 0
    for n, r in read_tsv(mpath, ['form', 'type', 'mode', 'cameo', 'note'], err):
        nm += 1
        if r['type'] not in TYPES or r['mode'] not in TYPES[r['type']]:
            err(mpath, n, f'bad type/mode {r["type"]}/{r["mode"]}')
    print(f'modes.tsv: {nm} qualifiers')

    # --- acled.tsv
    apath = os.path.join(DATA, 'triggers', 'acled.tsv')
    na = 0
    seen = set()
    for n, r in read_tsv(apath, ['type', 'mode', 'target_kind', 'acled_event_type',
                                 'acled_sub_event_type'], err):
        na += 1
        if r['type'] not in TYPES or (r['mode'] != '*' and r['mode'] not in TYPES[r['type']]):
            err(apath, n, f'bad type/mode {r["type"]}/{r["mode"]}')
        if r['target_kind'] not in ('civilians', 'any'):
            err(apath, n, f'bad target_kind {r["target_kind"]}')
        key = (r['type'], r['mode'], r['target_kind'])
        if key in seen:
            err(apath, n, f'duplicate {key}')
        seen.add(key)
    print(f'acled.tsv: {na} rows')

    # --- future.tsv
    fpath = os.path.join(DATA, 'triggers', 'future.tsv')
    nf = 0
    for n, r in read_tsv(fpath, ['form', 'base', 'type'], err):
        nf += 1
        if r['type'] not in TYPES:
            err(fpath, n, f'bad type {r["type"]}')
        if (dict_key(r['base']),) not in by_form:
            err(fpath, n, f'base {r["base"]} is not a trigger form')
    print(f'future.tsv: {nf} forms')

    # --- cues
    cdir = os.path.join(DATA, 'cues')
    ns = collections.Counter()
    sforms = {}
    for n, r in read_tsv(os.path.join(cdir, 'status.tsv'), ['form', 'status', 'position', 'note'], err):
        if r['status'] not in STATUSES:
            err(os.path.join(cdir, 'status.tsv'), n, f'bad status {r["status"]}')
        if r['position'] not in POSITIONS:
            err(os.path.join(cdir, 'status.tsv'), n, f'bad position {r["position"]}')
        k = form_keys(r['form'])
        if k in sforms and sforms[k] != r['status']:
            err(os.path.join(cdir, 'status.tsv'), n, f'{r["form"]} both {sforms[k]} and {r["status"]}')
        sforms[k] = r['status']
        ns[r['status']] += 1
    print('status.tsv:', dict(ns))
    na = collections.Counter()
    for n, r in read_tsv(os.path.join(cdir, 'attribution.tsv'), ['form', 'kind', 'note'], err):
        if r['kind'] not in ATTR_KINDS:
            err(os.path.join(cdir, 'attribution.tsv'), n, f'bad kind {r["kind"]}')
        na[r['kind']] += 1
    print('attribution.tsv:', dict(na))
    nr = collections.Counter()
    for n, r in read_tsv(os.path.join(cdir, 'preps.tsv'), ['form', 'role', 'note'], err):
        if r['role'] not in ROLES:
            err(os.path.join(cdir, 'preps.tsv'), n, f'bad role {r["role"]}')
        nr[r['role']] += 1
    print('preps.tsv:', dict(nr))

    # --- coverage of gold evidence
    index: dict[str, list] = collections.defaultdict(list)
    for k, t, m, fr, g in triggers:
        index[k[0]].append((k, t, m))
    total = hit = 0
    per_file = {}
    for gpath in args.gold:
        ft = fh = 0
        for line in open(gpath, encoding='utf-8'):
            doc = json.loads(line)
            for ev in doc.get('events', []):
                if not ev.get('core'):
                    continue
                ft += 1
                toks = [token_keys(w) for w in WORD.findall(ev.get('evidence', ''))]
                found = []
                for i, keys in enumerate(toks):
                    for key in keys:
                        for k, t, m in index.get(key, ()):
                            if all(j < len(toks) and k[j - i] in toks[j]
                                   for j in range(i, i + len(k))):
                                found.append((' '.join(k), t))
                ok = any(t in ev['type'] for _, t in found)
                fh += ok
                if not ok or args.verbose:
                    flag = 'ok  ' if ok else 'MISS'
                    print(f'  {flag} {os.path.basename(gpath)} {doc["doc_id"]} {ev["id"]} '
                          f'{"/".join(ev["type"])}: {ev.get("evidence", "")[:90]}'
                          f'  [found: {", ".join(sorted({f"{a}:{b}" for a, b in found}))[:120]}]')
        per_file[os.path.basename(gpath)] = (fh, ft)
        total += ft
        hit += fh
    for name, (fh, ft) in per_file.items():
        print(f'coverage {name}: {fh}/{ft} = {100 * fh / max(ft, 1):.1f}%')
    print(f'COVERAGE core gold events: {hit}/{total} = {100 * hit / max(total, 1):.1f}%')
    print(f'{err.n} errors')
    return 1 if err.n else 0


if __name__ == '__main__':
    sys.exit(main())
