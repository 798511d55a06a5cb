"""PDF output with WeasyPrint, reusable by every printable product (checklists, booklet, handouts).

- ``document``: a complete HTML document (``lang="zh-CN"``) from a body and stylesheets;
- ``render``: HTML -> PDF (WeasyPrint is imported only when a PDF is actually made);
- ``cache``: content-hash cache so a PDF is regenerated only when its inputs change;
- ``base.css``: A4 pages, page numbers and the Noto CJK SC fonts named explicitly;
- ``checklist_pdf``: the checklist PDFs and their post-build step.
"""
