"""Copying the objects of PDFs read with pypdf into one PDF written with pydyf
(ronghe/build/pdf/assemble.py joins parts this way).

Content streams and other streams are copied as they are (still encoded when they were);
every indirect object of a source PDF is copied once, however often it is referred to.
"""

from __future__ import annotations

import pydyf


def pdf_number(x: float) -> str:
    """A number as written in a PDF: at most three decimals, no trailing zeros."""
    return f"{x:.3f}".rstrip("0").rstrip(".")


class RawObject(pydyf.Object):
    """A PDF object given by its serialized form (hex strings)."""

    def __init__(self, data: bytes):
        super().__init__()
        self._raw = data

    @property
    def data(self):
        return self._raw


class Copier:
    """Copies pypdf objects of one part into the pydyf document (each indirect object once)."""

    def __init__(self, pdf: pydyf.PDF):
        self.pdf = pdf
        self.done: dict[tuple[int, int], pydyf.Object] = {}

    def ref(self, reader, indirect) -> bytes:
        key = (id(reader), indirect.idnum)
        obj = self.done.get(key)
        if obj is None:
            target = indirect.get_object()
            obj = self.value(reader, target)
            if not isinstance(obj, pydyf.Object):   # a number or name stored indirectly
                obj = RawObject(str(obj).encode("ascii") if not isinstance(obj, float)
                                else pdf_number(obj).encode("ascii"))
            self.pdf.add_object(obj)
            self.done[key] = obj
        return obj.reference

    def value(self, reader, v):
        from pypdf import generic as g

        if isinstance(v, g.IndirectObject):
            return self.ref(reader, v)
        if isinstance(v, g.StreamObject):
            extra = {k[1:]: self.value(reader, v.raw_get(k)) for k in v
                     if k not in ("/Length", "/Filter", "/DecodeParms")}
            raw = getattr(v, "_data", None)
            if isinstance(v, g.EncodedStreamObject) and raw is not None:
                for k in ("/Filter", "/DecodeParms"):
                    if k in v:
                        extra[k[1:]] = self.value(reader, v.raw_get(k))
                return pydyf.Stream([raw], extra)
            return pydyf.Stream([v.get_data()], extra, compress=True)
        if isinstance(v, g.DictionaryObject):
            return pydyf.Dictionary({k[1:]: self.value(reader, v.raw_get(k)) for k in v})
        if isinstance(v, g.ArrayObject):
            return pydyf.Array([self.value(reader, x) for x in v])
        if isinstance(v, g.NameObject):
            return pydyf.name(v[1:]).decode("ascii")
        if isinstance(v, g.BooleanObject):
            return "true" if v else "false"
        if isinstance(v, g.NullObject):
            return "null"
        if isinstance(v, (g.TextStringObject, g.ByteStringObject)):
            data = v.original_bytes if hasattr(v, "original_bytes") else bytes(v)
            return RawObject(b"<" + data.hex().encode() + b">")
        if isinstance(v, g.FloatObject):
            return float(v)
        if isinstance(v, g.NumberObject):
            return int(v)
        raise TypeError(f"unexpected PDF object {type(v).__name__}")
