"""Messages of personal data: a person's file, erasure, retention, the screen lock."""

MESSAGES: dict[str, tuple[str, str]] = {
    "bundle.what_erasures": ("erasure {index}", "第 {index} 条删除记录"),
    "privacy.bundle_erased": (
        "Personal data erased, as recorded on a desk: {count} resident(s)",
        "按服务台的删除记录删除个人信息：{count} 位居民",
    ),
    "privacy.err_reason": (
        "Erasing a resident needs a reason (e.g. the resident's request of 2026-12-01)",
        "删除居民个人信息须填写原因（例如：居民 2026-12-01 申请）",
    ),
    "privacy.err_no_resident": (
        "No resident {resident} in this store",
        "本库中没有居民 {resident}",
    ),
}
MESSAGES.update(
    {
        "privacy.err_ambiguous": (
            "{count} residents answer to {given}: give the record id (shown in the resident view)",
            "有 {count} 位居民符合 {given}：请给出记录编号（居民详情中可见）",
        ),
        "privacy.err_full_reason": (
            "A file with full numbers needs a reason (--reason), which goes on the audit log",
            "含完整号码的副本须填写原因（--reason），原因记入审计日志",
        ),
        "privacy.file_title": ("Personal data held on a resident", "居民个人信息副本"),
        "privacy.file_meta": (
            "{community}, produced {at} by {staff}",
            "{community}　{at} 由 {staff} 生成",
        ),
        "privacy.file_masked": (
            "Phone and ID numbers are masked in this copy.",
            "本副本中的电话和身份证号已做遮挡。",
        ),
        "privacy.file_full": (
            "This copy holds full phone and ID numbers; its production is on the audit log.",
            "本副本含完整电话和身份证号，生成情况已记入审计日志。",
        ),
        "privacy.file_resident": ("Resident record", "居民信息"),
        "privacy.file_record": ("Record", "记录编号"),
        "privacy.file_erased": (
            "Personal data erased on {at} by {staff}: {reason}",
            "个人信息已于 {at} 由 {staff} 删除：{reason}",
        ),
        "privacy.file_cases": ("Cases ({count})", "诉求工单（{count} 件）"),
        "privacy.file_audit": (
            "Audit entries naming the resident ({count})",
            "涉及该居民的审计记录（{count} 条）",
        ),
        "privacy.file_sign": (
            "Handed over by: ____________    Received by: ____________    Date: ____________",
            "经办人：____________　　领取人：____________　　日期：____________",
        ),
    }
)
