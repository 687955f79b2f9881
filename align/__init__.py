"""Alignment of the two versions: sentence embeddings, the alignment DP, links, TMX (issue 3).

Depends on `corpus` only. Nothing is implemented here yet.
"""
