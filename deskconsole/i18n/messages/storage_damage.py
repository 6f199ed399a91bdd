"""Messages that say how a store file is damaged."""

MESSAGES: dict[str, tuple[str, str]] = {
    "damage.journal_line": ("line {line}: {reason}", "第 {line} 行：{reason}"),
    "damage.line_checksum": (
        "the line's checksum does not match (the line was changed)",
        "该行校验和不符（内容被改动）",
    ),
    "damage.line_shape": ("the line is not a journal entry", "该行不是日志记录"),
    "damage.header_misplaced": (
        "a journal header in the middle of the journal",
        "日志中间出现了日志头",
    ),
    "damage.line_gap": (
        "entry {seq} where {expected} was expected: a line is missing",
        "应为第 {expected} 条记录，实为第 {seq} 条：缺少一行",
    ),
    "damage.line_order": (
        "entry {seq} where {expected} was expected: lines are out of order or repeated",
        "应为第 {expected} 条记录，实为第 {seq} 条：行顺序错乱或重复",
    ),
    "damage.journal_missing": (
        "the journal is missing; the snapshot holds entries up to {seq} and later saves "
        "would be in it",
        "日志文件不见了；快照只含到第 {seq} 条记录，之后保存的内容都在日志中",
    ),
    "damage.journal_no_header": (
        "the journal's first line (its header) is missing: the journal was cut or replaced",
        "日志的第一行（日志头）缺失：日志被截断或替换",
    ),
    "damage.snapshot_missing": (
        "the snapshot is missing, but the journal continues one that held entries up to {seq}",
        "快照文件不见了，但日志接续的是一个含到第 {seq} 条记录的快照",
    ),
    "damage.journal_gap": (
        "the journal continues a snapshot of entry {follows}, but the snapshot holds entries "
        "up to {seq}: the entries in between are missing",
        "日志接续的是第 {follows} 条记录的快照，但快照只含到第 {seq} 条：中间的记录缺失",
    ),
    "damage.store_files_missing": (
        "the snapshot and the journal are both missing, but this folder holds backups of a store",
        "快照和日志都不见了，但这个目录中有数据的备份",
    ),
    "damage.snapshot_empty": ("the file is empty ({size} bytes)", "文件为空（{size} 字节）"),
    "damage.snapshot_foreign": ("not a deskconsole store file", "不是 deskconsole 数据文件"),
    "damage.snapshot_header": (
        "schema or sequence number missing",
        "缺少格式版本或记录序号",
    ),
    "damage.archive_missing": (
        "{count} archived {count|case the store lists is|cases the store lists are} not in "
        "this file (restore a backup)",
        "数据库登记的 {count} 件归档案件不在此文件中（请从备份恢复）",
    ),
    "damage.snapshot_unsealed": (
        "the checksum line at the end is missing or damaged (the file was cut or changed)",
        "末尾的校验行缺失或损坏（文件被截断或改动）",
    ),
    "damage.snapshot_tables": (
        "the tables section is missing or malformed",
        "数据表部分缺失或格式错误",
    ),
    "damage.snapshot_checksum": (
        "checksum mismatch: the contents were changed after they were written",
        "校验和不符：内容在写入后被改动",
    ),
    "damage.snapshot_utf8": ("not UTF-8 text at byte {byte}", "第 {byte} 字节处不是 UTF-8 文本"),
    "damage.snapshot_json": (
        "not valid JSON at line {line} column {column}: {msg}",
        "第 {line} 行第 {column} 列不是有效的 JSON：{msg}",
    ),
    "damage.backup_gzip": ("not a readable gzip file ({error})", "不是可读的 gzip 文件（{error}）"),
    "damage.backup_cut": ("the compressed file is cut short", "压缩文件不完整"),
}
