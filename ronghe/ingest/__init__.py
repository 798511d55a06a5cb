"""Ingest tool: turn a raw seed report into clean text plus draft entries.

Modules, one concern each:
  reading   -- decode an input file (UTF-8, UTF-16, GB18030/GBK, Big5) or refuse it with a clear error
  chrome    -- the maintained list of web chrome and spam patterns (removed before anything else)
  mojibake  -- runs of text decoded with the wrong codec (reported, never converted)
  pinyin    -- bracketed readings checked with pypinyin; readable ids from Chinese
  metadata  -- bylines, dates, publications, sign-offs
  clean     -- strip chrome/HTML, restore masks, simplify, normalise punctuation, join hard line
               breaks, collapse repeated blocks; keeps the input line of every clean line
  sentences -- split clean text into sentences with offsets
  structure -- title and the section tree (numbered, unnumbered and labelled headings, table of contents)
  classify  -- section roles (background, problem, cause, countermeasure, case, not an entry, unclear)
  levels    -- responsibility levels named in a sentence
  ids       -- ids and output folders that never clash with what exists
  drafts    -- draft entry mappings and YAML rendering
  dedupe    -- recognise reports already ingested
  command   -- the command line (main(argv) -> int)
No MkDocs import anywhere in this package.
"""
