"""Run each scenario with every file-system call failed or killed in turn; collect the matrix."""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from deskconsole.storage import Repository, StoreError
from deskconsole.storage.backup import list_backups, read_backup
from deskconsole.storage.check import check_store
from tests.faults.inject import KINDS, REAL, Plan, install
from tests.faults.scenarios import SCENARIOS, Scenario

Tables = dict[str, dict[str, Any]]


@dataclass
class Outcome:
    """What one child run did."""

    acks: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    error: str | None = None
    crash: str | None = None
    calls: int = 0
    killed: bool = False


@dataclass
class Row:
    """One line of the fault matrix."""

    scenario: str
    calls: int = 0
    tried: int = 0
    failures: int = 0
    saves_lost: int = 0
    problems: list[str] = field(default_factory=list)


def _child(scenario: Scenario, data_dir: Path, plan: Plan, stop_after: int | None) -> Outcome:
    """Fork, run the action under ``plan``, and read back what the child reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe with the real os.write
        os.close(read_end)

        def send(kind: str, text: str = "") -> None:
            line = orjson.dumps([kind, text]) + b"\n"
            REAL["write"](write_end, line)

        def ack(label: str) -> None:
            send("ack", label)
            if stop_after is not None and sum_acks[0] + 1 >= stop_after:
                os._exit(0)
            sum_acks[0] += 1

        sum_acks = [0]
        try:
            install(plan)
            scenario.action(data_dir, ack, lambda label: send("refused", label))
        except StoreError as error:
            send("error", str(error))
        except BaseException:  # reported to the parent as a defect
            send("crash", traceback.format_exc())
        send("calls", str(plan.count))
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    outcome = Outcome(killed=os.WIFSIGNALED(status))
    for line in b"".join(chunks).splitlines():
        kind, text = orjson.loads(line)
        if kind == "ack":
            outcome.acks.append(text)
        elif kind == "refused":
            outcome.refused.append(text)
        elif kind == "error":
            outcome.error = text
        elif kind == "crash":
            outcome.crash = text
        elif kind == "calls":
            outcome.calls = int(text)
    return outcome


def _tables(data_dir: Path) -> Tables:
    if not data_dir.exists():
        return {}
    with Repository.open(data_dir, readonly=True) as reader:
        tables = {name: dict(docs) for name, docs in reader.store.db.dump().items() if docs}
        archived = {doc["number"]: doc for doc in reader.cases.archive.every_doc()}
    if archived:  # what the yearly files hold for the store is part of its state
        tables["(archive files)"] = archived
    return tables


def _files(data_dir: Path) -> dict[str, bytes]:
    return {
        name: (data_dir / name).read_bytes()
        for name in ("store.json", "journal.jsonl")
        if (data_dir / name).exists()
    }


class Runner:
    """Runs one scenario through every call and every kind of fault."""

    def __init__(self, scenario: Scenario, root: Path) -> None:
        self.scenario = scenario
        self.root = root
        self.template = root / "template"
        scenario.prepare(self.template)
        self.template_files = _files(self.template)
        self.runs = 0
        self.states: list[Tables] = []

    def _fresh(self) -> Path:
        self.runs += 1
        target = self.root / f"run-{self.runs}"
        if self.template.exists():
            shutil.copytree(self.template, target, symlinks=True)
        return target

    def reference(self) -> int:
        """The states after 0, 1, ... acknowledged steps; returns the calls of a clean run."""
        first = self._fresh()
        self.states = [self._state_or_damaged(first)]
        clean = self._fresh()
        outcome = _child(self.scenario, clean, Plan(), None)
        assert outcome.error is None and outcome.crash is None, (outcome.error, outcome.crash)
        for k in range(1, len(outcome.acks)):
            partial = self._fresh()
            _child(self.scenario, partial, Plan(), k)
            self.states.append(_tables(partial))
        self.states.append(_tables(clean))
        return outcome.calls

    def _state_or_damaged(self, data_dir: Path) -> Tables:
        if self.scenario.old_state_damaged:
            return {"(damaged: matched by its bytes only)": {}}
        return _tables(data_dir)

    def verify(self, kind: str, at: int, outcome: Outcome, data_dir: Path) -> tuple[int, list[str]]:
        """Problems with the state a faulty run left, and the acknowledged saves it lost."""
        where = f"{self.scenario.name}: {kind} at call {at}"
        problems = []
        if outcome.crash is not None:
            return 0, [f"{where}: not a store error:\n{outcome.crash}"]
        if outcome.error is not None and (
            "\n" in outcome.error or str(self.root) not in outcome.error
        ):
            problems.append(f"{where}: the error is not one line naming a file: {outcome.error}")
        if self.scenario.old_state_damaged and _files(data_dir) == self.template_files:
            if check_store(data_dir).ok:
                problems.append(f"{where}: check passes a damaged store")
            return 0, problems  # the old store, byte for byte
        if not data_dir.exists() and not self.template.exists():
            return 0, problems  # nothing was there and nothing was made
        report = check_store(data_dir)
        if not report.ok:
            return 0, [*problems, f"{where}: check fails: {report.error} {report.invalid[:2]}"]
        state = _tables(data_dir)
        matches = [index for index, known in enumerate(self.states) if known == state]
        if not matches:
            return 0, [*problems, f"{where}: neither the old state nor a new one"]
        step = max(matches)
        acked = len(outcome.acks)
        lost = max(0, acked - step)
        if lost:
            problems.append(f"{where}: {lost} acknowledged saves lost")
        if outcome.refused and step > acked:
            problems.append(f"{where}: a save reported failed had landed")
        problems += self._bad_backups(data_dir, where)
        problems += self._reopen(data_dir, state, where)
        return lost, problems

    def _bad_backups(self, data_dir: Path, where: str) -> list[str]:
        problems = []
        for info in list_backups(data_dir):
            try:
                read_backup(info.path)
            except Exception as error:
                problems.append(f"{where}: backup {info.path.name} is unreadable: {error}")
        if (
            self.template_files
            and (self.template / "backups").exists()
            and not list_backups(data_dir)
        ):
            problems.append(f"{where}: every backup is gone")
        return problems

    def _reopen(self, data_dir: Path, state: Tables, where: str) -> list[str]:
        """A writer opens what the fault left, changes nothing, and check still agrees."""
        if not data_dir.exists():
            return []
        try:
            with Repository.open(data_dir):
                pass
        except StoreError as error:
            return [f"{where}: a writer cannot open what was left: {error}"]
        if _tables(data_dir) != state or not check_store(data_dir).ok:
            return [f"{where}: opening as a writer changed the store"]
        return []

    def run(self) -> Row:
        row = Row(self.scenario.name)
        row.calls = self.reference()
        for at in range(1, row.calls + 1):
            for kind in KINDS:
                data_dir = self._fresh()
                outcome = _child(self.scenario, data_dir, Plan(kind, at), None)
                row.tried += 1
                if outcome.killed or outcome.error is not None or outcome.refused:
                    row.failures += 1
                lost, problems = self.verify(kind, at, outcome, data_dir)
                row.saves_lost += lost
                row.problems += problems
                shutil.rmtree(data_dir, ignore_errors=True)
        return row


def run_scenario(scenario: Scenario) -> Row:
    """The matrix row of one scenario (in a temporary folder of its own)."""
    with tempfile.TemporaryDirectory(prefix=f"faults-{scenario.name}-") as tmp:
        return Runner(scenario, Path(tmp)).run()


def run_all() -> list[Row]:
    """Every scenario's row."""
    return [run_scenario(scenario) for scenario in SCENARIOS]
