"""Messages of the store, its checks and backups."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.locked": (
        "The store in {data_dir} is in use by {holder}. Close that console first; "
        "read-only commands (check, export, stats) still work.",
        "数据目录 {data_dir} 正被 {holder} 使用。请先关闭那个控制台；"
        "只读命令（check、export、stats）仍可使用。",
    ),
    "store.corrupt_with_backup": (
        "Cannot read {path}: {detail}. The file was left untouched. The newest good backup is "
        "{backup}; restore it with: deskconsole restore --data-dir {data_dir}",
        "无法读取 {path}：{detail}。该文件未被改动。最新的完好备份是 {backup}；"
        "恢复方法：deskconsole restore --data-dir {data_dir}",
    ),
    "store.corrupt_no_backup": (
        "Cannot read {path}: {detail}. The file was left untouched, and there is no good "
        "backup in {data_dir}/backups. Keep a copy of the folder and ask for help.",
        "无法读取 {path}：{detail}。该文件未被改动，{data_dir}/backups 中也没有完好备份。"
        "请先复制整个目录留存，再寻求技术支持。",
    ),
    "store.too_new": (
        "{path} was written by a newer deskconsole (schema {schema}; this one reads up to "
        "{supported}). Update deskconsole.",
        "{path} 由更新版本的 deskconsole 写入（格式 {schema}，本版本最高支持 {supported}）。"
        "请升级 deskconsole。",
    ),
    "store.write_failed": (
        "Could not save to {path}: {reason}. Nothing already saved was lost and what you "
        "typed is kept; free some disk space or fix the folder's permissions, then try again.",
        "无法保存到 {path}：{reason}。已保存的数据没有丢失，输入的内容也已保留；"
        "请清理磁盘空间或修正目录权限后重试。",
    ),
    "store.read_only": (
        "The store in {data_dir} is open read-only.",
        "数据目录 {data_dir} 以只读方式打开。",
    ),
    "store.missing": ("There is no store in {data_dir}.", "{data_dir} 中没有数据。"),
    "store.open_failed": (
        "Cannot open {path}: {reason}. Nothing was changed; fix the folder or its "
        "permissions, or use --data-dir to choose another folder.",
        "无法打开 {path}：{reason}。没有改动任何数据；请修正该目录或其权限，"
        "或用 --data-dir 指定其他目录。",
    ),
    "store.busy": (
        "The store in {data_dir} kept changing while it was read; try again.",
        "读取 {data_dir} 时数据一直在变化，请重试。",
    ),
    "store.holder": (
        "pid {pid} ({user}@{host}, since {since})",
        "进程 {pid}（{user}@{host}，自 {since} 起）",
    ),
    "store.holder_pid": ("pid {pid}", "进程 {pid}"),
    "store.holder_unknown": ("another process", "另一个进程"),
    "store.not_opened": (
        "The store in {data_dir} could not be read; nothing was changed.",
        "无法读取 {data_dir} 中的数据；没有改动任何数据。",
    ),
}

MESSAGES.update(
    {
        "restore.no_backup": (
            "There is no good backup in {data_dir}/backups to restore.",
            "{data_dir}/backups 中没有可恢复的完好备份。",
        ),
        "restore.bad_backup": (
            "Cannot use backup {path}: {detail}.",
            "无法使用备份 {path}：{detail}。",
        ),
        "restore.failed": (
            "Restore failed while writing {path}: {reason}. The store was left as it was "
            "and nothing was deleted.",
            "恢复失败（写入 {path} 时）：{reason}。数据保持原样，没有删除任何文件。",
        ),
        "demo.not_empty": (
            "The store in {data_dir} already holds data; demo data goes only into a new store.",
            "{data_dir} 中已有数据；演示数据只能写入新的数据目录。",
        ),
    }
)
