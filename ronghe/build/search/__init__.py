"""Chinese full-text search for the built site.

Build side: a domain dictionary (``dictionary``), cached jieba segmentation
(``segment``), the documents of every page (``documents``), a prebuilt lunr
index (``index``) and the query rules shared with the browser (``synonyms``,
``query``). ``publish`` is the post-build step that writes it all into the
site; ``web/`` holds the browser side (a drop-in replacement for Material's
search worker, plus the facet bar).
"""
