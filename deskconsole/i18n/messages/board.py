"""The case board, the case view and the follow-up list."""

MESSAGES: dict[str, tuple[str, str]] = {
    # board: cards and columns
    "board.age": ("{days}d", "{days}天"),
    "board.badge_overdue": ("late {days}d", "超期{days}天"),
    "board.badge_today": ("due today", "今日到期"),
    "board.badge_due": ("due {date}", "{date}到期"),
    "board.no_name": ("(no name)", "（未留姓名）"),
    "board.no_party": ("no party yet", "未派单"),
    "board.duplicate_of": ("same as {number}", "同 {number}"),
    "board.loading": ("Loading...", "加载中..."),
    "board.column_empty": ("No cases", "无工单"),
    "board.position": ("{first}-{last} of {count}", "第 {first}-{last} 件，共 {count} 件"),
    "board.view_live": ("Board:", "看板："),
    "board.view_archive": ("Ended & older:", "已结束及较早："),
    "board.no_next": (
        "{number} is {state}: there is no next step. Allowed: {allowed} (press m).",
        "{number} 处于“{state}”，没有下一步。可转到：{allowed}（按 m）。",
    ),
    "board.no_prev": (
        "{number} is {state}: there is no step back. Allowed: {allowed} (press m).",
        "{number} 处于“{state}”，不能退回上一步。可转到：{allowed}（按 m）。",
    ),
    # board: filter
    "board.filter_title": ("Filter the board", "筛选工单"),
    "board.filter_text": ("Text", "文字"),
    "board.filter_hint": ("name, number, matter, unit", "姓名、工单号、内容、单位"),
    "board.filter_any": ("(any)", "（全部）"),
    "board.filter_overdue": ("overdue only", "仅超期"),
    "board.filter_overdue_only": ("Overdue only", "仅看超期"),
    "board.filter_clear": ("Clear", "清除"),
    "board.filter_line": ("Filter: {filter}  (Esc clears)", "筛选：{filter}（Esc 清除）"),
    # board: keys
    "board.key_open": ("Open", "打开"),
    "board.key_open_tip": (
        "Open the case: all fields and the timeline",
        "打开工单：全部信息和流转记录",
    ),
    "board.key_next": ("Next step", "下一步"),
    "board.key_next_tip": (
        "Move the case to the next state: dispatch, start, resolve, close (] or shift+right)",
        "将工单转到下一状态：派单、办理、办结待回访、办结（] 或 shift+右箭头）",
    ),
    "board.key_prev": ("Step back", "上一步"),
    "board.key_prev_tip": (
        "Move the case back: party refused, rework, reopen ([ or shift+left)",
        "将工单退回：承办单位拒收、重办、重新打开（[ 或 shift+左箭头）",
    ),
    "board.key_move": ("Move to", "转到"),
    "board.key_move_tip": (
        "Choose any allowed move: return, duplicate, withdraw ...",
        "选择任一允许的流转：退回、重复、撤销……",
    ),
    "board.key_filter": ("Filter", "筛选"),
    "board.key_filter_tip": (
        "Narrow by text, category, party, compound, overdue",
        "按文字、类别、承办单位、小区、超期筛选",
    ),
    "board.key_clear": ("Clear filter", "清除筛选"),
    "board.key_clear_tip": ("Show every case again", "重新显示全部工单"),
    "board.key_followup": ("Follow-up", "回访"),
    "board.key_followup_tip": (
        "Cases awaiting a call back, oldest first",
        "待回访的工单，最早的在前",
    ),
    "board.key_archive": ("Ended", "已结束"),
    "board.key_archive_tip": (
        "Switch between the live board and ended / older closed cases",
        "在当前看板与已结束、较早办结的工单之间切换",
    ),
    "board.key_new": ("New case", "新诉求"),
    "board.key_new_tip": ("Register a new case in Intake", "到登记诉求界面登记新诉求"),
    "board.key_left": ("Column left", "左一列"),
    "board.key_right": ("Column right", "右一列"),
    "board.key_up": ("Card up", "上一张"),
    "board.key_down": ("Card down", "下一张"),
    "board.key_page_up": ("Page up", "上一页"),
    "board.key_page_down": ("Page down", "下一页"),
    "board.key_first": ("First card", "第一张"),
    "board.key_last": ("Last card", "最后一张"),
    # board: command palette
    "board.cmd_followup": ("Board: follow-up list", "看板：回访列表"),
    "board.cmd_followup_help": (
        "Cases awaiting a call back, oldest first",
        "待回访的工单，最早的在前",
    ),
    "board.cmd_archive": ("Board: ended and older cases", "看板：已结束及较早的工单"),
    "board.cmd_archive_help": (
        "Returned, duplicate, withdrawn and older closed cases (toggle)",
        "退回、重复、撤销及较早办结的工单（切换）",
    ),
    "board.cmd_filter": ("Board: filter", "看板：筛选"),
    "board.cmd_filter_help": (
        "Narrow by text, category, party, compound, overdue",
        "按文字、类别、承办单位、小区、超期筛选",
    ),
    "board.cmd_overdue": ("Board: overdue cases only", "看板：只看超期工单"),
    "board.cmd_overdue_help": ("Show only cases past their due date", "只显示超过期限的工单"),
    # follow-up list
    "board.followup_title": (
        "Awaiting follow-up: {count}, who has waited longest first",
        "待回访：{count} 件，等待最久的在前",
    ),
    "board.followup_title_some": (
        "Awaiting follow-up: {count}; the {shown} who have waited longest",
        "待回访：{count} 件；显示等待最久的 {shown} 件",
    ),
    "board.followup_col_waited": ("Waited", "已等"),
    "board.followup_col_number": ("Case", "工单号"),
    "board.followup_col_name": ("Resident", "居民"),
    "board.followup_col_phone": ("Phone", "电话"),
    "board.followup_col_category": ("Category", "类别"),
    "board.followup_col_outcome": ("Outcome", "办理结果"),
    "board.followup_key_record": ("Record result", "记录回访"),
    "board.followup_key_record_tip": (
        "Record the result and satisfaction: close, or back to in progress",
        "记录回访结果和满意度：办结，或退回办理中重办",
    ),
    "board.followup_key_reveal": ("Show phone", "显示电话"),
    "board.followup_key_reveal_tip": (
        "Show the full phone number (recorded in the timeline)",
        "显示完整电话号码（记入流转记录）",
    ),
    "board.followup_key_call": ("No answer", "未接通"),
    "board.followup_key_call_tip": (
        "Note a call that did not settle the case; it stays on the list",
        "记录未办结的回访电话；工单仍在列表中",
    ),
    "board.followup_key_open": ("Open", "打开"),
    "board.followup_key_open_tip": ("Open the case", "打开工单"),
    "board.followup_title_call": ("Call to {number}", "回访 {number}"),
}
