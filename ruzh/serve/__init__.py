"""`ruzh serve`: a local web application on a run folder, for translators and QA reviewers.

- `folder`: the run folder `ruzh run` wrote, read and checked (and read again after a new run);
- `decisions`: the reviewers' decisions, kept in `review.sqlite` in the run folder;
- `marks`: document text cut into pieces to highlight (evidence, terms, sentences);
- `glossary_view`, `document_view`, `review_view`: what each page shows;
- `app`: the Starlette application, its routes and its error pages;
- `export`: `ruzh review export`, the decisions as CSV/XLSX and in a copy of divergences.json.

Nothing here is imported by `ruzh --help`: the web framework loads only for `ruzh serve`.
"""
