"""Which encoding a CSV that is not UTF-8 is in: GBK/GB18030, or something to refuse.

GB18030 decodes almost any bytes, so decoding alone would take a Big5, Shift-JIS or
Latin-1 file for garbled Chinese; charset-normalizer says what the bytes look like.
"""

from __future__ import annotations

UNKNOWN_ENCODING = "?"

_GB_CODECS = frozenset({"gb18030", "gbk", "gb2312", "cp936", "hz"})
_ENCODING_NAMES = {
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "cp950": "Big5",
    "cp932": "Shift-JIS",
    "shift_jis": "Shift-JIS",
    "shift_jis_2004": "Shift-JIS",
    "shift_jisx0213": "Shift-JIS",
    "euc_jp": "EUC-JP",
    "euc_jis_2004": "EUC-JP",
    "cp949": "EUC-KR",
    "euc_kr": "EUC-KR",
    "johab": "Johab",
    "latin_1": "Latin-1",
    "cp1252": "Windows-1252 (Latin-1)",
    "cp1250": "Windows-1250",
}


def other_encoding(data: bytes) -> str | None:
    """``None`` when the bytes are GBK/GB18030 as likely as anything else; otherwise the
    name of what they look like (``Big5``), or :data:`UNKNOWN_ENCODING`."""
    from charset_normalizer import from_bytes  # imported here: only a CSV import needs it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return UNKNOWN_ENCODING
    # A few Chinese characters fit several East Asian encodings equally well: GBK wins ties.
    if any(m.encoding in _GB_CODECS for m in matches if m.chaos <= best.chaos + 0.01):
        return None
    return _ENCODING_NAMES.get(best.encoding, best.encoding.replace("_", "-").upper())
