"""Messages of the roster import (file, rows, summary) and the resident checks."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the file
    "roster.err_missing": ("{path}: no such file", "{path}：文件不存在"),
    "roster.err_unreadable": (
        "{path}: cannot read the file: {reason}",
        "{path}：无法读取：{reason}",
    ),
    "roster.err_kind": (
        "{path}: only .xlsx, .ods and .csv rosters can be imported; save it as one of them",
        "{path}：只能导入 .xlsx、.ods 或 .csv 格式的花名册，请另存为其中一种",
    ),
    "roster.err_xls": (
        "{path} is an old Excel 97-2003 (.xls) file: open it in Excel or WPS and save it as "
        ".xlsx or CSV",
        "{path} 是旧版 Excel 97-2003（.xls）文件：请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV",
    ),
    "roster.err_zip": (
        "{path} is an Excel workbook named .csv: rename it to .xlsx",
        "{path} 实际是 Excel 工作簿却以 .csv 命名：请改名为 .xlsx",
    ),
    "roster.err_encoding": (
        '{path}: the text is not UTF-8, GBK or GB18030; save it again as "CSV UTF-8" '
        "and import that file",
        "{path}：文本编码不是 UTF-8、GBK 或 GB18030；请另存为“CSV UTF-8”后再导入",
    ),
    "roster.err_encoding_guess": (
        "{path}: the text looks like {guess}, not UTF-8, GBK or GB18030, so its Chinese would "
        'be garbled; open it where it was made, save it as "CSV UTF-8" and import that file',
        "{path}：文本编码看起来是 {guess}，不是 UTF-8、GBK 或 GB18030，导入后中文会变成乱码；"
        "请用制作它的软件打开，另存为“CSV UTF-8”后再导入",
    ),
    "roster.err_quote": (
        '{path}, row {row}: a double quote (") opens a cell that never closes, so the rows '
        "after it would be read as one cell; nothing was imported. Remove the stray quote "
        "(or close it) and import again",
        '{path}，第 {row} 行：有一个双引号（"）开始的单元格没有结束，后面的行会被读成一个单元格；'
        "未导入任何数据。请删去多余的引号（或补上配对的引号）后重新导入",
    ),
    "roster.err_bad_ods": (
        "{path}: not a readable .ods spreadsheet ({reason}); open it in LibreOffice or WPS and "
        "save it as .xlsx",
        "{path}：不是可读取的 .ods 表格（{reason}）；请用 LibreOffice 或 WPS 打开，另存为 .xlsx",
    ),
    "roster.err_binary": (
        "{path} is not a text file; save the roster as .xlsx or CSV",
        "{path} 不是文本文件；请把花名册另存为 .xlsx 或 CSV",
    ),
    "roster.err_bad_xlsx": (
        "{path}: not a readable .xlsx workbook ({reason}); open it in Excel or WPS and save "
        "it again",
        "{path}：不是可读取的 .xlsx 工作簿（{reason}）；请用 Excel 或 WPS 打开后重新保存",
    ),
    "roster.err_empty": ("{path}: the file has no rows", "{path}：文件中没有数据"),
    "roster.err_no_name_column": (
        "{path}: no name column (姓名 or name) in the first rows; columns found: {headers}",
        "{path}：前几行中没有姓名列（姓名 或 name）；找到的列：{headers}",
    ),
    # rows
    "roster.no_name": ("required: every resident needs a name", "必填：每位居民都须有姓名"),
    "roster.bad_gender": (
        "{value} is not a gender; write 男 or 女 (or male/female)",
        "“{value}”不是性别，请填 男 或 女",
    ),
    "roster.id_as_number": (
        "saved as a number, so the spreadsheet dropped its last digits; format the column as "
        "text, type the ID numbers again and save",
        "被表格存成了数字，末几位已丢失；请把该列设为文本格式，重新录入身份证号后保存",
    ),
    "roster.note_id_15": (
        "old 15-digit number {old} converted to {new}",
        "旧的 15 位号码 {old} 已升位为 {new}",
    ),
    "roster.note_gender": (
        "{given} here, but the ID number says {by_id} (its 17th digit); imported as written, "
        "check which is right",
        "填写为{given}，但身份证号第 17 位表示{by_id}；已按所填导入，请核对",
    ),
    "roster.phone_warning": ("{phone}: {reason}", "{phone}：{reason}"),
    "roster.note_phone": (
        "{reason}; imported as written, check it with the resident",
        "{reason}；已按所填导入，请与居民核对",
    ),
    "roster.strict_skipped": ("{reason}; skipped (--strict)", "{reason}；已跳过（--strict）"),
    "roster.duplicate_row": ("same person as row {row}", "与第 {row} 行是同一人"),
    "roster.err_too_big": (
        "{path} is {size}; a roster may be at most {limit}. Split it, or save it as .xlsx",
        "{path} 大小为 {size}；名册最大 {limit}。请拆分文件，或另存为 .xlsx",
    ),
    "roster.err_xlsx_unpacked": (
        "{path} unpacks to {size}; a workbook may unpack to at most {limit}. "
        "Keep only the roster sheet, or save it as .csv",
        "{path} 解压后为 {size}；工作簿解压后最大 {limit}。请只保留名册工作表，或另存为 .csv",
    ),
    "roster.err_ods_too_big": (
        "{path}: its first sheet spans {rows} rows by {columns} columns, more than the "
        "{limit} cells an .ods roster may hold. Delete what lies beyond the roster, or save "
        "it as .xlsx",
        "{path}：第一个工作表占 {rows} 行 × {columns} 列，超过 .ods 名册最多 {limit} 个单元格。"
        "请删除名册以外的内容，或另存为 .xlsx",
    ),
    "roster.err_too_many_rows": (
        "{path} has more than {limit} filled rows (row {row} reached); split the roster",
        "{path} 的非空行超过 {limit} 行（已读到第 {row} 行）；请拆分名册",
    ),
    "roster.err_csv": (
        "{path}, row {row}: cannot be read as CSV ({reason})",
        "{path} 第 {row} 行：无法按 CSV 读取（{reason}）",
    ),
    "roster.cell_too_long": (
        "longer than {limit} characters",
        "超过 {limit} 个字符",
    ),
    "roster.column_n": ("column {n}", "第 {n} 列"),
    "roster.problem": ("row {row}, {column}: {reason}", "第 {row} 行，{column}：{reason}"),
    "roster.col_row": ("Row in the file", "原行号"),
    "roster.col_reason": ("Problem", "问题"),
    "roster.problems_written": (
        "Skipped rows written to {path}: fix them there and import that file.",
        "跳过的行已写入 {path}：请在其中改正后导入该文件。",
    ),
    # summary
    "roster.encoding_xlsx": ("Excel workbook", "Excel 工作簿"),
    "roster.encoding_ods": ("OpenDocument spreadsheet", "OpenDocument 表格"),
    "roster.encoding_gb": ("GBK/GB18030", "GBK/GB18030"),
    "roster.read": (
        "Read {rows} {rows|row|rows} from {path} ({encoding}).",
        "从 {path} 读取 {rows} 行（{encoding}）。",
    ),
    "roster.unknown_columns": (
        "Columns ignored: {columns}",
        "已忽略的列：{columns}",
    ),
    "roster.summary": (
        "{added} added, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
        "新增 {added} 人，更新 {updated} 人，无变化 {unchanged} 人，跳过 {skipped} 行。",
    ),
    "roster.summary_dry": (
        "Dry run, nothing saved: {added} would be added, {updated} updated, {unchanged} "
        "unchanged, {skipped} skipped.",
        "试运行，未保存：将新增 {added} 人，更新 {updated} 人，无变化 {unchanged} 人，"
        "跳过 {skipped} 行。",
    ),
    "roster.problems_head": ("Skipped rows:", "跳过的行："),
    "roster.notes_head": ("Imported, but check:", "已导入，但请核对："),
    "roster.note_check": ("imported, check: {reason}", "已导入，请核对：{reason}"),
    "roster.summary_converted": (
        "Old 15-digit ID numbers converted to 18 characters: {count}.",
        "旧的 15 位身份证号已升为 18 位：{count} 个。",
    ),
    "roster.summary_check": ("Rows to check: {count}.", "需核对：{count} 行。"),
    "roster.sentences": ("{first} {then}", "{first}{then}"),
    "roster.more_problems": ("... and {count} more", "……另有 {count} 条"),
}
