#!/usr/bin/env python3
"""Print a document's predicted events next to its gold events (development aid).

usage: show.py INPUT.jsonl PRED.jsonl GOLD.jsonl [DOC_ID...]
"""
import json
import sys

inp = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1]) if l.strip()}
pred = {json.loads(l)["doc_id"]: json.loads(l) for l in open(sys.argv[2]) if l.strip()}
gold = {json.loads(l)["doc_id"]: json.loads(l) for l in open(sys.argv[3]) if l.strip()}
want = sys.argv[4:] or list(inp)
for d in want:
    text = inp[d]["text"]
    print("=" * 30, d)
    for e in gold.get(d, {}).get("events", []):
        print("  GOLD", e["id"], "core" if e["core"] else "    ", e["type"], e.get("mode"), e["source"], "->", e["target"],
              [l["name"] for l in e["location"]], e["date"], e["killed"], e["injured"], "|", e["evidence"][:80])
    for r in gold.get(d, {}).get("relations", []):
        print("  GOLD REL", r["actor"], r["patron"])
    for e in pred.get(d, {}).get("events", []):
        s = e["evidence"]["sentence"]; t = e["evidence"]["trigger"]
        loc = e["location"]["name_ar"] if e.get("location") else None
        print("  PRED", e["type"], e["mode"], [a["id"] for a in e["source"]], "->", [a["id"] for a in e["target"]],
              loc, (e.get("date") or {}).get("value"), e["casualties"].get("killed"), e["casualties"].get("injured"),
              e["status"], "|", text[t[0]:t[1]], "|", text[s[0]:s[1]][:90])
    for r in pred.get(d, {}).get("relations", []):
        print("  PRED REL", r["actor"]["id"], r["relation"], r["patron"]["id"])
