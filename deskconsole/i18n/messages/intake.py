"""The intake form and its messages."""

MESSAGES: dict[str, tuple[str, str]] = {
    "intake.invalid": ("The case was not saved:\n{problems}", "工单未保存：\n{problems}"),
    "intake.err_anonymous_phone": (
        "give a contact phone for a resident not on the roster, or pick a resident",
        "未选择居民时须填写联系电话",
    ),
    "intake.err_unit_name": ("name the department or unit", "请填写科室或单位名称"),
    "intake.err_future": ("cannot be in the future", "不能晚于当前时间"),
    "intake.err_outcome": (
        "say how it was solved on the spot",
        "请填写当场解决的办理结果",
    ),
}

MESSAGES.update(
    {
        "intake.key_save": ("Save", "保存"),
        "intake.key_save_tip": (
            "Save the case (it is durable when the number shows)",
            "保存工单（显示工单号即已保存）",
        ),
        "intake.key_discard": ("Clear", "清空"),
        "intake.key_discard_tip": ("Clear the form (asks first)", "清空表单（会先确认）"),
        "intake.label_resident": ("Resident", "居民"),
        "intake.label_contact": ("Contact", "联系人"),
        "intake.label_request_type": ("Request type", "诉求类型"),
        "intake.label_category": ("Category", "类别"),
        "intake.label_description": ("Matter", "诉求内容"),
        "intake.label_location": ("Location", "地点"),
        "intake.label_urgency": ("Urgency", "紧急程度"),
        "intake.label_party": ("Party", "承办单位"),
        "intake.label_party_name": ("Unit name", "单位名称"),
        "intake.label_intake_at": ("Taken at", "登记时间"),
        "intake.label_outcome": ("Outcome", "办理结果"),
        "intake.hint_contact_name": ("anonymous: name (optional)", "匿名：称呼（可不填）"),
        "intake.hint_contact_phone": ("contact phone", "联系电话"),
        "intake.hint_location": (
            "where: the resident's address by default",
            "地点：默认为居民住址",
        ),
        "intake.hint_party_name": ("which department or unit", "哪个科室或单位"),
        "intake.hint_intake_at": (
            "now {now} (or type a date)",
            "现在 {now}（补录请填日期时间）",
        ),
        "intake.hint_outcome": ("how it was solved at the desk", "当场如何解决"),
        "intake.on_spot": ("Solved on the spot", "当场解决"),
        "intake.party_later": ("Not yet", "暂不指定"),
        "intake.due": (
            "due {due} ({days} working {days|day|days})",
            "期限 {due}（{days} 个工作日）",
        ),
        "intake.due_unknown": ("due: fix the time first", "期限：请先改正登记时间"),
        "intake.draft_restored": (
            "The case you were typing before was restored.",
            "已恢复上次未保存的登记内容。",
        ),
        "intake.draft_failed": (
            "Could not keep a draft on disk ({reason}); the form is still here.",
            "无法在磁盘上保存草稿（{reason}）；表单内容仍在。",
        ),
        "intake.not_saved": (
            "Not saved: {count} {count|field needs|fields need} attention (shown in red).",
            "未保存：有 {count} 处需要修改（红字标出）。",
        ),
        "intake.saved": ("Saved {number}, due {due}.", "已保存 {number}，期限 {due}。"),
        "intake.saved_on_spot": (
            "Saved {number}: solved on the spot, awaiting follow-up.",
            "已保存 {number}：当场解决，待回访。",
        ),
        "intake.saved_added": ("Added to {number} as a note.", "已作为备注加入 {number}。"),
        "intake.saved_duplicate": (
            "Saved {number} as a duplicate of {original}.",
            "已保存 {number}，标记为 {original} 的重复件。",
        ),
        "intake.confirm_discard": ("Throw away what you typed?", "放弃已输入的内容吗？"),
        "intake.related_title": (
            "This household already has {count} open {count|case|cases} in this category:",
            "该户在此类别已有 {count} 件在办工单：",
        ),
        "intake.related_hint": (
            "a: add to that case   d: save as its duplicate   n: save as a new case   Esc: back",
            "a：加入该工单   d：保存为其重复件   n：仍作新工单保存   Esc：返回",
        ),
        "intake.key_add_to": ("Add to it", "加入该单"),
        "intake.key_add_to_tip": (
            "Record this as a note on the highlighted case",
            "作为备注记入所选工单",
        ),
        "intake.key_duplicate": ("Duplicate", "重复件"),
        "intake.key_duplicate_tip": (
            "Save the new case as a duplicate of the highlighted one",
            "保存新工单并标记为所选工单的重复件",
        ),
        "intake.key_new_anyway": ("New case", "新工单"),
        "intake.key_new_anyway_tip": ("Save as a separate new case", "仍作为单独的新工单保存"),
        "intake.key_walk_in": ("New resident", "新增居民"),
        "intake.key_walk_in_tip": (
            "Add a walk-in who is not on the roster and take them for this case",
            "登记名单外的来访居民，并用于本工单",
        ),
        "intake.key_back": ("Back", "返回"),
        "intake.key_back_tip": ("Back to the form, nothing saved", "返回表单，不保存"),
    }
)
