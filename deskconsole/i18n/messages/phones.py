"""Phone numbers checked against the numbering plan, and the store's area code."""

MESSAGES: dict[str, tuple[str, str]] = {
    "field.area_code": ("Area code", "区号"),
    "phone.warn_mobile_prefix": (
        "no mobile number starts with {prefix} in the numbering plan",
        "号段 {prefix} 不在手机号码规划中",
    ),
    "phone.warn_landline_length": (
        "numbers in area {area} have {wanted} digits after the area code, this has {count}",
        "区号 {area} 的号码应为 {wanted} 位，这里是 {count} 位",
    ),
    "phone.warn_landline": (
        "the numbering plan has no such number in area {area}",
        "区号 {area} 下没有这样的号码",
    ),
    "phone.err_area_code": (
        "{area} is not an area code in the numbering plan: give one like 0536 or 010",
        "{area} 不是有效区号，请填写如 0536、010 的区号",
    ),
    "phone.err_area_code_required": (
        "Area code: required (the area code of local numbers, e.g. 0536)",
        "默认区号：必填（本地号码的区号，如 0536）",
    ),
    "phone.err_area_code_setting": (
        "Area code: {area} is not in the numbering plan; give one like 0536 or 010",
        "默认区号：{area} 不是有效区号，请填写如 0536、010 的区号",
    ),
    "phone.info_area_code": ("Area code", "默认区号"),
    "phone.info_area_code_value": (
        "{area} (given to a local number typed without one)",
        "{area}（未填区号的本地号码按此补全）",
    ),
    "phone.intake_confirm": (
        "Not saved yet: check the phone with the resident; Ctrl+S again saves it as typed.",
        "尚未保存：请与居民核对电话号码；再按 Ctrl+S 按所填保存。",
    ),
    "phone.form_confirm": (
        "Check the number with the resident; Ctrl+S again saves it as typed.",
        "请与居民核对号码；再按 Ctrl+S 按所填保存。",
    ),
    "phone.key_area_code": ("Area code", "区号"),
    "phone.key_area_code_tip": (
        "The area code a local number typed without one gets",
        "未填区号的本地号码所补的区号",
    ),
    "phone.area_title": ("Area code of local numbers", "本地号码的区号"),
    "phone.area_note": (
        "A phone typed without its area code (8756972) is saved with this one (0536-8756972).",
        "未填区号的电话（如 8756972）按此区号保存（0536-8756972）。",
    ),
    "phone.area_hint": ("Enter or Ctrl+S saves, Esc cancels", "Enter 或 Ctrl+S 保存，Esc 取消"),
    "phone.area_saved": ("Area code saved: {area}", "区号已保存：{area}"),
}
