"""Moving cases along the lifecycle: refusals and what a step needs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "workflow.refused": (
        "{number} cannot go from {source} to {target}. A case in {source} can go to: {allowed}.",
        "{number} 不能从“{source}”转到“{target}”。“{source}”的工单可转到：{allowed}。",
    ),
    "workflow.list_sep": (", ", "、"),
    "workflow.same_state": ("{number} is already in {state}.", "{number} 已是“{state}”。"),
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
