"""The register as JSON for other systems: stable field names, UTF-8, Chinese as is.

Field names never change within a ``version``; new fields may be added. Dates are
``YYYY-MM-DD``, times ``YYYY-MM-DDTHH:MM``. Text fields are strings, never null ("" when
unknown). Labels (``*_label``, ``category``, ``handling``...) are Chinese, the data
language of the register; codes are the fixed English identifiers.

Top level
  format          "deskconsole.register"
  version         1
  generated_at    when the file was made (YYYY-MM-DDTHH:MM:SS)
  generated_by    staff who exported it
  masked          true when phone and ID numbers are masked (138****8000, 370705********1234)
  header          object, below
  rows            list of objects, one per case, in intake order
  footer          object, below

header
  community, street, desk_code, date
  scope           what a register of a store holding several desks covers
                  ("金城社区（服务台 JC, JC2）", "新城街道（全部社区）"); "" on a store of one desk
  session_id      the one session exported, or null for the whole day
  compounds       list of compound names
  staff           list of staff names (on duty, then those who took cases)
  sessions        list of {id, compound, start (HH:MM or ""), end, staff [..], partners [..],
                  visitors (int: visitors who only asked a question)}

rows[]
  no              1, 2, ... (int)
  case_number     e.g. "JC-20261127-003"
  intake_at       YYYY-MM-DDTHH:MM
  time            HH:MM
  session_id      the desk session, "" if none
  name            resident's name, or the contact name of an anonymous walk-in
  address         "金域华府12号楼2单元301室" or the case's location
  phone           masked unless masked is false
  id_number       the resident's ID number, masked unless masked is false; "" if unknown
  request_type    code: consultation | help | complaint | report | suggestion
  request_type_label  咨询 / 求助 / 投诉 / 举报 / 建议
  category        category code (e.g. "property")
  category_label  its Chinese name (e.g. "物业设施")
  matter          what the resident asked for
  urgency         code: urgent | normal | complex
  handling        the register's handling text (当场解决 / 派至X，YYYY-MM-DD前办结 ...)
  solved_on_spot  bool
  party           responsible party's name, "" if not dispatched
  due_date        YYYY-MM-DD or ""
  state           code: registered | dispatched | in_progress | resolved | closed |
                  returned | duplicate | withdrawn
  state_label     its Chinese name
  staff           who took the case

footer
  visitors        visitors who only asked a question (sum over the sessions)
  cases           number of rows
  solved_on_spot  rows solved at the desk
  dispatched      rows sent to a responsible party
  by_category     list of {category, category_label, count}, in the configured order
  by_community    list of {community, count} on the street's register, else []
"""

from __future__ import annotations

import json
from typing import Any

from deskconsole.domain.register import Register

FORMAT = "deskconsole.register"
VERSION = 1


def to_dict(register: Register) -> dict[str, Any]:
    """The documented structure as plain Python values."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": register.generated_at.isoformat(timespec="seconds"),
        "generated_by": register.generated_by,
        "masked": register.masked,
        "header": {
            "community": register.community,
            "street": register.street,
            "desk_code": register.desk_code,
            "date": register.day.isoformat(),
            "scope": register.scope,
            "session_id": register.session_id,
            "compounds": list(register.compounds),
            "staff": list(register.staff),
            "sessions": [
                {
                    "id": s.id,
                    "compound": s.compound,
                    "start": s.start,
                    "end": s.end,
                    "staff": list(s.staff),
                    "partners": list(s.partners),
                    "visitors": s.visitors,
                }
                for s in register.sessions
            ],
        },
        "rows": [
            {
                "no": r.no,
                "case_number": r.number,
                "intake_at": r.intake_at,
                "time": r.time,
                "session_id": r.session_id,
                "name": r.name,
                "address": r.address,
                "phone": r.phone,
                "id_number": r.id_number,
                "request_type": r.request_type_code,
                "request_type_label": r.request_type,
                "category": r.category_code,
                "category_label": r.category,
                "matter": r.matter,
                "urgency": r.urgency_code,
                "handling": r.handling,
                "solved_on_spot": r.solved_on_spot,
                "party": r.party,
                "due_date": r.due_date,
                "state": r.state_code,
                "state_label": r.state,
                "staff": r.staff,
            }
            for r in register.rows
        ],
        "footer": {
            "visitors": register.footer.visitors,
            "cases": register.footer.cases,
            "solved_on_spot": register.footer.solved_on_spot,
            "dispatched": register.footer.dispatched,
            "by_category": [
                {"category": c.code, "category_label": c.label, "count": c.count}
                for c in register.footer.by_category
            ],
            "by_community": [
                {"community": c.label, "count": c.count} for c in register.footer.by_community
            ],
        },
    }


def render(register: Register) -> bytes:
    """The JSON bytes (UTF-8, indented, keys in the documented order)."""
    text = json.dumps(to_dict(register), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
