"""Messages about files: why the system refused, output paths refused, crash reports."""

MESSAGES: dict[str, tuple[str, str]] = {
    "os.failed": ("Cannot read or write {path}: {reason}", "无法读写 {path}：{reason}"),
    "os.no_space": ("the disk is full", "磁盘已满"),
    "os.read_only": ("the disk or folder is read-only", "磁盘或文件夹为只读"),
    "os.denied": ("permission denied", "没有权限"),
    "os.io": (
        "input/output error (the disk or USB stick may be failing)",
        "读写错误（磁盘或U盘可能已损坏）",
    ),
    "os.too_long": ("the path is too long", "路径过长"),
    "os.missing": ("no such file or folder", "文件或文件夹不存在"),
    "os.not_dir": ("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    "os.is_dir": ("it is a folder", "这是一个文件夹"),
    "os.loop": ("too many symbolic links", "符号链接过多"),
    # output files
    "out.write_failed": (
        "Could not write {path}: {reason}. Nothing was written there.",
        "无法写入 {path}：{reason}。该处没有写入任何内容。",
    ),
    "out.refused_store": (
        "Will not write {path}: it is inside the store's own folder {store}. "
        "Choose another folder.",
        "不会写入 {path}：它位于数据目录 {store} 之内。请换一个文件夹。",
    ),
    "out.refused_link": (
        "Will not write {path}: it is a symbolic link. Give the real file or a new name.",
        "不会写入 {path}：它是一个符号链接。请给出实际文件或新的文件名。",
    ),
    "out.refused_special": (
        "Will not write {path}: it is not a regular file (a device, pipe or socket).",
        "不会写入 {path}：它不是普通文件（而是设备、管道或套接字）。",
    ),
    # crashes
    "crash.report": (
        "deskconsole stopped on an unexpected error; the details (personal numbers masked) "
        "are in {path}",
        "deskconsole 因意外错误停止；详细信息（个人号码已隐去）已写入 {path}",
    ),
    "crash.no_report": (
        "deskconsole stopped on an unexpected error ({error}); no report could be written",
        "deskconsole 因意外错误停止（{error}）；无法写入错误报告",
    ),
}
