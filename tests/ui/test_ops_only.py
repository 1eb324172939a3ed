"""No GUI code changes data except through coach.ui.ops.mutate.

The mutating methods are found, not listed: every public method of a service whose return type
mentions Changes, Saved or Deleted. A call to one of them on a service anywhere in coach/ui must
sit inside a `mutate(...)` or `mutate_for(...)` call, or in an operation body: a function that
takes the services as `app: AppContext` or `patient: PatientContext` (as those hand them over:
`mutate_for(ui, self.patient, self, self.persist)`), and which in turn is only called inside
one of them or another operation body. A new page that calls a service directly fails here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from functools import cached_property
from pathlib import Path

import coach.services
import coach.ui
from coach.services.context import AppContext, PatientContext

UI = Path(coach.ui.__file__).parent
MARKERS = ("Changes", "Saved", "Deleted")
OPERATIONS = {"mutate", "mutate_for"}
# What an operation body is handed: the shared services, or one patient's.
BODY_ARGUMENTS = {("app", "AppContext"), ("patient", "PatientContext")}


def mutating_methods() -> set[str]:
    folder = Path(coach.services.__file__).parent
    modules = [importlib.import_module(f"coach.services.{p.stem}") for p in folder.glob("*.py")]
    names: set[str] = set()
    for module in modules:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for name, function in inspect.getmembers(cls, inspect.isfunction):
                returned = str(function.__annotations__.get("return", ""))
                if not name.startswith("_") and any(m in returned for m in MARKERS):
                    names.add(name)
    return names


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _first_argument(node: ast.FunctionDef) -> ast.arg | None:
    arguments = [a for a in node.args.args if a.arg != "self"]
    return arguments[0] if arguments else None


def operation_bodies(sources: list[str]) -> set[str]:
    """Functions whose first argument is what mutate or mutate_for hands over (`app:
    AppContext`, `patient: PatientContext`)."""
    return {
        node.name
        for source in sources
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef)
        and (first := _first_argument(node)) is not None
        and first.annotation is not None
        and (first.arg, ast.unparse(first.annotation)) in BODY_ARGUMENTS
    }


def _allowed(node: ast.AST, parents: dict[ast.AST, ast.AST], bodies: set[str]) -> bool:
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.Call) and _name(parent.func) in OPERATIONS:
            return node is not parent.func
        if isinstance(parent, ast.FunctionDef) and parent.name in bodies:
            return True
        node = parent
    return False


def _on_a_service(call: ast.Call) -> bool:
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    return receiver is not None and _name(receiver) in SERVICES | {"service"}


def direct_calls(
    source: str, methods: set[str], bodies: frozenset[str] | set[str] = frozenset()
) -> list[tuple[int, str]]:
    """Mutating service calls, and calls of operation bodies, made outside an operation."""
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    return [
        (node.lineno, ast.unparse(node.func))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ((_name(node.func) in methods and _on_a_service(node)) or _name(node.func) in bodies)
        and not _allowed(node, parents, bodies)
    ]


# The services of the AppContext and of a PatientContext: made on first use (cached properties)
# or at once (attributes).
SERVICES = {
    name
    for context in (AppContext, PatientContext)
    for name, member in vars(context).items()
    if isinstance(member, cached_property | property)
} | {"profile", "settings", "backups"}


def test_the_check_knows_the_mutations() -> None:
    methods = mutating_methods()
    assert {"add_pain", "log_exercise", "save", "set", "create_custom", "welcome"} <= methods
    assert {"sessions", "diary", "programmes", "settings", "profile"} <= SERVICES


def test_the_check_finds_a_direct_call_and_accepts_one_through_mutate() -> None:
    methods = mutating_methods()
    bad = "def f(self):\n    self.patient.diary.add_pain(entry)\n"
    local = "def f(self):\n    diary = self.patient.diary\n    diary.delete_pain(1)\n"
    good = "def f(self):\n    mutate(self.ui, self, lambda app: app.profile.update(x))\n"
    scoped = "mutate_for(self.ui, self.patient, self, lambda p: p.diary.add_pain(entry))\n"
    body = "def persist(self, patient: PatientContext):\n    return patient.diary.add_pain(e)\n"
    shared = "def persist(self, app: AppContext):\n    return app.profile.update(x)\n"
    bypass = "def f(self):\n    self.persist(self.patient)\n"
    assert direct_calls(bad, methods) == [(2, "self.patient.diary.add_pain")]
    assert direct_calls(local, methods) == [(3, "diary.delete_pain")]
    assert direct_calls(good, methods) == []
    assert direct_calls(scoped, methods) == []
    assert operation_bodies([body, shared]) == {"persist"}
    assert operation_bodies(["def persist(self, patient):\n    pass\n"]) == set()
    assert operation_bodies(["def deliver(ui: U, patient: PatientContext):\n    pass\n"]) == set()
    assert direct_calls(body, methods, {"persist"}) == []
    assert direct_calls(bypass, methods, {"persist"}) == [(2, "self.persist")]
    assert direct_calls("mutate(ui, self, self.persist)", methods, {"persist"}) == []
    assert direct_calls("mutate_for(ui, p, self, self.persist)", methods, {"persist"}) == []


def test_no_gui_code_calls_a_mutating_service_method_directly() -> None:
    methods = mutating_methods()
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(UI.rglob("*.py"))}
    bodies = operation_bodies(list(sources.values()))
    offenders = [
        f"{path.relative_to(UI.parent.parent)}:{line}: {call}"
        for path, source in sources.items()
        for line, call in direct_calls(source, methods, bodies)
    ]
    assert offenders == []
