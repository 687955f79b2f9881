"""The bilingual glossary: term candidates, pairing, dictionary forms, exports, lookup (issue 4).

Depends on `corpus` and `align`. Nothing is implemented here yet.
"""
