"""Recommendations to employers, recruiters and public bodies, with frozen evidence.

Seed: "based on documented feedback received from workers, worker centres may
recommend practices and policies that address commonly identified decent work
deficits". A `Recommendation` names its addressee, the deficits (feedback
`ThemeCode`s), its text, and its evidence: figures chosen from *releases* of the
disclosure-control layer (`advocacy.statistics`, closed standard periods only, small
cells already hidden) — never a live count, an open period or a custom range.

When it is sent, the evidence is frozen into an `EvidenceSnapshot`: the chosen cells
with their values, labels and the release each came from, serialised canonically
(sorted keys, no spaces) and hashed with SHA-256. The letter (HTML and PDF, built by
WeasyPrint) prints that snapshot and its hash; later data, a rebuilt release or an
erased member change nothing in it, and `EvidenceSnapshot.verify()` recomputes the
hash.

Status workflow: draft → sent → acknowledged → response received → implemented /
partly implemented / rejected, or no response (see `TRANSITIONS`).
"""
