"""Folding used by the actor data tools; mirrors marsad::text::fold / dict_key (src/text/text.h).

fold: أ إ آ ٱ -> ا ; ى ی -> ي ; ک -> ك ; ة -> ه ; ؤ -> و ; ئ -> ي ; Arabic-Indic digits -> ASCII;
drops tatweel, harakat (U+064B-U+065F, U+0670) and zero-width/bidi marks; Latin lower-cased.
key: fold, then drop a leading «ال» from every word (when at least two letters remain),
collapse spaces. Two forms with the same key are the same entry for the loader.
"""

_MAP = {'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك',
        'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي'}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)
    _MAP[chr(0x06F0 + _i)] = str(_i)


def _drop(c: str) -> bool:
    o = ord(c)
    return (o == 0x0640 or 0x064B <= o <= 0x065F or o == 0x0670 or 0x200B <= o <= 0x200F
            or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069 or o == 0xFEFF)


def fold(s: str) -> str:
    return ''.join(_MAP.get(c, c.lower()) for c in s if not _drop(c))


def dict_key(word: str) -> str:
    w = fold(word)
    if w.startswith('ال') and len(w) >= 4:
        return w[2:]
    return w


def key(phrase: str) -> str:
    return ' '.join(dict_key(w) for w in phrase.split())
