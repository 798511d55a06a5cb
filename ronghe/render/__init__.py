"""Rendering of generated pages as Markdown (engine-neutral: MkDocs only sees strings)."""
