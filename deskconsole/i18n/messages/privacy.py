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
