"""Figures from a real-model CI run: reads a round's transcript.jsonl and critique.json and prints
turn latency (median), tokens per round, prompt-cache reuse, judge tokens per critique and guard
fallbacks per round. Exits 1 when the round is not sane (no model turn, a turn with no text)."""
import json
import statistics
import sys

transcript, critique = sys.argv[1], sys.argv[2]
turns = []
for line in open(transcript, encoding="utf-8"):
    e = json.loads(line)
    if e.get("type") == "turn" and e.get("role") == "interviewer" and "guard" in e:
        turns.append(e)
if not turns:
    sys.exit("no model turn in the round")
if any(not t["text"].strip() for t in turns):
    sys.exit("a model turn reached the candidate with no text")
lat = [t["latency_ms"] for t in turns if t.get("latency_ms") is not None]
tok = [t["tokens"] for t in turns if t.get("tokens")]
prompt = sum(t["prompt_tokens"] for t in tok)
completion = sum(t["completion_tokens"] for t in tok)
cached = sum(t.get("cached_tokens") or 0 for t in tok)
spoken = [t["guard"]["spoken"] for t in turns]
judge = next((l for l in json.load(open(critique, encoding="utf-8"))["layers"] if l["layer"] == "judge"), {})
verdicts = judge.get("verdicts") or {}
print(f"model turns: {len(turns)}")
print(f"turn latency: median {statistics.median(lat) / 1000:.1f} s, max {max(lat) / 1000:.1f} s")
print(f"tokens per round: {prompt + completion} ({prompt} prompt, {completion} completion)")
reuse = cached / prompt * 100 if prompt else 0.0
print(f"prompt cache reuse: {reuse:.1f}% ({cached} of {prompt} prompt tokens cached)")
print(
    "judge: ran={} tokens per critique {} ({} prompt, {} completion), verdicts {}".format(
        judge.get("ran"),
        verdicts.get("prompt_tokens", 0) + verdicts.get("completion_tokens", 0),
        verdicts.get("prompt_tokens", 0),
        verdicts.get("completion_tokens", 0),
        {k: verdicts.get(k) for k in ("asked", "kept", "invented_quotes", "failed")},
    )
)
if judge.get("note"):
    print(f"judge note: {judge['note']}")
print(
    "guard: {} spoken as drafted, {} regenerated, {} offline fallbacks per round".format(
        spoken.count("model"), spoken.count("regenerated"), spoken.count("offline")
    )
)
