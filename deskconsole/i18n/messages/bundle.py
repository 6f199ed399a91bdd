"""Messages of bundles (exchange with other desks) and of the desk's settings."""

MESSAGES: dict[str, tuple[str, str]] = {
    # reading a bundle
    "bundle.err_missing": ("{path}: no such file", "{path}：文件不存在"),
    "bundle.err_unreadable": (
        "{path}: cannot read the file: {reason}",
        "{path}：无法读取：{reason}",
    ),
    "bundle.err_empty": (
        "{path} is empty: copy the bundle again from the other desk",
        "{path} 是空文件：请从另一服务台重新拷贝数据包",
    ),
    "bundle.err_not_json": (
        "{path} is not a deskconsole bundle (it is not JSON text); nothing was imported",
        "{path} 不是 deskconsole 数据包（不是 JSON 文本）；未导入任何内容",
    ),
    "bundle.err_foreign": (
        "{path} is JSON but not a deskconsole bundle; nothing was imported",
        "{path} 是 JSON 文件，但不是 deskconsole 数据包；未导入任何内容",
    ),
    "bundle.err_truncated": (
        "{path} is cut short ({size} bytes; the copy stopped early): copy it again from the "
        "other desk; nothing was imported",
        "{path} 不完整（{size} 字节，拷贝中途中断）：请从另一服务台重新拷贝；未导入任何内容",
    ),
    "bundle.err_broken": (
        "{path} is damaged (broken near character {offset}): copy it again from the other "
        "desk; nothing was imported",
        "{path} 已损坏（约第 {offset} 个字符处出错）：请从另一服务台重新拷贝；未导入任何内容",
    ),
    "bundle.err_checksum": (
        "{path} is damaged: its checksum does not match its contents (changed or corrupted "
        "on the way); copy it again from the other desk; nothing was imported",
        "{path} 已损坏：校验和与内容不符（传输途中被改动或损坏）；请从另一服务台重新拷贝；"
        "未导入任何内容",
    ),
    "bundle.err_version": (
        "{path} has bundle format version {version}; this deskconsole reads version "
        "{supported}; nothing was imported",
        "{path} 的数据包格式版本为 {version}；本程序只能读取版本 {supported}；未导入任何内容",
    ),
    "bundle.err_version_newer": (
        "{path} was made by a newer deskconsole (bundle format version {version}; this one "
        "reads version {supported}): update deskconsole on this desk first; nothing was imported",
        "{path} 由较新版本的 deskconsole 生成（数据包格式版本 {version}，本程序只能读取版本 "
        "{supported}）：请先升级本服务台的 deskconsole；未导入任何内容",
    ),
    "bundle.err_incomplete": (
        "{path} is damaged: a part of the bundle is missing; nothing was imported",
        "{path} 已损坏：数据包缺少部分内容；未导入任何内容",
    ),
    "bundle.err_invalid": (
        "{path} holds a record that is not valid ({what}: {reason}); nothing was imported",
        "{path} 中有无效记录（{what}：{reason}）；未导入任何内容",
    ),
    "bundle.what_header": ("the header", "文件头"),
    "bundle.what_residents": ("resident {index} {key}", "第 {index} 位居民 {key}"),
    "bundle.what_sessions": ("desk session {index} {key}", "第 {index} 次驻点 {key}"),
    "bundle.what_cases": ("case {index} {key}", "第 {index} 件工单 {key}"),
    "bundle.err_collision": (
        "case {number} here and in the bundle are different cases: two stores use the desk "
        "code {desk}",
        "此处与数据包中的工单 {number} 是不同的工单：有两个数据库使用了同一服务台代码 {desk}",
    ),
    "bundle.err_collisions": (
        "{path}: {count} {count|case|cases} in the bundle {count|is a different case|are "
        "different cases} from the ones with the same number here ({numbers}): two stores use the "
        "desk code {desk}. Give each desk its own "
        "code (deskconsole settings --desk-code) before exchanging bundles; nothing was imported",
        "{path}：数据包中有 {count} 件工单与此处同号工单并非同一工单（{numbers}）：有两个数据库"
        "使用了同一服务台代码 {desk}。请先为每个服务台设置各自的代码（deskconsole settings "
        "--desk-code）再交换数据包；未导入任何内容",
    ),
    "bundle.err_no_settings": (
        "This store has no desk code of its own yet: set it first (deskconsole settings "
        "--desk-code CODE --community NAME --data-dir {data_dir}, or Settings in the console); "
        "nothing was imported",
        "本数据库尚未设置自己的服务台代码：请先设置（deskconsole settings --desk-code 代码 "
        "--community 社区名 --data-dir {data_dir}，或在控制台的“设置”中）；未导入任何内容",
    ),
    "bundle.err_locked": (
        "The store is open in a console ({holder}): import the bundle from inside the console "
        "(command palette, Import bundle), or close it first",
        "数据库正在控制台中使用（{holder}）：请在控制台内导入（命令面板“导入数据包”），"
        "或先关闭控制台",
    ),
    "bundle.err_too_big": (
        "{path} is {size}; a bundle may be at most {limit}. Export a shorter span (--since)",
        "{path} 大小为 {size}；数据包最大 {limit}。请导出较短的时间段（--since）",
    ),
    "bundle.err_unpacks_too_big": (
        "{path} unpacks to more than {limit}; it is not a bundle this desk can take",
        "{path} 解压后超过 {limit}；这不是本服务台可以接收的数据包",
    ),
    # writing a bundle
    "bundle.err_locked_export": (
        "A bundle holds full numbers and is recorded in the store's audit log, and the store "
        "is open in a console ({holder}): export it from inside the console (command palette, "
        "Export bundle), or close the console first",
        "数据包含完整号码，须记入审计日志，而数据库正在控制台中使用（{holder}）：请在控制台内导出"
        "（命令面板“导出数据包”），或先关闭控制台",
    ),
    "bundle.exported": (
        "Bundle written: {path} ({residents} {residents|resident|residents}, {sessions} desk "
        "{sessions|session|sessions}, {cases} {cases|case|cases}; "
        "{scope})",
        "数据包已写入：{path}（居民 {residents} 人，驻点 {sessions} 次，工单 {cases} 件；{scope}）",
    ),
    "bundle.scope_all": ("everything", "全部记录"),
    "bundle.scope_since": ("changes since {since}", "{since} 以来的变更"),
    # the import summary
    "bundle.from": (
        "Bundle {path} from desk {desk} ({community}), made {created}, {scope}",
        "数据包 {path}：来自服务台 {desk}（{community}），生成于 {created}，{scope}",
    ),
    "bundle.kind_residents": ("Residents", "居民"),
    "bundle.kind_sessions": ("Desk sessions", "驻点"),
    "bundle.kind_cases": ("Cases", "工单"),
    "bundle.tally": (
        "{what}: {added} added, {updated} updated, {unchanged} unchanged",
        "{what}：新增 {added}，更新 {updated}，未变 {unchanged}",
    ),
    "bundle.mapped": (
        "{count} {count|resident|residents} of the other desk {count|is the same person as a "
        "resident|are the same people as residents} here (same ID number, or name and phone): "
        "their cases now point to the residents here",
        "{count} 位对方居民与此处居民为同一人（身份证号相同，或姓名与电话相同）："
        "其工单已关联到此处的居民",
    ),
    "bundle.own_code_warning": (
        "Note: {count} {count|case|cases} in the bundle {count|carries|carry} this desk's code "
        "{code} but {count|was|were} not in this store ({numbers}). If another store also uses "
        "the code {code}, give one of "
        "them its own code before it takes more cases (deskconsole settings --desk-code).",
        "注意：数据包中有 {count} 件工单使用本服务台代码 {code}，但本数据库中原先没有"
        "（{numbers}）。如果另有数据库也在使用代码 {code}，请在其继续登记前为其中一个改用"
        "自己的代码（deskconsole settings --desk-code）。",
    ),
    "bundle.conflicts_head": (
        "In conflict ({count}): both desks changed these differently; the later value is kept, "
        "both values are in the case's timeline:",
        "冲突（{count}）：两个服务台对以下内容作了不同修改；保留较晚的值，两个值都记录在工单"
        "时间线中：",
    ),
    "bundle.conflict_line": (
        '{number} {field}: kept "{kept}" ({kept_by}); other "{other}" ({other_by})',
        "{number} {field}：保留“{kept}”（{kept_by}）；另一值“{other}”（{other_by}）",
    ),
    "bundle.no_conflicts": ("No conflicts.", "没有冲突。"),
    "bundle.dry_run": ("Dry run: nothing was saved.", "试运行：未保存任何内容。"),
    "bundle.nothing_new": (
        "Nothing new: everything in the bundle is already here.",
        "没有新内容：数据包中的记录此处都已有。",
    ),
    "bundle.saved": ("Saved in one batch.", "已一次性保存。"),
    # the command line
    "bundle.cli_help": (
        "Exchange records with other desks through one file (a USB stick, a shared folder).",
        "通过一个文件（U 盘、共享文件夹）与其他服务台交换记录。",
    ),
    # desk settings
    "bundle.err_desk_code_required": (
        "Desk code: required (2-6 capital letters or digits, e.g. JC)",
        "服务台代码：必填（2-6 位大写字母或数字，如 JC）",
    ),
    "bundle.err_desk_code": (
        "Desk code: {code} is not valid; use 2-6 capital letters or digits starting with a "
        "letter, e.g. JC",
        "服务台代码：{code} 无效；请用 2-6 位大写字母或数字，以字母开头，如 JC",
    ),
    "bundle.err_community_required": ("Community: required", "社区名称：必填"),
    "bundle.err_community_long": (
        "Community: at most {limit} characters",
        "社区名称：最多 {limit} 个字符",
    ),
    "bundle.err_code_locked": (
        "Desk code: cannot change from {code}: this store already holds {count} {count|case|cases} "
        "numbered {code}-..., and case numbers must stay unique across desks",
        "服务台代码：不能再修改 {code}：本数据库已有 {count} 件编号为 {code}-... 的工单，"
        "各服务台的工单号必须保持唯一",
    ),
    "bundle.err_code_taken": (
        "Desk code: {code} belongs to another desk ({count} of its cases are in this store); "
        "choose another code",
        "服务台代码：{code} 已属于另一服务台（本数据库中有其工单 {count} 件）；请换一个代码",
    ),
    "bundle.info_line": ("{label}: {value}", "{label}：{value}"),
    "bundle.settings_saved": ("Settings saved.", "设置已保存。"),
    "bundle.info_store": ("Store", "数据目录"),
    "bundle.info_community": ("Community", "社区"),
    "bundle.info_street": ("Street", "街道"),
    "bundle.info_desk_code": ("Desk code", "服务台代码"),
    "bundle.info_not_saved": (
        "{value} (default, not chosen yet)",
        "{value}（默认值，尚未设置）",
    ),
    "bundle.info_cases": ("Cases", "工单"),
    "bundle.info_cases_value": (
        "{own} from this desk, {other} from other desks",
        "本服务台 {own} 件，其他服务台 {other} 件",
    ),
    "bundle.info_residents": ("Residents", "居民"),
    "bundle.info_sessions": ("Desk sessions", "驻点"),
    "bundle.info_backups": ("Backups", "备份"),
    "bundle.info_register_lang": ("Register language", "登记簿语言"),
    "bundle.register_lang_zh": ("Chinese (简体中文)", "简体中文"),
    "bundle.register_lang_en": ("English", "英文（English）"),
    "bundle.info_backups_value": (
        "{count} in {folder}, newest {newest}, keeping {keep}",
        "{folder} 中 {count} 份，最新 {newest}，保留 {keep} 份",
    ),
    "bundle.info_no_backups": ("none yet (keeping {keep})", "暂无（保留 {keep} 份）"),
    "bundle.info_limits": ("Time limits", "办理时限"),
    "bundle.info_limits_value": (
        "urgent {urgent}, normal {normal}, complex {complex} working days",
        "紧急 {urgent} 个、一般 {normal} 个、复杂 {complex} 个工作日",
    ),
    "bundle.info_categories": ("Categories", "诉求类别"),
    # the console: palette commands
    "bundle.cmd_export": ("Export bundle", "导出数据包"),
    "bundle.cmd_export_help": (
        "Write the records changed since a day to one file for another desk",
        "把某日以来变更的记录写入一个文件，交给其他服务台",
    ),
    "bundle.cmd_import": ("Import bundle", "导入数据包"),
    "bundle.cmd_import_help": (
        "Merge a bundle from another desk: check it first, then save it in one batch",
        "合并其他服务台的数据包：先检查，再一次性保存",
    ),
    "bundle.cmd_settings": ("Settings and desk code", "设置与服务台代码"),
    "bundle.cmd_settings_help": (
        "Community, desk code, data folder, backups, categories",
        "社区、服务台代码、数据目录、备份、诉求类别",
    ),
    # the export dialog
    "bundle.export_title": ("Export a bundle for another desk", "导出数据包给其他服务台"),
    "bundle.export_text": (
        "One file with the residents, desk sessions and cases changed since the day given "
        "(all when blank). It holds personal data: keep the USB stick safe.",
        "包含所填日期以来变更的居民、驻点和工单（不填为全部）。文件含个人信息，请妥善保管。",
    ),
    "bundle.field_file": ("File", "文件"),
    "bundle.hint_file": ("e.g. /media/usb/bundle.dcb", "例如 /media/usb/bundle.dcb"),
    "bundle.field_since": ("Changed since", "变更起始日"),
    "bundle.hint_since": ("YYYY-MM-DD, blank for everything", "YYYY-MM-DD，不填为全部"),
    "bundle.export_hint": (
        "Enter moves on, Ctrl+S writes the file, Esc cancels. A name ending in .gz is compressed.",
        "回车到下一项，Ctrl+S 写入文件，Esc 取消。文件名以 .gz 结尾则压缩。",
    ),
    "bundle.key_export": ("Export", "导出"),
    "bundle.key_export_tip": ("Write the bundle file", "写入数据包文件"),
    "bundle.export_done": ("Bundle written", "数据包已写入"),
    "bundle.export_failed": ("The bundle was not written", "数据包未写入"),
    "bundle.done_hint": ("Enter or Esc closes this.", "按回车或 Esc 关闭。"),
    "bundle.key_ok": ("Close", "关闭"),
    "bundle.key_ok_tip": ("Close this message", "关闭此消息"),
    # the import screen
    "bundle.import_title": ("Import a bundle from another desk", "导入其他服务台的数据包"),
    "bundle.import_help": (
        "Type the path of the bundle and press Enter: it is checked and nothing is saved "
        "until you press Ctrl+S. Importing the same bundle again changes nothing.",
        "输入数据包路径并回车：先检查，按Ctrl+S才保存。同一数据包重复导入不会改变任何内容。",
    ),
    "bundle.import_placeholder": (
        "Path of the bundle, e.g. /media/usb/bundle-XC-20261127-1600.dcb",
        "数据包路径，例如 /media/usb/bundle-XC-20261127-1600.dcb",
    ),
    "bundle.import_checking": ("Checking {path} ...", "正在检查 {path}……"),
    "bundle.import_ready": (
        "Press Ctrl+S to save all of it in one batch.",
        "按 Ctrl+S 一次性保存全部内容。",
    ),
    "bundle.import_saving": ("Saving ...", "正在保存……"),
    "bundle.import_done": (
        "Bundle imported: {cases} {cases|case|cases} added or updated.",
        "数据包已导入：新增或更新工单 {cases} 件。",
    ),
    "bundle.key_import": ("Save import", "保存导入"),
    "bundle.key_import_tip": (
        "Save everything the check found, in one batch",
        "一次性保存检查出的全部内容",
    ),
    "bundle.key_close": ("Back", "返回"),
    "bundle.key_close_tip": ("Back to where you were", "返回上一画面"),
    "bundle.col_number": ("Case", "工单"),
    "bundle.col_field": ("Field", "内容"),
    "bundle.col_kept": ("Kept", "保留值"),
    "bundle.col_other": ("Other value", "另一值"),
    # the settings view and dialog
    "bundle.settings_title": ("Settings of this desk", "本服务台设置"),
    "bundle.settings_loading": ("Reading the settings ...", "正在读取设置……"),
    "bundle.settings_help": (
        "e changes the community name or the desk code; the desk code starts every case "
        "number and cannot change once cases carry it. l switches the exported register "
        "between Chinese and English. a changes the area code given to a local number typed "
        "without one. c adds a canned reply. p sets how long personal data is kept, the idle "
        "lock and the unlock PIN. b writes a backup now. Esc goes back.",
        "按e键修改社区名称或服务台代码；服务台代码是每个工单号的开头，已有工单使用后不能再改。"
        "按l键切换导出登记簿的语言（中文/英文）。按a键修改未填区号的本地号码所补的区号。"
        "按c键添加常用答复。按p键设置个人信息保存年限、空闲锁屏和解锁 PIN。"
        "按b键立即备份。按Esc返回。",
    ),
    "bundle.key_backup": ("Back up now", "立即备份"),
    "bundle.key_backup_tip": (
        "A full copy of the store into its backups folder (recorded in the audit log)",
        "将数据完整备份到备份文件夹（记入审计日志）",
    ),
    "bundle.key_register_lang": ("Register language", "登记簿语言"),
    "bundle.key_register_lang_tip": (
        "Export the register in Chinese (the default) or English",
        "导出登记簿用中文（默认）或英文",
    ),
    "bundle.register_lang_saved": (
        "The register is now exported in {lang}.",
        "登记簿今后以{lang}导出。",
    ),
    "bundle.key_edit": ("Change", "修改"),
    "bundle.key_edit_tip": (
        "Change the community name or the desk code",
        "修改社区名称或服务台代码",
    ),
    "bundle.key_save": ("Save", "保存"),
    "bundle.key_save_tip": ("Save the community name and desk code", "保存社区名称和服务台代码"),
    "bundle.settings_edit_title": ("Community and desk code", "社区与服务台代码"),
    "bundle.settings_hint": (
        "Enter moves on, Ctrl+S saves, Esc cancels.",
        "回车到下一项，Ctrl+S 保存，Esc 取消。",
    ),
    "bundle.hint_community": ("e.g. 金城社区", "例如 金城社区"),
    "bundle.hint_desk_code": ("2-6 letters or digits, e.g. JC", "2-6 位字母或数字，如 JC"),
    "bundle.first_start_title": ("A new store: which desk is this?", "新数据库：这是哪个服务台？"),
    "bundle.first_start_text": (
        "Each desk of the street has its own code; it starts every case number "
        "(JC-20261127-007), so numbers never collide when desks exchange bundles. "
        "It cannot change once cases carry it.",
        "街道的每个服务台都有自己的代码，作为每个工单号的开头（如 JC-20261127-007），"
        "各服务台交换数据包时工单号就不会重复。已有工单使用后不能再改。",
    ),
    "bundle.first_start_hint": (
        "Enter moves on, Ctrl+S saves, Esc leaves it for later.",
        "回车到下一项，Ctrl+S 保存，Esc 稍后再设置。",
    ),
    "bundle.key_later": ("Later", "稍后"),
    "bundle.key_later_tip": (
        "Close this and choose the desk code later (Settings in the palette)",
        "关闭，稍后再设置服务台代码（命令面板中的“设置”）",
    ),
    "bundle.first_case_title": (
        "Before the first case: which desk is this?",
        "登记第一件工单前：这是哪个服务台？",
    ),
    "bundle.first_case_hint": (
        "Enter moves on, Ctrl+S saves them and the case, Esc goes back to the case unsaved.",
        "回车到下一项，Ctrl+S 保存设置并保存工单，Esc 返回工单（不保存）。",
    ),
    "bundle.first_case_later": (
        "Case not saved: it needs this desk's code first (Ctrl+S asks again).",
        "工单未保存：需要先设置服务台代码（再按 Ctrl+S 会再次询问）。",
    ),
    "bundle.first_start_later": (
        "No desk code chosen yet: set it before taking cases (palette: Settings and desk code).",
        "尚未设置服务台代码：请在登记工单前设置（命令面板：设置与服务台代码）。",
    ),
    "bundle.first_start_saved": (
        "Saved: {community}, desk code {code}.",
        "已保存：{community}，服务台代码 {code}。",
    ),
}
