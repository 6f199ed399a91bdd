"""Messages of the Lookup screen, the resident view, the resident dialog and the import screen."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the search screen
    "lookup.placeholder": (
        "Name, pinyin (jjg), phone or its last 4 digits, room 12-2-301, ID tail",
        "姓名、拼音（jjg）、电话或尾号 4 位、房号 12-2-301、身份证尾号",
    ),
    "lookup.loading": ("Loading the residents ...", "正在载入居民 ..."),
    "lookup.hint": (
        "Type to search {count} {count|resident|residents}. Up/Down pick a row, Enter opens it.",
        "输入即可在 {count} 位居民中查找。上下键选择，回车打开。",
    ),
    "lookup.counting": ("Open cases follow.", "在办工单数稍后显示。"),
    "lookup.none": (
        'No resident matches "{query}". Ctrl+N adds a new resident.',
        "没有与“{query}”相符的居民。按 Ctrl+N 新增居民。",
    ),
    "lookup.found": (
        "{count} of {total} {total|resident|residents}",
        "{total} 位居民中有 {count} 位相符",
    ),
    "lookup.found_first": (
        "First {count} {count|resident|residents}: type more, or scroll down",
        "显示前 {count} 位居民：继续输入或向下滚动",
    ),
    "lookup.found_more": (
        "First {count} of {matches} matches in {total} {total|resident|residents}: "
        "type more, or scroll down",
        "{total} 位居民中有 {matches} 位相符，显示前 {count} 位：继续输入或向下滚动",
    ),
    "lookup.col_address": ("Address", "地址"),
    "lookup.col_open": ("Open cases", "在办工单"),
    "lookup.key_open": ("Open", "打开"),
    "lookup.key_open_tip": ("Open the highlighted resident", "打开所选居民"),
    "lookup.key_add": ("Add resident", "新增居民"),
    "lookup.key_add_tip": (
        "Add a resident who is not on the roster yet",
        "新增尚未登记在册的居民",
    ),
    "lookup.key_import": ("Import roster", "导入花名册"),
    "lookup.key_import_tip": (
        "Import residents from an .xlsx or .csv roster",
        "从 .xlsx 或 .csv 花名册导入居民",
    ),
    "lookup.key_clear": ("Clear", "清空"),
    "lookup.key_clear_tip": ("Clear the search box", "清空搜索框"),
    "lookup.key_next": ("Next row", "下一行"),
    "lookup.key_previous": ("Previous row", "上一行"),
    "lookup.palette_help": ("Open this resident", "打开这位居民"),
    "lookup.case_found": ("Case:", "工单："),
    "lookup.case_enter": ("Enter opens it", "回车打开"),
    # the resident view
    "lookup.resident_title": ("Resident", "居民"),
    "lookup.gone": (
        "This resident is no longer on the roster.",
        "这位居民已不在花名册中。",
    ),
    "lookup.household": (
        "Also living at {address} ({count}; Enter opens one)",
        "同住 {address} 的居民（{count} 人；回车打开）",
    ),
    "lookup.household_alone": ("Nobody else lives at {address}", "{address} 没有其他同住居民"),
    "lookup.household_none": ("Household: no address given", "同户居民：未填写住址"),
    "lookup.cases": (
        "Cases of this resident and household ({count}; Enter shows one)",
        "本人及同户工单（{count} 件；回车查看）",
    ),
    "lookup.no_cases": ("No cases yet.", "暂无工单。"),
    "lookup.phones": ("Phone: {phones}", "电话：{phones}"),
    "lookup.id_number": ("ID number: {id_number}", "身份证号：{id_number}"),
    "lookup.notes": ("Notes: {notes}", "备注：{notes}"),
    "lookup.added_updated": (
        "On the roster since {created}, changed {updated}",
        "登记于 {created}，最后修改 {updated}",
    ),
    "lookup.none_given": ("none", "无"),
    "lookup.col_who": ("Resident", "居民"),
    "lookup.col_date": ("Date", "日期"),
    "lookup.key_new_case": ("New case", "登记诉求"),
    "lookup.key_new_case_tip": (
        "Register a new case for this resident (opens Intake)",
        "为这位居民登记新诉求（打开登记界面）",
    ),
    "lookup.key_edit": ("Edit", "修改"),
    "lookup.key_edit_tip": ("Edit this resident", "修改这位居民的信息"),
    "lookup.key_add_here": ("Add at address", "新增同户居民"),
    "lookup.key_add_here_tip": (
        "Add a new resident at this address (e.g. a new owner)",
        "在此地址新增居民（如二手房新业主）",
    ),
    "lookup.key_open_row": ("Open", "打开"),
    "lookup.key_open_row_tip": (
        "Open the highlighted household member or case",
        "打开所选的同户居民或工单",
    ),
    "lookup.key_back": ("Back", "返回"),
    "lookup.key_back_tip": ("Back to the previous screen", "返回上一界面"),
    # the resident dialog
    "lookup.add_title": ("New resident", "新增居民"),
    "lookup.edit_title": ("Edit {name}", "修改：{name}"),
    "lookup.phones_placeholder": (
        "13800138000, 0536-8881234",
        "13800138000, 0536-8881234",
    ),
    "lookup.gender_unknown": ("Not given", "未填"),
    "lookup.save": ("Save", "保存"),
    "lookup.confirm_discard": (
        "Throw away what you typed for this resident?",
        "放弃为该居民输入的内容吗？",
    ),
    "lookup.cancel": ("Cancel", "取消"),
    "lookup.key_save": ("Save", "保存"),
    "lookup.key_save_tip": ("Check and save the resident", "检查并保存居民信息"),
    "lookup.key_cancel": ("Cancel", "取消"),
    "lookup.key_cancel_tip": ("Close without saving", "不保存并关闭"),
    "lookup.dialog_hint": (
        "Enter moves to the next field; Ctrl+S saves.",
        "回车跳到下一项；Ctrl+S 保存。",
    ),
    "lookup.same_id_number": (
        "ID number: already on the roster as {name} ({address})",
        "身份证号：已登记为 {name}（{address}）",
    ),
    "lookup.same_person": (
        "Already on the roster: {name}, {address}, same phone. Open that resident instead.",
        "花名册中已有：{name}，{address}，电话相同。请直接打开该居民。",
    ),
    "lookup.same_address": (
        "Already on the roster: {name}, {address}, same name at this address. Open that "
        "resident instead, or give a phone or an ID number.",
        "花名册中已有：{name}，{address}，同名同住址。请直接打开该居民，或填写电话或身份证号。",
    ),
    "lookup.saved_new": ("Added {name}", "已新增 {name}"),
    "lookup.saved_edit": ("Saved {name}", "已保存 {name}"),
    "lookup.no_address": ("no address", "无住址"),
    # the case summary
    # the import screen
    "lookup.import_title": ("Import a roster", "导入花名册"),
    "lookup.import_help": (
        "Give the path of an .xlsx or .csv file (UTF-8, GBK or GB18030; Chinese or English "
        "headers). Enter checks it; nothing is saved until you press Ctrl+S.",
        "填写 .xlsx 或 .csv 文件的路径（UTF-8、GBK 或 GB18030；中文或英文表头）。"
        "回车检查文件；按 Ctrl+S 之前不会保存任何内容。",
    ),
    "lookup.import_placeholder": ("/path/to/roster.xlsx", "/路径/花名册.xlsx"),
    "lookup.import_checking": ("Checking {path} ...", "正在检查 {path} ..."),
    "lookup.import_saving": (
        "Saving {count} {count|resident|residents} ...",
        "正在保存 {count} 位居民 ...",
    ),
    "lookup.import_ready": ("Press Ctrl+S to import.", "按 Ctrl+S 导入。"),
    "lookup.import_nothing": ("Nothing to save.", "没有需要保存的内容。"),
    "lookup.import_done": ("Imported: {summary}", "导入完成：{summary}"),
    "lookup.col_row": ("Row", "行"),
    "lookup.col_column": ("Column", "列"),
    "lookup.col_reason": ("Problem", "问题"),
    "lookup.key_commit": ("Import", "导入"),
    "lookup.key_commit_tip": (
        "Save the checked residents as one batch",
        "将检查通过的居民一次性保存",
    ),
}
