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
        "{path}: {count} case(s) in the bundle are different cases from the ones with the same "
        "number here ({numbers}): two stores use the desk code {desk}. Give each desk its own "
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
    # writing a bundle
    "bundle.err_write": (
        "Cannot write the bundle {path}: {reason}",
        "无法写入数据包 {path}：{reason}",
    ),
    "bundle.no_folder": ("the folder does not exist", "文件夹不存在"),
    "bundle.exported": (
        "Bundle written: {path} ({residents} residents, {sessions} desk sessions, {cases} cases; "
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
        "{count} resident(s) of the other desk are the same people as residents here "
        "(same ID number, or name and phone): their cases now point to the residents here",
        "{count} 位对方居民与此处居民为同一人（身份证号相同，或姓名与电话相同）："
        "其工单已关联到此处的居民",
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
        "Desk code: cannot change from {code}: this store already holds {count} case(s) "
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
}
