"""The import graph of the project's apps, read from the source (no Django, no database).

Three rules keep the code easy to find one's way in:

- **Layers.** An app imports only its own modules and apps of lower layers (``LAYERS``):
  core ← directory, home, localization ← programmes ← events ← registrations, press ←
  feedback ← checkin ← reminders ← editorial, portal. Every import counts, also one inside
  a function. A lower app that needs something of a higher one offers a hook instead
  (``core.sections``, ``core.mail``), which the higher app fills in its ``AppConfig.ready()``.
- **No cycles** between modules through what they import when they are loaded (imports at
  module level, not those inside functions).
- **No import inside a function without a reason**: the line above the first import of such
  a group is a comment saying why (the app registry must be ready, an optional package, …),
  or the import line carries one. Anything else belongs at the top of the module.

Tests and migrations are not looked at.
"""

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS = (
    ("core",),
    ("directory", "home", "localization"),
    ("programmes",),
    ("events",),
    ("registrations", "press"),
    ("feedback",),
    ("checkin",),
    ("reminders",),
    ("editorial", "portal"),
)
EXCLUDED_FOLDERS = {"tests", "migrations"}

NOQA = re.compile(r"noqa(:\s*[A-Z]+[0-9]+(\s*,\s*[A-Z]+[0-9]+)*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "events.models"
    path: Path
    line: int
    target: str  # the imported module, as far as it is one of ours ("events.views")
    in_function: bool
    code: str

    def where(self, root):
        return f"{self.path.relative_to(root)}:{self.line}"


# --- reading the source -----------------------------------------------------------------------


def project_modules(root, apps):
    """``{dotted name: path}`` of every module of the apps, without tests and migrations."""
    modules = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if EXCLUDED_FOLDERS & set(relative.parts[:-1]):
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _resolve(name, modules):
    """The longest prefix of ``name`` that is a module of ours, else ``name`` itself."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return name


def _targets(node, module, path, modules):
    """What one import statement brings in: ``from package import module`` is the module."""
    if isinstance(node, ast.Import):
        return [_resolve(alias.name, modules) for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    targets = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        targets.append(submodule if submodule in modules else _resolve(base, modules))
    return targets


class _ImportCollector(ast.NodeVisitor):
    def __init__(self):
        self.depth = 0
        self.found = []  # (node, inside a function)

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_Import(self, node):
        self.found.append((node, self.depth > 0))

    visit_ImportFrom = visit_Import


def imports_of(root, apps):
    modules = project_modules(root, apps)
    result = []
    for module, path in modules.items():
        source = path.read_text(encoding="utf-8")
        collector = _ImportCollector()
        collector.visit(ast.parse(source, filename=str(path)))
        for node, in_function in collector.found:
            for target in _targets(node, module, path, modules):
                result.append(
                    Import(module, path, node.lineno, target, in_function, ast.unparse(node))
                )
    return modules, result


# --- the three checks -------------------------------------------------------------------------


def layering_violations(root, layers=LAYERS):
    """Imports of an app of the same or a higher layer, as readable lines."""
    layer_of = {app: number for number, apps in enumerate(layers) for app in apps}
    _modules, imports = imports_of(root, layer_of)
    problems = []
    for item in imports:
        source_app, target_app = item.source.split(".")[0], item.target.split(".")[0]
        if target_app not in layer_of or target_app == source_app:
            continue
        if layer_of[target_app] >= layer_of[source_app]:
            problems.append(
                f"{item.where(root)}: {source_app} (layer {layer_of[source_app]}) → "
                f"{target_app} (layer {layer_of[target_app]}): {item.code}"
            )
    return problems


def module_graph(root, apps):
    """``{module: {imported module: Import}}`` for imports run when the module loads."""
    modules, imports = imports_of(root, apps)
    graph = {module: {} for module in modules}
    for item in imports:
        if not item.in_function and item.target in modules:
            graph[item.source].setdefault(item.target, item)
    return graph


def find_cycle(graph):
    """One cycle as a list of the imports along it, or None (depth-first search)."""
    done, on_path, path = set(), set(), []

    def visit(module):
        on_path.add(module)
        for target, item in sorted(graph[module].items()):
            if target in on_path:
                start = next(i for i, step in enumerate(path) if step.source == target)
                return [*path[start:], item]
            if target not in done:
                path.append(item)
                cycle = visit(target)
                if cycle:
                    return cycle
                path.pop()
        on_path.discard(module)
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def describe_cycle(cycle, root):
    names = " → ".join([cycle[0].source, *(item.target for item in cycle)])
    steps = "\n".join(f"  {item.where(root)}: {item.code}" for item in cycle)
    return f"{names}\n{steps}"


def _comments(source):
    """``{line: (comment text, the line holds nothing else)}``."""
    lines = source.splitlines()
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row = token.start[0]
            alone = lines[row - 1].lstrip().startswith("#")
            comments[row] = (token.string.lstrip("#").strip(), alone)
    return comments


def _says_why(text):
    """A comment that is more than a bare ``noqa`` directive."""
    return bool(NOQA.sub("", text).strip(" ()"))


def _statement_lists(node):
    for _name, value in ast.iter_fields(node):
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            yield value


def _explained(statement, comments):
    above = comments.get(statement.lineno - 1)
    trailing = comments.get(statement.lineno)
    return bool(
        (above and above[1] and _says_why(above[0]))
        or (trailing and not trailing[1] and _says_why(trailing[0]))
    )


def _bare_imports(node, comments, function=None):
    """``(import statement, function name)`` of every group of imports inside a function
    whose first import has no comment saying why."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        function = node.name
    for statements in _statement_lists(node):
        previous_is_import = False
        for statement in statements:
            is_import = isinstance(statement, ast.Import | ast.ImportFrom)
            first_of_group = is_import and not previous_is_import
            if function and first_of_group and not _explained(statement, comments):
                yield statement, function
            previous_is_import = is_import
    for child in ast.iter_child_nodes(node):
        yield from _bare_imports(child, comments, function)


def uncommented_function_imports(root, apps):
    """Imports inside a function whose group has no comment above (or on its first line)."""
    problems = []
    for path in project_modules(root, apps).values():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
        for statement, function in _bare_imports(tree, _comments(source)):
            problems.append(
                f"{path.relative_to(root)}:{statement.lineno}: "
                f"{ast.unparse(statement)} (in {function}())"
            )
    return problems


# --- the project --------------------------------------------------------------------------------

APPS = tuple(app for layer in LAYERS for app in layer)


def test_every_app_is_in_a_layer():
    """A new app folder needs its place in LAYERS before these rules apply to it."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(APPS), sorted(apps - set(APPS))


def test_apps_import_only_lower_layers():
    problems = layering_violations(ROOT)
    assert not problems, "Imports against the layers:\n" + "\n".join(problems)


def test_no_import_cycle_between_modules():
    cycle = find_cycle(module_graph(ROOT, APPS))
    assert cycle is None, "Import cycle: " + describe_cycle(cycle, ROOT)


def test_imports_inside_functions_say_why():
    problems = uncommented_function_imports(ROOT, APPS)
    assert not problems, (
        "Imports inside functions without a comment saying why (move them to the top of the "
        "module, or write the reason on the line above):\n" + "\n".join(problems)
    )


# --- the checks themselves ------------------------------------------------------------------------


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_layering_check_reports_an_import_upwards(tmp_path):
    write(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/models.py": "import os\n\n\ndef f():\n    from high.views import g\n",
            "low/tests/test_x.py": "from high.views import g\n",  # tests are not looked at
            "high/__init__.py": "",
            "high/views.py": "from low.models import f\n\n\ndef g():\n    pass\n",
            "side/__init__.py": "from low import models\n",
        },
    )
    problems = layering_violations(tmp_path, layers=(("low",), ("high", "side")))
    assert problems == ["low/models.py:5: low (layer 0) → high (layer 1): from high.views import g"]
    problems = layering_violations(tmp_path, layers=(("low", "high", "side"),))
    assert len(problems) == 3  # the same layer is not allowed either, both ways


def test_cycle_check_reports_a_cycle_and_ignores_function_imports(tmp_path):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/models.py": "from app import views\n",
            "app/views.py": "import app.presenters\n",
            "app/presenters.py": "from .models import Page\n",
            "app/feeds.py": "def f():\n    # why\n    from app.views import x\n",
            "app/helpers.py": "from app.feeds import f\n",
        },
    )
    graph = module_graph(tmp_path, ["app"])
    assert graph["app.models"].keys() == {"app.views"}  # the module, not the package
    assert graph["app.presenters"].keys() == {"app.models"}  # relative import resolved
    assert graph["app.feeds"] == {}  # an import inside a function runs later
    cycle = find_cycle(graph)
    assert [item.target for item in cycle] == ["app.views", "app.presenters", "app.models"]
    text = describe_cycle(cycle, tmp_path)
    assert text.startswith("app.models → app.views → app.presenters → app.models")
    assert "app/presenters.py:1: from .models import Page" in text

    write(tmp_path, {"app/presenters.py": "def detail():\n    return None\n"})
    assert find_cycle(module_graph(tmp_path, ["app"])) is None


def test_function_import_check_wants_a_comment(tmp_path):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/apps.py": (
                "def ready():\n"
                "    # Imported once the app registry is ready.\n"
                "    import json\n"
                "\n"
                "    import os\n"  # the same group: the comment above covers it
                "\n"
                "\n"
                "def bare():\n"
                "    x = 1\n"
                "    import os\n"
                "    if x:  # a comment on another line is not about the import\n"
                "        import json\n"
                "\n"
                "\n"
                "def trailing():\n"
                "    import os  # optional package: only with the [s3] extra\n"
                "\n"
                "\n"
                "def noqa_only():\n"
                "    import os  # noqa: F401\n"
                "\n"
                "\n"
                "class Config:\n"
                "    def ready(self):\n"
                "        def inner():\n"
                "            from os import path\n"
                "\n"
                "        return inner\n"
            ),
            "app/tests/test_y.py": "def test():\n    import os\n",
        },
    )
    assert uncommented_function_imports(tmp_path, ["app"]) == [
        "app/apps.py:10: import os (in bare())",
        "app/apps.py:12: import json (in bare())",
        "app/apps.py:20: import os (in noqa_only())",
        "app/apps.py:26: from os import path (in inner())",
    ]
