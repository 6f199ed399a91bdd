"""Messages of the audit log listing."""

MESSAGES: dict[str, tuple[str, str]] = {
    "audit.none": ("The audit log holds nothing for these days.", "这些日期的审计日志中没有记录。"),
    "audit.line": (
        "{at}  {staff}  {action}  {target}  ({details})",
        "{at}  {staff}  {action}  {target}（{details}）",
    ),
    "audit.action.register.export_unmasked": (
        "register exported with full numbers",
        "导出含完整号码的登记簿",
    ),
    "audit.action.register.show_unmasked": (
        "full numbers shown on the register screen",
        "在登记簿界面显示完整号码",
    ),
    "audit.action.bundle.export": ("bundle written", "导出数据包"),
    "audit.action.store.backup": ("backup taken by hand", "手动备份"),
    "audit.action.session.corrected": ("desk session corrected", "更正驻点信息"),
}
