"""The CI files: the tests workflow runs `make test` on every push and pull request; the release
workflow checks what it publishes and publishes with trusted publishing; the GitHub Pages workflow
and the GitLab example keep the last build between runs.

They run on GitHub and GitLab only; here they are read as data, and the release's tag check, a
shell step, is run on distributions built from this checkout.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from flit_core import buildapi  # the build backend pyproject.toml names; in the test extra

import sphinx_newsposts

REPO = Path(__file__).parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
GITLAB_EXAMPLE = REPO / "docs" / "examples" / "gitlab-ci.yml"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow[True]  # YAML 1.1 reads the key `on` as true


def step(job: dict, uses: str | None = None, name: str | None = None) -> dict:
    """The one step of *job* that uses action *uses*, or is named *name*."""
    if uses:
        [found] = [s for s in job["steps"] if s.get("uses", "").startswith(uses + "@")]
    else:
        [found] = [s for s in job["steps"] if s.get("name") == name]
    return found


def test_tests_workflow_runs_on_every_push_and_pull_request():
    workflow = load(WORKFLOWS / "tests.yml")
    assert set(triggers(workflow)) == {"push", "pull_request"}
    assert triggers(workflow)["push"] is None  # every branch, not only main
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_tests_workflow_runs_the_oldest_python_pyproject_allows_and_a_newer_one():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    oldest = re.fullmatch(r">=(3\.\d+)", pyproject["project"]["requires-python"]).group(1)
    job = load(WORKFLOWS / "tests.yml")["jobs"]["test"]
    versions = job["strategy"]["matrix"]["python-version"]
    assert all(isinstance(v, str) for v in versions)  # unquoted, 3.10 would be read as 3.1
    assert oldest in versions
    assert max(tuple(map(int, v.split("."))) for v in versions) > tuple(map(int, oldest.split(".")))
    assert step(job, uses="actions/setup-python")["with"]["python-version"] == "${{ matrix.python-version }}"


def test_tests_workflow_caches_pip_keyed_on_pyproject():
    job = load(WORKFLOWS / "tests.yml")["jobs"]["test"]
    setup = step(job, uses="actions/setup-python")["with"]
    assert setup["cache"] == "pip"
    assert setup["cache-dependency-path"] == "pyproject.toml"


def test_tests_workflow_runs_the_readme_test_command():
    job = load(WORKFLOWS / "tests.yml")["jobs"]["test"]
    command = step(job, name="Run the tests")["run"]
    assert command.split()[:2] == ["make", "test"]
    # The runners have Google Chrome, not Debian's chromium; with it `make browser` installs nothing.
    assert "CHROMIUM=/usr/bin/google-chrome" in command.split()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("\n## ", 1)[0]
    assert re.search(r"^make test\b", first_screen, re.MULTILINE)


def test_release_workflow_runs_on_version_tags_and_publishes_after_the_checks():
    workflow = load(WORKFLOWS / "release.yml")
    assert triggers(workflow) == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}  # nothing else may mint a PyPI token
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    commands = "\n".join(s.get("run", "") for s in build["steps"])
    assert "python -m build" in commands
    assert "twine check --strict dist/*" in commands
    assert step(build, uses="actions/upload-artifact")["with"]["path"] == "dist/"

    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert step(publish, uses="actions/download-artifact")["with"] == {"name": "dist", "path": "dist/"}
    assert "pypa/gh-action-pypi-publish@release/v1" in [s.get("uses") for s in publish["steps"]]


def test_release_builds_the_demo_site_with_the_wheel_from_outside_the_checkout():
    build = load(WORKFLOWS / "release.yml")["jobs"]["build"]
    demo = step(build, name="Build the demo site with the wheel")
    # Run elsewhere: `python -m` puts the current folder on sys.path, and the checkout's package with it.
    assert demo["working-directory"] == "${{ runner.temp }}"
    assert "python -m venv" in demo["run"] and 'pip install "$CHECKOUT"/dist/*.whl' in demo["run"]
    assert re.search(r"python -m sphinx -W --keep-going -b html \"\$CHECKOUT/example_site\"", demo["run"])


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """dist/ as `python -m build` leaves it: the sdist and the wheel, built with flit_core."""
    folder = tmp_path_factory.mktemp("release") / "dist"
    folder.mkdir()
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        buildapi.build_sdist(str(folder))
        buildapi.build_wheel(str(folder))
    finally:
        os.chdir(cwd)
    return folder


@pytest.mark.parametrize(("tag", "passes"), [
    (f"v{sphinx_newsposts.__version__}", True),
    ("v99.0.0", False),
    (sphinx_newsposts.__version__, False),  # without the v
])
def test_release_tag_check(dist, tag, passes):
    check = step(load(WORKFLOWS / "release.yml")["jobs"]["build"], name="Check that the tag is the package's version")
    done = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=dist.parent, env={**os.environ, "TAG": tag},
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode == 0) == passes, done.stdout + done.stderr
    assert f"package version {sphinx_newsposts.__version__}" in done.stdout


def test_pages_workflow_keeps_the_last_build():
    build = load(WORKFLOWS / "pages.yml")["jobs"]["build"]
    names = [s.get("name") or s.get("uses") for s in build["steps"]]
    cache = step(build, uses="actions/cache")
    assert names.index(cache["name"]) < names.index("Build the site")
    assert cache["with"]["path"].splitlines() == ["_build", "~/.cache/sphinx-newsposts/images"]
    key = cache["with"]["key"]
    for part in ("runner.os", "steps.python.outputs.python-version", "hashFiles('pyproject.toml')", "github.ref_name",
                 "github.run_id"):
        assert part in key, part
    # Fall back to this branch's newest build, then the default branch's: the key up to the run id.
    own_branch, default_branch = cache["with"]["restore-keys"].splitlines()
    assert own_branch == key.removesuffix("${{ github.run_id }}")
    assert default_branch == own_branch.replace("github.ref_name", "github.event.repository.default_branch")

    site, docs = step(build, name="Build the site")["run"], step(build, name="Build the documentation")["run"]
    assert site.endswith("-d _build/doctrees -D html_baseurl=\"$BASE_URL/\" example_site _build/html")
    assert docs.endswith("-d _build/docs-doctrees -D html_baseurl=\"$BASE_URL/docs/\" docs _build/html/docs")
    assert step(build, uses="actions/upload-pages-artifact")["with"]["path"] == "_build/html"


def test_gitlab_example_keeps_the_last_build_and_publishes_public():
    job = load(GITLAB_EXAMPLE)["pages"]
    assert job["cache"]["key"]["files"] == ["requirements.txt"]
    assert "_build/" in job["cache"]["paths"]
    assert job["artifacts"]["paths"] == ["public"]
    build = " ".join(job["script"])
    assert "sphinx-build -W --keep-going -b html -d _build/doctrees" in build
    assert "cp -r _build/html public" in build
    guide = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    assert "```{literalinclude} examples/gitlab-ci.yml" in guide
