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
    "intake.event_backdated": (
        "Back-dated from a paper page; typed in at {typed_at}",
        "据纸质登记补录，录入时间 {typed_at}",
    ),
    "intake.event_added": (
        "Reported again at the desk on {at}: {description}",
        "{at} 在服务台再次反映：{description}",
    ),
}
