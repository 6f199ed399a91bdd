"""Messages printed by the command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.demo_creating": (
        "Creating the demo store in {data_dir} ...",
        "正在 {data_dir} 创建演示数据……",
    ),
    "cli.demo_done": (
        "Demo data written to {data_dir}: {residents} {residents|resident|residents}, {sessions} "
        "desk {sessions|session|sessions}, "
        "{cases} {cases|case|cases}.",
        "演示数据已写入 {data_dir}：居民 {residents} 人，驻点 {sessions} 次，工单 {cases} 件。",
    ),
    "cli.backup_done": ("Backup written: {path}", "备份已写入：{path}"),
    "cli.backup_locked": (
        "A backup is a full copy of personal data and is recorded in the store's audit log, "
        "and the store is in use by {holder}. The console backs up daily by itself; to take "
        "a backup now, press b on its settings view (palette: Settings), or close it first.",
        "备份是个人信息的完整副本，须记入审计日志，而数据目录正被 {holder} 使用。"
        "控制台每天会自动备份；如需立即备份，请在控制台的设置画面（命令面板：设置）按b键，"
        "或先关闭控制台。",
    ),
    "cli.restore_confirm": (
        "Replace the store in {data_dir} with a backup? The current files are kept aside.",
        "用备份替换 {data_dir} 中的数据吗？当前文件会另存保留。",
    ),
    "cli.restore_done": (
        "Restored from {backup}. The previous files are in {aside}.",
        "已从 {backup} 恢复。原文件保存在 {aside}。",
    ),
    "cli.restore_replayed": (
        "{entries} {entries|change|changes} saved after the backup {entries|was|were} kept "
        "(from the intact journal).",
        "备份之后保存的 {entries} 项更改已保留（来自完好的日志）。",
    ),
    "check.store": ("Store: {data_dir}", "数据目录：{data_dir}"),
    "check.cannot_open": ("  cannot open: {error}", "  无法打开：{error}"),
    "check.counts": ("  documents: {counts}", "  文档数：{counts}"),
    "check.journal": (
        "  journal: {entries} entries since the last snapshot",
        "  日志：上次快照后 {entries} 条记录",
    ),
    "check.torn_tail": (
        "  journal: the last write was unfinished (a crash) and is ignored; nothing saved was lost",
        "  日志：最后一次写入未完成（异常退出），已忽略；已保存的数据没有丢失",
    ),
    "check.invalid": ("  invalid: {problem}", "  无效：{problem}"),
    "check.more_invalid": ("  ... and {count} more", "  ……另有 {count} 条"),
    "check.locked": ("Lock: in use by {holder}", "锁：正被 {holder} 使用"),
    "check.free": ("Lock: free", "锁：空闲"),
    "check.backup": (
        "Newest good backup: {path} ({taken_at})",
        "最新完好备份：{path}（{taken_at}）",
    ),
    "check.no_backup": ("Newest good backup: none", "最新完好备份：无"),
    "check.ok": ("OK", "正常"),
    "check.problems": ("PROBLEMS FOUND", "发现问题"),
}
