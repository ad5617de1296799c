"""Every warning subtype is a member of :class:`NewspostsWarning`: the package gives warnings only
through ``emit_warning``, each member is given somewhere and documented, and a test build that
gives a subtype the enum does not declare fails (conftest's ``CheckedApp``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sphinx.pycode import ModuleAnalyzer

import sphinx_newsposts
from conftest import build, undeclared_warning_subtypes, warnings_of
from sphinx_newsposts.warnings_ import NewspostsWarning

PACKAGE = Path(sphinx_newsposts.__file__).parent
WARNINGS_MODULE = PACKAGE / "warnings_.py"
TESTS = Path(__file__).parent

#: What users name in ``suppress_warnings = ["newsposts.<subtype>"]``: renaming one breaks their builds.
PUBLISHED_SUBTYPES = {
    "config", "theme", "baseurl", "front_matter", "field", "date", "categories", "tags", "author", "keywords",
    "excerpt", "header", "image", "redirect", "link", "liquid", "faq", "takeaways", "source",
}


def _package_trees() -> dict[str, ast.Module]:
    """The parsed source of every module of the package but warnings_.py, by path."""
    return {str(path.relative_to(PACKAGE)): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(PACKAGE.rglob("*.py")) if path != WARNINGS_MODULE}


def test_subtypes_keep_the_names_users_suppress():
    assert PUBLISHED_SUBTYPES <= {member.value for member in NewspostsWarning}


def test_every_subtype_is_given_somewhere():
    used = {node.attr for tree in _package_trees().values() for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == NewspostsWarning.__name__}
    assert [member.name for member in NewspostsWarning if member.name not in used] == []


def test_warnings_are_given_only_through_emit_warning():
    """No logger's ``warning()`` outside warnings_.py, and no subtype written as a plain string."""
    found = []
    for path, tree in _package_trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "warning":
                found.append(f"{path}:{node.lineno}: warning()")
            named = [(keyword.arg, keyword.value) for keyword in node.keywords] if isinstance(node, ast.Call) else []
            if isinstance(node, ast.Assign):
                named = [(target.id, node.value) for target in node.targets if isinstance(target, ast.Name)]
            found += [f"{path}:{value.lineno}: subtype {value.value!r}" for name, value in named
                      if name == "subtype" and isinstance(value, ast.Constant) and isinstance(value.value, str)]
    assert found == []


def test_every_subtype_is_documented():
    """Its docstring is what the documentation's list of warnings says about it."""
    docs = ModuleAnalyzer.for_module(NewspostsWarning.__module__).find_attr_docs()
    undocumented = [member.name for member in NewspostsWarning
                    if not "".join(docs.get((NewspostsWarning.__name__, member.name), [])).strip()]
    assert undocumented == []


#: Apps that would build without conftest's check.
APP_CLASSES = ("SphinxTestApp", "Sphinx")


def test_tests_make_apps_only_through_checked_app():
    """So that every test build is checked for undeclared subtypes."""
    found = []
    for path in sorted(TESTS.glob("*.py")):
        if path.name == "conftest.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in APP_CLASSES:
                found.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr == "sphinx" and ast.unparse(node) == "pytest.mark.sphinx":
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_undeclared_subtypes_are_found_in_a_warning_stream():
    stream = (
        "posts/a.md:3: WARNING: 'date': '2024-02-30' is not a real date; using the file name's [newsposts.date]\n"
        "posts/a.md:5: WARNING: made up [newsposts.made-up]\n"
        "\x1b[91mposts/b.md:2: WARNING: coloured [newsposts.also_made_up]\x1b[39;49;00m\n"
        "index.md:1: WARNING: a heading level is skipped [myst.header]\n"
    )
    assert undeclared_warning_subtypes(stream) == ["also_made_up", "made-up"]
    assert undeclared_warning_subtypes("posts/a.md:3: WARNING: bad date [newsposts.date]\n") == []


def _site(folder: Path, *, made_up_warning: bool) -> Path:
    """A site with a post whose date does not exist (a declared ``newsposts.date`` warning) and,
    when *made_up_warning*, a conf.py that gives a ``newsposts`` warning of an undeclared subtype."""
    (folder / "posts").mkdir(parents=True)
    conf = 'extensions = ["sphinx_newsposts"]\nhtml_theme = "newsposts"\n'
    if made_up_warning:
        conf += ("from sphinx.util import logging\n\n"
                 "def setup(app):\n"
                 "    app.connect('builder-inited', lambda app: logging.getLogger('conf').warning(\n"
                 "        'made up', type='newsposts', subtype='made-up'))\n")
    (folder / "conf.py").write_text(conf, encoding="utf-8")
    (folder / "index.md").write_text("# News\n", encoding="utf-8")
    (folder / "posts" / "2024-02-02-bad.md").write_text("---\ntitle: Bad\ndate: 2024-02-30\n---\n\nNo such day.\n",
                                                        encoding="utf-8")
    return folder


def test_a_build_giving_declared_subtypes_passes(tmp_path):
    app = build(_site(tmp_path / "site", made_up_warning=False), fresh=True)
    assert [line for line in warnings_of(app) if line.endswith("[newsposts.date]")]


def test_a_build_giving_an_undeclared_subtype_fails(tmp_path):
    with pytest.raises(AssertionError, match=r"does not declare: \['made-up'\]"):
        build(_site(tmp_path / "site", made_up_warning=True), fresh=True)
