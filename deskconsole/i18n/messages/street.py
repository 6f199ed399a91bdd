"""The street's view: scopes of the board, register and statistics, the comparison."""

MESSAGES: dict[str, tuple[str, str]] = {
    "street.scope_all": ("{street}, every community", "{street}（全部社区）"),
    "street.scope_community": ("{community} (desks {desks})", "{community}（服务台 {desks}）"),
    "street.scope_desk": ("{community}, desk {code}", "{community} {code} 服务台"),
    "street.covers": ("Covers: {scope}", "范围：{scope}"),
    "street.key_scope": ("Community", "社区"),
    "street.key_scope_tip": (
        "Show one community or desk, or the whole street",
        "只看一个社区或服务台，或看全街道",
    ),
    "street.key_take": ("Show", "查看"),
    "street.key_take_tip": ("Show the highlighted line", "查看选中的范围"),
    "street.key_next": ("Next", "下一个"),
    "street.key_next_tip": ("Move to the next line (round again)", "移到下一行（循环）"),
    "street.key_back": ("Back", "返回"),
    "street.key_back_tip": ("Keep what is shown", "保持当前范围"),
    "street.picker_title": ("Show which desks", "查看范围"),
    "street.picker_help": (
        "Up/Down or w pick, a digit or Enter shows it, Esc keeps the current one",
        "上下键或 w 选择，数字键或回车查看，Esc 不变",
    ),
    "street.err_desk": (
        "No desk {desk} in this store; its desks are: {known}",
        "本库没有服务台 {desk}；已有：{known}",
    ),
    "street.err_desk_elsewhere": (
        "Desk {desk} is not one of {community}'s",
        "服务台 {desk} 不属于{community}",
    ),
    "street.err_community": (
        "No community {community} in this store; its communities are: {known}",
        "本库没有社区“{community}”；已有：{known}",
    ),
    "street.err_desk_community": (
        "--desk-community wants CODE=COMMUNITY (e.g. JC=金城社区), not {value}",
        "--desk-community 的格式是 代码=社区（如 JC=金城社区），而不是 {value}",
    ),
    "street.compare_title": ("Communities side by side", "各社区对比"),
    "street.col_community": ("Community", "社区"),
    "street.col_desk": ("Desk", "服务台"),
    "street.col_cases": ("Cases", "诉求"),
    "street.col_on_spot": ("On the spot", "当场解决"),
    "street.col_on_time": ("On time", "按期办结率"),
    "street.col_satisfaction": ("Satisfied", "满意率"),
    "street.total": ("Street total", "街道合计"),
    "street.total_desks": ("Total", "合计"),
    "street.settings_desks": ("Other desks", "其他服务台"),
    "register.h_scope": ("Covers", "范围"),
    "register.f_communities": ("By community", "各社区"),
}
