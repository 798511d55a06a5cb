"""Ingest tool: turn a raw seed report into clean text plus draft entries.

Modules, one concern each:
  reading   -- decode an input file or refuse it with a clear error
  clean     -- strip chrome/HTML, restore masks, simplify, normalise punctuation
  sentences -- split clean text into sentences with offsets
  structure -- title/date/publisher and the heading hierarchy
  classify  -- section types (problem, cause, countermeasure, case, context)
  levels    -- responsibility levels named in a sentence
  drafts    -- draft entry mappings and YAML rendering
  dedupe    -- recognise reports already ingested
  command   -- the command line (main(argv) -> int)
No MkDocs import anywhere in this package.
"""
