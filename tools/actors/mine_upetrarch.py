#!/usr/bin/env python3
"""Mine state-actor surface forms from the UniversalPetrarch Arabic actor dictionary.

Usage: mine_upetrarch.py ACTORS_AR_V4_TXT [REGISTRY_TSV COMPOSE_TSV EXISTING_FORMS_TSV...] > rows.tsv

Source: UniversalPetrarch, data/dictionaries/arabic/actor_dict_ar_v4.txt (MIT, (c) 2016 Open
Event Data Alliance), as copied to shared/data/dictionaries/upetrarch-arabic/actors.ar.v4.txt.
Keeps entries whose CAMEO code is a state organ of a country Marsad knows (GOV, MIL, COP, SPY,
valid in 2011 or later), maps the code through data/actors/compose.tsv (country key, role) to a
registry id, and prints `form<TAB>id<TAB>upetrarch:CODE` rows for forms not already known.
Skipped: bare country codes (mostly place names and demonyms), elites/civilians/opposition
codes, entries whose code validity ended before 2011 (former officials), and lemma-only
entries that cannot match news text (split prepositions «ل_», a feminine noun followed by a
masculine nisba adjective such as «وزارة دفاع أميركي»). The loader strips ال from every word,
so entries written without the article («وزير خارجية مصري») still match «وزير الخارجية المصري».
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fold import key  # noqa: E402

CAMEO_COUNTRY = {
    'SYR': 'syria', 'RUS': 'russia', 'IRN': 'iran', 'TUR': 'turkey', 'USA': 'usa', 'ISR': 'israel',
    'JOR': 'jordan', 'IRQ': 'iraq_government', 'LBN': 'lebanon', 'YEM': 'yemen', 'SAU': 'saudi_arabia',
    'ARE': 'uae', 'QAT': 'qatar', 'EGY': 'egypt', 'LBY': 'libya', 'PSE': 'palestine', 'AFG': 'afghanistan',
    'PAK': 'pakistan', 'FRA': 'france', 'GBR': 'uk', 'DEU': 'germany', 'CHN': 'china', 'KWT': 'kuwait',
    'BHR': 'bahrain', 'OMN': 'oman', 'DZA': 'algeria', 'MAR': 'morocco', 'TUN': 'tunisia', 'SDN': 'sudan',
    'ESP': 'spain', 'ITA': 'italy',
}
CAMEO_ROLE = {'GOV': 'government', 'MIL': 'forces', 'COP': 'police', 'SPY': 'intelligence'}
# Codes whose state organ is split in Marsad's registry in a way CAMEO does not know
# (PSEGOV covers both the Palestinian Authority and the Hamas government after 2007).
SKIP_CODES = {'PSEGOV'}
# Entries known to be wrong for 2011+ news (person moved on, or code refers to an earlier office).
EXCLUDE = {'ستيفان دي ميستورا', 'رئيس عبد الله صالح'}


def read_tsv(path):
    header = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if header is None:
                header = cols
                continue
            yield dict(zip(header, cols + [''] * (len(header) - len(cols))))


def parse_entries(path):
    entries, cur = [], None
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            if line[0] in ' \t' and line.strip().startswith('[') and cur is not None:
                cur[1].extend(re.findall(r'\[([^\]]+)\]', line))
                continue
            m = re.match(r'\s*(\S+)\s*(.*)', line)
            cur = (m.group(1), re.findall(r'\[([^\]]+)\]', m.group(2)))
            entries.append(cur)
    return entries


def current(code_field):
    """True when a code's validity reaches 2011 or later (or is undated)."""
    parts = code_field.split()
    if len(parts) == 1:
        return True
    d = parts[1]
    if d.startswith('>'):
        return True
    if d.startswith('<'):
        return d[1:] >= '20110101'
    m = re.match(r'(\d{8})-(\d{8})', d)
    if not m:
        return True
    end = m.group(2)
    return end == '18000101' or end >= '20110101' or end < m.group(1)


# A title plus one word («شيخ محمد», «رئيس فرنسا») names a person loosely and
# matches far too much running text; such entries are not mined.
TITLES = {'شيخ', 'الشيخ', 'رئيس', 'الرئيس', 'أمير', 'الأمير', 'ملك', 'الملك', 'وزير', 'الوزير', 'قائد',
          'السيد', 'سيد', 'الدكتور', 'دكتور', 'العميد', 'اللواء', 'العقيد'}


def lemma_only(words):
    if any(w in ('ل', 'ب', 'ك') for w in words):
        return True
    if len(words) <= 2 and words[0] in TITLES:
        return True
    for a, b in zip(words, words[1:]):
        if a.endswith('ة') and b.endswith('ي') and len(b) > 3:
            return True
    return False


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, '..', '..', 'data', 'actors')
    registry = argv[2] if len(argv) > 2 else os.path.join(data, 'registry.tsv')
    compose_p = argv[3] if len(argv) > 3 else os.path.join(data, 'compose.tsv')
    existing = argv[4:] if len(argv) > 4 else [os.path.join(data, 'forms.tsv')]
    compose = {(r['country_key'], r['role']): r['id'] for r in read_tsv(compose_p)}
    known = set()
    known_id = {}  # key -> ids, to drop mined names that contain a known name of another actor
    for r in read_tsv(registry):
        for f in [r['name_ar']] + [a for a in r['aliases_ar'].split('|') if a]:
            known.add(key(f))
            known_id.setdefault(key(f), set()).add(r['id'])
    for p in existing:
        if os.path.exists(p):
            for r in read_tsv(p):
                known.add(key(r['form']))
                if 'ambiguous' not in r.get('note', ''):
                    known_id.setdefault(key(r['form']), set()).add(r['id'])
    seen = set()
    for name, codes in parse_entries(argv[1]):
        words = [w for w in name.replace('اللٰه', 'الله').split('_') if w]
        if len(words) < 2 or lemma_only(words):
            continue
        ids = set()
        code_used = None
        for c in codes:
            if not current(c):
                continue
            cc = c.split()[0]
            country, role = cc[:3], cc[3:]
            if cc in SKIP_CODES or country not in CAMEO_COUNTRY or role not in CAMEO_ROLE:
                continue
            i = compose.get((CAMEO_COUNTRY[country], CAMEO_ROLE[role]))
            if i:
                ids.add(i)
                code_used = cc
        if len(ids) != 1:
            continue
        form = ' '.join(words)
        k = key(form)
        if k in known or k in seen or form in EXCLUDE:
            continue
        the_id = next(iter(ids))
        kw = k.split()
        grams = {' '.join(kw[a:b]) for a in range(len(kw)) for b in range(a + 1, len(kw) + 1)}
        if any(known_id.get(g, {the_id}) - {the_id} for g in grams):
            continue
        seen.add(k)
        print(f'{form}\t{ids.pop()}\tupetrarch:{code_used}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
