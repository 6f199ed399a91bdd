"""Messages about the yearly case archive."""

MESSAGES: dict[str, tuple[str, str]] = {
    "archive.after": (
        "Cases closed or ended {days} {days|day|days} ago or more are archived.",
        "结案或终止满 {days} 天的工单转入归档文件。",
    ),
    "archive.off": (
        "Archiving is off: every case stays in the live store.",
        "归档已关闭：所有工单都留在在用数据中。",
    ),
    "archive.moved": (
        "Moved to the archive now: {count} {count|case|cases}.",
        "本次转入归档：{count} 件。",
    ),
    "archive.tidied": (
        "Old copies of {count} {count|case|cases} brought back live were removed from the "
        "archive files.",
        "已从归档文件中删除 {count} 件已恢复为在用工单的旧副本。",
    ),
    "archive.holds": (
        "The archive holds {count} {count|case|cases} ({years}).",
        "归档文件共有工单 {count} 件（{years}）。",
    ),
    "archive.on_server": (
        "This store is on the database server {server}: its cases all stay live there.",
        "此数据存放在数据库服务器 {server} 上：所有工单都留在服务器上，不做归档。",
    ),
    "archive.failed": (
        "The archive could not be updated (nothing was lost): {error}",
        "未能更新归档（没有丢失任何数据）：{error}",
    ),
    "archive.restore_lost": (
        "{count} archived {count|case|cases} of {year} the restored store lists are in no "
        "archive file or backed-up version of it; 'deskconsole check' names the file.",
        "恢复后的数据登记的 {year} 年归档工单中有 {count} 件不在任何归档文件或其备份中；"
        "“deskconsole check”会指出是哪个文件。",
    ),
    "cli.archive_locked": (
        "The store is in use by {holder}; the console archives by itself a few seconds "
        "after it starts. Close it first to archive now.",
        "数据目录正被 {holder} 使用；控制台启动几秒后会自动归档。如需立即归档，请先关闭控制台。",
    ),
}
