"""Canned replies: the picker, the settings, their errors."""

MESSAGES: dict[str, tuple[str, str]] = {
    "replies.err_form": (
        "Canned reply {spec!r}: write it as CATEGORY=TEXT, e.g. property=物业报修电话 0536-8881234",
        "常用答复 {spec!r}：请写成 类别代码=答复内容，例如 property=物业报修电话 0536-8881234",
    ),
    "replies.err_category": (
        "Canned reply: no category {code!r}; the categories are {codes}",
        "常用答复：没有类别 {code!r}；可用的类别：{codes}",
    ),
    "replies.err_length": (
        "Canned reply: 1 to {limit} characters",
        "常用答复：1 到 {limit} 个字",
    ),
    "replies.err_full": (
        "Canned reply: {code} already has {limit}, the most a digit can pick; clear some first",
        "常用答复：{code} 已有 {limit} 条（最多 {limit} 条）；请先清除一些",
    ),
    "replies.title": ("Canned replies: {category}", "常用答复：{category}"),
    "replies.none": (
        "No canned replies for {category} yet (deskconsole settings --reply {code}=TEXT)",
        "{category} 还没有常用答复（deskconsole settings --reply {code}=答复内容）",
    ),
    "replies.hint": (
        "A digit or Enter takes a reply into the field (still editable); Esc goes back.",
        "按数字或回车把答复填入（仍可修改）；Esc 返回。",
    ),
    "replies.key_open": ("Canned replies", "常用答复"),
    "replies.key_open_tip": (
        "Pick a canned reply of this category for the field",
        "为此栏选一条本类别的常用答复",
    ),
    "replies.key_take": ("Take", "选用"),
    "replies.key_take_tip": ("Put the reply into the field", "把这条答复填入"),
    "replies.key_back": ("Back", "返回"),
    "replies.key_back_tip": ("Back to the field, nothing changed", "返回，不做修改"),
    "replies.settings_title": ("Canned replies", "常用答复"),
    "replies.settings_none": ("none yet", "暂无"),
    "replies.category_code": ("{label} ({code})", "{label}（{code}）"),
    "replies.edit_hint": (
        "Enter CATEGORY=TEXT adds a reply, CATEGORY= clears that category's; Esc goes back. "
        "Categories: {codes}",
        "输入 类别代码=答复内容 回车添加，输入 类别代码= 回车清除该类别的答复；Esc 返回。"
        "类别：{codes}",
    ),
    "replies.key_edit": ("Canned replies", "常用答复"),
    "replies.key_edit_tip": ("Add or clear canned replies", "添加或清除常用答复"),
    "replies.saved": ("Canned replies saved.", "常用答复已保存。"),
}
