#!/usr/bin/env python3
"""Self-check of Marsad's actor data (data/actors/*.tsv, data/cues/relations.tsv).

Usage: check.py [DATA_DIR]   (default: the data/ folder of this checkout). Exit 1 on errors.

Checks: every file parses (UTF-8, header row, expected columns, no empty required cell);
registry ids are unique and lowercase; parent/patron ids exist; every id in forms.tsv and
compose.tsv exists in the registry; every country_key of nationalities.tsv and compose.tsv is
a registry id; roles used by compose.tsv exist in roles.tsv; controlled values (head kind,
nationality use, relation, patron_position); and that no folded form names two different ids
(across registry names/aliases and forms.tsv) unless forms.tsv marks each of those ids for
that form with a note containing `ambiguous`. Folding mirrors the loader (tools/actors/fold.py).
"""
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fold import key  # noqa: E402

errors, warnings = [], []


def read(path, columns, required):
    rows = []
    header = None
    try:
        f = open(path, encoding='utf-8')
    except OSError as e:
        errors.append(f'{path}: cannot open: {e}')
        return rows
    with f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.endswith('\r'):
                errors.append(f'{path}:{n}: CR line ending')
                line = line.rstrip('\r')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if header is None:
                header = cols
                if header[:len(columns)] != columns:
                    errors.append(f'{path}:{n}: header {header} != {columns}')
                continue
            if len(cols) > len(header):
                errors.append(f'{path}:{n}: {len(cols)} columns, header has {len(header)}')
            cols += [''] * (len(header) - len(cols))
            row = dict(zip(header, cols))
            for c in required:
                if not row.get(c, '').strip():
                    errors.append(f'{path}:{n}: empty {c}')
            for c, v in row.items():
                if v != v.strip():
                    errors.append(f'{path}:{n}: {c} has leading/trailing spaces: {v!r}')
            row['_line'] = n
            rows.append(row)
    if header is None:
        errors.append(f'{path}: no header row')
    return rows


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    data = argv[1] if len(argv) > 1 else os.path.normpath(os.path.join(here, '..', '..', 'data'))
    A = os.path.join(data, 'actors')
    reg_p = os.path.join(A, 'registry.tsv')
    reg = read(reg_p, ['id', 'name_en', 'name_ar', 'aliases_ar', 'country', 'kind', 'parent', 'patrons', 'notes'],
               ['id', 'name_en', 'name_ar', 'kind'])
    ids = {}
    for r in reg:
        if r['id'] in ids:
            errors.append(f"{reg_p}:{r['_line']}: duplicate id {r['id']}")
        if not re.fullmatch(r'[a-z][a-z0-9_]*', r['id']):
            errors.append(f"{reg_p}:{r['_line']}: bad id {r['id']!r}")
        ids[r['id']] = r
    for r in reg:
        for p in [r['parent']] + r['patrons'].split('|'):
            if p and p not in ids:
                errors.append(f"{reg_p}:{r['_line']}: unknown parent/patron {p}")

    forms_p = os.path.join(A, 'forms.tsv')
    forms = read(forms_p, ['form', 'id', 'note'], ['form', 'id'])
    fseen = {}
    for r in forms:
        if r['id'] not in ids:
            errors.append(f"{forms_p}:{r['_line']}: unknown id {r['id']}")
        k = (key(r['form']), r['id'])
        if k in fseen:
            warnings.append(f"{forms_p}:{r['_line']}: {r['form']} -> {r['id']} repeats line {fseen[k]} (after folding)")
        fseen.setdefault(k, r['_line'])

    heads_p = os.path.join(A, 'heads.tsv')
    for r in read(heads_p, ['word', 'kind'], ['word', 'kind']):
        if r['kind'] not in ('group', 'member'):
            errors.append(f"{heads_p}:{r['_line']}: kind {r['kind']!r}")

    roles_p = os.path.join(A, 'roles.tsv')
    roles = read(roles_p, ['form', 'role'], ['form', 'role'])
    role_names = {r['role'] for r in roles}
    nat_p = os.path.join(A, 'nationalities.tsv')
    nats = read(nat_p, ['form', 'country_key'], ['form', 'country_key'])
    for r in nats:
        if r['country_key'] not in ids:
            errors.append(f"{nat_p}:{r['_line']}: country_key {r['country_key']} not a registry id")
        if r.get('use', 'any') not in ('any', 'adj', 'patron', ''):
            errors.append(f"{nat_p}:{r['_line']}: use {r.get('use')!r}")
    comp_p = os.path.join(A, 'compose.tsv')
    comp = read(comp_p, ['country_key', 'role', 'id'], ['country_key', 'role', 'id'])
    seen_pairs = {}
    nat_keys = {r['country_key'] for r in nats}
    for r in comp:
        if r['id'] not in ids:
            errors.append(f"{comp_p}:{r['_line']}: unknown id {r['id']}")
        if r['country_key'] not in ids:
            errors.append(f"{comp_p}:{r['_line']}: country_key {r['country_key']} not a registry id")
        if r['country_key'] not in nat_keys:
            warnings.append(f"{comp_p}:{r['_line']}: country_key {r['country_key']} has no form in nationalities.tsv")
        if r['role'] not in role_names:
            errors.append(f"{comp_p}:{r['_line']}: role {r['role']} not in roles.tsv")
        pair = (r['country_key'], r['role'])
        if pair in seen_pairs and seen_pairs[pair] != r['id']:
            errors.append(f"{comp_p}:{r['_line']}: {pair} already maps to {seen_pairs[pair]}")
        seen_pairs[pair] = r['id']
    # nationality forms: same key folded to two country keys
    nk = defaultdict(set)
    for r in nats:
        nk[key(r['form'])].add(r['country_key'])
    for k, v in nk.items():
        if len(v) > 1:
            errors.append(f"{nat_p}: form {k!r} has several country keys {sorted(v)}")
    rk = defaultdict(set)
    for r in roles:
        rk[key(r['form'])].add(r['role'])
    for k, v in rk.items():
        if len(v) > 1:
            errors.append(f"{roles_p}: form {k!r} has several roles {sorted(v)}")

    rel_p = os.path.join(data, 'cues', 'relations.tsv')
    rel = read(rel_p, ['form', 'relation', 'patron_position', 'note'], ['form', 'relation', 'patron_position'])
    rseen = {}
    for r in rel:
        if r['relation'] not in ('backed_by', 'part_of', 'allied_with'):
            errors.append(f"{rel_p}:{r['_line']}: relation {r['relation']!r}")
        if r['patron_position'] not in ('after', 'adverb'):
            errors.append(f"{rel_p}:{r['_line']}: patron_position {r['patron_position']!r}")
        k = (key(r['form']), r['patron_position'])
        if k in rseen and rseen[k] != r['relation']:
            errors.append(f"{rel_p}:{r['_line']}: cue {r['form']} already {rseen[k]}")
        rseen[k] = r['relation']

    # form -> ids across registry and forms.tsv
    where = defaultdict(lambda: defaultdict(list))
    for r in reg:
        for f in [r['name_ar']] + [a for a in r['aliases_ar'].split('|') if a]:
            where[key(f)][r['id']].append(f"registry:{r['_line']}")
    amb = defaultdict(set)
    for r in forms:
        k = key(r['form'])
        where[k][r['id']].append(f"forms:{r['_line']}")
        if 'ambiguous' in r['note']:
            amb[k].add(r['id'])
    nconf = 0
    for k, by_id in where.items():
        if len(by_id) > 1:
            missing = [i for i in by_id if i not in amb[k]]
            if missing:
                nconf += 1
                errors.append(f"form {k!r} names {sorted(by_id)} without `ambiguous` note for {missing} "
                              f"({'; '.join(i + '@' + ','.join(v) for i, v in by_id.items())})")
    n_amb = sum(1 for k, v in where.items() if len(v) > 1)
    print(f'registry: {len(reg)} actors ({sum(1 for r in reg if r["_line"] > 0)} rows); '
          f'forms.tsv: {len(forms)} rows, {len({key(r["form"]) for r in forms})} distinct folded forms; '
          f'all forms incl. registry: {len(where)}')
    print(f'heads/roles/nationalities/compose/relations parsed; compose pairs: {len(seen_pairs)}; '
          f'nationality forms: {len(nats)}; role forms: {len(roles)}; relation cues: {len(rel)}')
    print(f'forms naming several ids (all marked ambiguous unless listed below): {n_amb}')
    for w in warnings:
        print('warning:', w)
    for e in errors:
        print('error:', e)
    print(f'{len(errors)} errors, {len(warnings)} warnings')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
