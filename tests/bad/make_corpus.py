#!/usr/bin/env python3
"""Writes the small hostile inputs of tests/bad/files/ (run once; the files are
committed). The big cases (100 MB line, zip bomb, deep HTML, ...) are made at
test time by tests/unit/bad_input_test.cc instead."""
import gzip, os, zlib

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
os.makedirs(D, exist_ok=True)
AR = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي يوم الأربعاء."
GOOD = ('{"id":"good","text":"%s"}\n' % AR).encode()

def w(name, data):
    with open(os.path.join(D, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def jl(name, *lines):  # lines are bytes; a good document follows
    w(name, b"".join(l + b"\n" for l in lines) + GOOD)

ar = AR.encode()
# --- UTF-8 trouble (JSON Lines) ---
jl("invalid_utf8.jsonl", b'{"id":"bad","text":"\xff\xfe ' + ar + b'"}')
jl("overlong_2byte.jsonl", b'{"id":"bad","text":"\xc0\xaf ' + ar + b'"}')
jl("overlong_3byte.jsonl", b'{"id":"bad","text":"\xe0\x80\xaf ' + ar + b'"}')
jl("cesu_surrogate.jsonl", b'{"id":"bad","text":"\xed\xa0\x80\xed\xb0\x80 ' + ar + b'"}')
jl("escaped_lone_surrogate.jsonl", b'{"id":"bad","text":"\\ud800 ' + ar + b'"}')
jl("truncated_utf8_seq.jsonl", b'{"id":"bad","text":"' + ar[:-1] + "قصف".encode()[:-1] + b'"}')
jl("nul_raw.jsonl", b'{"id":"bad","text":"a\x00b ' + ar + b'"}')
jl("nul_escaped.jsonl", b'{"id":"nul","text":"\\u0000 ' + ar + b'"}')
jl("bom_utf8_first_line.jsonl")  # placeholder overwritten below
w("bom_utf8_first_line.jsonl", b"\xef\xbb\xbf" + GOOD + GOOD.replace(b'"good"', b'"good2"'))
jl("win1256_line.jsonl", b'{"id":"w","text":"' + AR.encode("cp1256") + b'"}')
jl("control_chars.jsonl", b'{"id":"ctl","text":"\\u0001\\u0002\\u001b[31m\\u202e\\u200f ' + ar + b'"}')
jl("bidi_zw.jsonl", b'{"id":"zw","text":"\xe2\x80\x8b\xe2\x80\x8d\xe2\x80\xae' + ar + b'\xe2\x80\xac"}')
jl("diacritics_run.jsonl", ('{"id":"dia","text":"%s %s"}' % ("\u064e" * 5000 + "\u0640" * 5000, AR)).encode())
# --- JSON trouble ---
jl("dup_keys.jsonl", b'{"id":"a","id":"b","text":"' + ar + b'","text":"x"}')
jl("deep_nesting.jsonl", b'{"id":"deep","text":"' + ar + b'","x":' + b"[" * 5000 + b"]" * 5000 + b"}")
jl("deep_nesting_unclosed.jsonl", b'{"id":"deep","x":' + b"[" * 100000)
jl("number_out_of_range.jsonl", b'{"id":"n","text":"' + ar + b'","x":1e999999}')
jl("id_number.jsonl", b'{"id":12345678901234567890123,"text":"' + ar + b'"}')
jl("id_null.jsonl", b'{"id":null,"text":"' + ar + b'"}')
jl("id_object.jsonl", b'{"id":{"a":1},"text":"' + ar + b'"}')
jl("id_array.jsonl", b'{"id":["a"],"text":"' + ar + b'"}')
jl("id_bool.jsonl", b'{"id":true,"text":"' + ar + b'"}')
jl("id_empty.jsonl", b'{"id":"","text":"' + ar + b'"}')
jl("id_huge.jsonl", b'{"id":"' + b"x" * 100000 + b'","text":"' + ar + b'"}')
jl("text_number.jsonl", b'{"id":"t","text":42}')
jl("text_null.jsonl", b'{"id":"t","text":null}')
jl("text_whitespace.jsonl", b'{"id":"t","text":"   \\n\\t  "}')
jl("missing_id.jsonl", b'{"text":"' + ar + b'"}')
jl("missing_text.jsonl", b'{"id":"t"}')
jl("truncated_object.jsonl", b'{"id":"t","text":"' + ar)
jl("bad_escape.jsonl", b'{"id":"t","text":"\\x41 ' + ar + b'"}')
jl("trailing_garbage.jsonl", b'{"id":"t","text":"' + ar + b'"} trailing')
jl("top_level_array.jsonl", b'["id","text"]')
jl("top_level_string.jsonl", b'"just a string"')
jl("date_garbage.jsonl", b'{"id":"d1","text":"' + ar + b'","date":"9999-99-99"}',
   b'{"id":"d2","text":"' + ar + b'","date":"2021-02-30"}',
   b'{"id":"d3","text":"' + ar + b'","date":20210127}',
   b'{"id":"d4","text":"' + ar + b'","date":"-000001-01-01T99:99"}')
jl("huge_numbers_in_text.jsonl", ('{"id":"h","text":"قتل %s شخصا وأصيب ٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩ آخرون في %s عام ٢٠٢١٢٠٢١٢٠٢١"}' % ("9" * 400, "١" * 300)).encode())
w("crlf.jsonl", GOOD.replace(b"\n", b"\r\n") * 2)
w("no_final_newline.jsonl", GOOD[:-1])
w("blank_lines_only.jsonl", b"\n\n   \n\t\n")
w("empty.jsonl", b"")
w("empty.txt", b"")
w("nul_only.txt", b"\x00" * 1000)
# --- text files and encodings ---
w("bom_utf8.txt", b"\xef\xbb\xbf" + ar)
w("utf16le_bom.txt", b"\xff\xfe" + AR.encode("utf-16-le"))
w("utf16be_bom.txt", b"\xfe\xff" + AR.encode("utf-16-be"))
w("utf16le_nobom.txt", AR.encode("utf-16-le"))
w("utf16_bom_odd_length.txt", b"\xff\xfe" + AR.encode("utf-16-le") + b"\x41")
w("win1256.txt", AR.encode("cp1256"))
w("mixed_1256_utf8.txt", ar + b" " + AR.encode("cp1256"))
w("invalid_utf8.txt", b"\xff\xfe\xfd" + ar + b"\xc0\xaf\xed\xa0\x80")
w("nul_in_text.txt", ar + b"\x00\x00" + ar)
w("bom_then_invalid_utf8.txt", b"\xef\xbb\xbf" + ar + b" \xa7\x7e " + ar)
w("random_binary.txt", bytes((i * 7919 + 13) % 256 for i in range(20000)))
# --- gzip ---
gz = gzip.compress(GOOD * 3)
w("truncated.jsonl.gz", gz[: len(gz) // 2])
w("concatenated.jsonl.gz", gzip.compress(GOOD) + gzip.compress(GOOD.replace(b'"good"', b'"good2"')))
w("not_gzip.jsonl.gz", GOOD)
bad = bytearray(gzip.compress(GOOD * 3)); bad[-8] ^= 0xFF  # CRC wrong
w("bad_crc.jsonl.gz", bytes(bad))
# three different documents in one member whose CRC is wrong (mtime 0: the same bytes on every run)
THREE = b"".join(('{"id":"crc%d","text":"%s رقم %d"}\n' % (i, AR, i)).encode() for i in range(3))
bad3 = bytearray(gzip.compress(THREE, mtime=0)); bad3[-8] ^= 0xFF
w("bad_crc_three.jsonl.gz", bytes(bad3))
w("gzip_then_garbage.jsonl.gz", gzip.compress(GOOD) + b"GARBAGE-after-member\x00\x01")
w("empty_gzip.jsonl.gz", gzip.compress(b""))
# --- HTML (ingest) ---
P = "<p>" + AR + " " + AR + " وقالت مصادر محلية إن القصف أدى إلى دمار كبير في المنازل.</p>"
w("unclosed_tags.html", "<html><head><title>خبر<body><div><p>" + AR + " " + AR + "<div><span><b><i>" + AR * 3)
w("unclosed_comment.html", "<html><body>" + P + "<!-- never closed " + P * 3)
w("unclosed_script.html", "<html><body>" + P + "<script>var x = '" + P * 3)
w("bad_charset.html", "<html><head><meta charset=\"x-no-such-charset\"></head><body>" + P * 3 + "</body></html>")
w("lying_charset.html", ("<html><head><meta charset=\"utf-8\"></head><body>" + P * 3 + "</body></html>").encode("cp1256"))
w("nul_bytes.html", ("<html><body>" + P * 3 + "</body></html>").encode().replace(b"<p>", b"<p>\x00"))
w("empty.html", b"")
w("no_body.html", "<html><head><title>t</title></head></html>")
w("entities.html", "<html><body><p>" + "&#0;&#xD800;&#1114112;&#99999999999;&amp&lt;&bogus;" * 50 + AR + "</p>" + P * 3 + "</body></html>")
# --- WARC (ingest) ---
def http(body):
    b = body.encode()
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(b) + b
def rec(block, length=None, uri="http://example.org/a"):
    n = len(block) if length is None else length
    h = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2021-01-27T10:00:00Z\r\n"
         "WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\n"
         "Content-Length: %s\r\n\r\n" % (uri, abs(hash(uri)), n)).encode()
    return h + block + b"\r\n\r\n"
PAGE1 = "<html><body><h1>خبر</h1>" + P * 3 + "</body></html>"
PAGE2 = "<html><body><h1>خبر آخر</h1>" + P.replace("كفرنبل", "معرة النعمان") * 3 + "</body></html>"
b1, b2 = http(PAGE1), http(PAGE2)
w("warc_length_too_long.warc", rec(b1, len(b1) + 300, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
w("warc_length_too_short.warc", rec(b1, len(b1) - 200, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
w("warc_length_huge.warc", rec(b1, 10**18, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
w("warc_length_negative.warc", rec(b1, -5, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
w("warc_length_garbage.warc", rec(b1, "12abc", "http://e.org/1") + rec(b2, None, "http://e.org/2"))
w("warc_length_missing.warc", rec(b1, None, "http://e.org/1").replace(b"Content-Length: %d\r\n\r\nHTTP" % len(b1), b"\r\nHTTP") + rec(b2, None, "http://e.org/2"))
w("warc_garbage_header.warc", b"\x00\x01WARC/9.9 nonsense\r\n\r\n" + rec(b2, None, "http://e.org/2"))
w("warc_not_http.warc", rec(b"this is not http at all", None, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nZZZZ\r\n" + PAGE1.encode()
w("warc_bad_chunked.warc", rec(chunked, None, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
gzbody = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(PAGE1.encode())[:40]
w("warc_bad_content_encoding.warc", rec(gzbody, None, "http://e.org/1") + rec(b2, None, "http://e.org/2"))
full = gzip.compress(rec(b1, None, "http://e.org/1")) + gzip.compress(rec(b2, None, "http://e.org/2"))
w("warc_concatenated.warc.gz", full)
w("warc_truncated.warc.gz", gzip.compress(rec(b1, None, "http://e.org/1")) + gzip.compress(rec(b2, None, "http://e.org/2"))[:60])
w("empty.warc", b"")
