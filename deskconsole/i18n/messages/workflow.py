"""Moving cases along the lifecycle: refusals and what a step needs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "workflow.refused": (
        "{number} cannot go from {source} to {target}. A case in {source} can go to: {allowed}.",
        "{number} 不能从“{source}”转到“{target}”。“{source}”的工单可转到：{allowed}。",
    ),
    "workflow.same_state": ("{number} is already in {state}.", "{number} 已是“{state}”。"),
    "workflow.due_settled": (
        "{number} is {state}: its due date stays as it was (reopen the case to change it).",
        "{number} 已是“{state}”：期限不再修改（如需修改请先重新办理）。",
    ),
    "workflow.needs": ("{field_label}: required for this step", "{field_label}：此步骤必填"),
    "workflow.too_long": (
        "{field_label}: at most {limit} characters",
        "{field_label}：最多 {limit} 个字符",
    ),
    "workflow.due_before_intake": (
        "{field_label}: cannot be before the intake date {intake}",
        "{field_label}：不能早于登记日期 {intake}",
    ),
    "workflow.due_not_later": (
        "{field_label}: must be later than the current due date {current}",
        "{field_label}：须晚于当前期限 {current}",
    ),
    "workflow.bad_number": (
        "{field_label}: {number} is not like JC-20261129-007",
        "{field_label}：{number} 格式应如 JC-20261129-007",
    ),
    "workflow.self_link": (
        "{field_label}: a case cannot duplicate or link to itself",
        "{field_label}：工单不能与自身重复或关联",
    ),
    "workflow.original_missing": (
        "{field_label}: there is no case {number}",
        "{field_label}：没有工单 {number}",
    ),
    "workflow.already_linked": (
        "{field_label}: already linked to {number}",
        "{field_label}：已与 {number} 关联",
    ),
    "workflow.party_same": (
        "{field_label}: the case is already with {party}",
        "{field_label}：本工单已由 {party} 承办",
    ),
    "workflow.not_found": ("There is no case {number}.", "没有工单 {number}。"),
    "workflow.not_awaiting": (
        "{number} is in {state}, not awaiting follow-up.",
        "{number} 处于“{state}”，不在待回访状态。",
    ),
}

MESSAGES.update(
    {
        "workflow.done": ("{number}: {state}", "{number}：{state}"),
        "workflow.choice": ("{state} ({kind})", "{state}（{kind}）"),
        "workflow.choose_title": (
            "Move {number} ({state}) to:",
            "将 {number}（{state}）转到：",
        ),
        "workflow.title_dispatch": ("Dispatch {number}", "派单 {number}"),
        "workflow.title_redispatch": (
            "Dispatch {number} to another party",
            "将 {number} 改派其他单位",
        ),
        "workflow.title_start": ("Start work on {number}", "开始办理 {number}"),
        "workflow.title_resolve": ("Resolve {number}", "办结 {number}（待回访）"),
        "workflow.title_close": ("Follow-up of {number}", "回访 {number}"),
        "workflow.title_return": ("Return {number}", "退回 {number}"),
        "workflow.title_duplicate": (
            "Mark {number} as a duplicate",
            "将 {number} 标为重复",
        ),
        "workflow.title_withdraw": ("Withdraw {number}", "撤销 {number}"),
        "workflow.title_rework": ("Rework {number}", "重办 {number}"),
        "workflow.title_reopen": ("Reopen {number}", "重新打开 {number}"),
        "workflow.title_refused": (
            "{number}: the party refused it",
            "{number}：承办单位拒收",
        ),
        "workflow.title_move": ("Move {number}", "流转 {number}"),
        "workflow.kind_dispatch": ("dispatch", "派单"),
        "workflow.kind_redispatch": ("to another party", "改派"),
        "workflow.kind_start": ("start work", "开始办理"),
        "workflow.kind_resolve": ("outcome recorded", "记录办理结果"),
        "workflow.kind_close": ("follow-up done", "回访完成"),
        "workflow.kind_return": ("not ours: say where to go", "不属本社区：告知去向"),
        "workflow.kind_duplicate": ("same as another case", "与其他工单重复"),
        "workflow.kind_withdraw": ("the resident withdrew it", "居民撤回"),
        "workflow.kind_rework": ("rework", "重办"),
        "workflow.kind_reopen": ("reopen", "重新打开"),
        "workflow.kind_refused": ("the party refused it", "承办单位拒收"),
        "workflow.kind_move": ("move", "流转"),
    }
)
