"""Promises of the command line page that other tests leave alone: ``check --all-warnings`` and
``import-jekyll``'s ``--strict``, ``--site-var``, ``--baseurl`` and ``--quiet``, each run with and without."""

from __future__ import annotations

from pathlib import Path

from sphinx_newsposts.cli import main

CONF = 'extensions = ["sphinx_newsposts"]\nhtml_theme = "newsposts"\nhtml_baseurl = "https://news.example.org/"\n' \
       'exclude_patterns = ["_build"]\n'


# -- check --all-warnings -------------------------------------------------------------------

def test_all_warnings_prints_the_sphinx_warnings_plain_check_only_counts(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "posts").mkdir(parents=True)
    (site / "conf.py").write_text(CONF, encoding="utf-8")
    # a Sphinx (not newsposts) warning: MyST knows no such directive
    (site / "index.md").write_text("# News\n\n```{nosuchdirective}\nText.\n```\n", encoding="utf-8")
    (site / "posts" / "2024-02-02-bad.md").write_text("---\ntitle: Bad\ndate: 2024-02-30\n---\n\nNo such day.\n",
                                                      encoding="utf-8")

    assert main(["check", str(site)]) == 1
    plain = capsys.readouterr().out
    assert "[newsposts.date]" in plain
    assert "nosuchdirective" not in plain
    assert "other Sphinx warnings not shown; --all-warnings shows them" in plain

    assert main(["check", str(site), "--all-warnings"]) == 1
    every = capsys.readouterr().out
    assert "[newsposts.date]" in every
    assert "nosuchdirective" in every
    assert "not shown" not in every
    assert every.strip().splitlines()[-1] == plain.strip().splitlines()[-1].split(" (")[0]  # same count


# -- import-jekyll options --------------------------------------------------------------------

def jekyll_site(folder: Path, body: str, config: str = "title: Gazette\n") -> Path:
    (folder / "_posts").mkdir(parents=True)
    (folder / "_config.yml").write_text(config, encoding="utf-8")
    (folder / "_posts" / "2024-03-01-harbour.md").write_text(
        f"---\ntitle: Harbour\ndate: 2024-03-01\n---\n\n{body}\n", encoding="utf-8")
    return folder


def imported_post(dest: Path) -> str:
    return (dest / "posts" / "2024-03-01-harbour.md").read_text(encoding="utf-8")


def test_strict_exits_with_1_only_when_a_construct_is_left(tmp_path, capsys):
    left = jekyll_site(tmp_path / "left", "{% for item in site.data.ferries %}{{ item }}{% endfor %}")
    assert main(["import-jekyll", str(left), str(tmp_path / "a"), "--quiet"]) == 0
    assert ": left: " in capsys.readouterr().out
    assert main(["import-jekyll", str(left), str(tmp_path / "b"), "--quiet", "--strict"]) == 1
    assert ": left: " in capsys.readouterr().out
    assert "{% for item in site.data.ferries %}" in imported_post(tmp_path / "b")  # imported all the same

    clean = jekyll_site(tmp_path / "clean", "Plain text, nothing to convert.")
    assert main(["import-jekyll", str(clean), str(tmp_path / "c"), "--quiet", "--strict"]) == 0
    assert "Nothing left to convert by hand." in capsys.readouterr().out


def test_site_var_gives_site_name_its_value(tmp_path, capsys):
    site = jekyll_site(tmp_path / "jekyll", "Code at {{ site.repository }}.")
    assert main(["import-jekyll", str(site), str(tmp_path / "with"), "--quiet",
                 "--site-var", "repository=https://github.com/owner/project"]) == 0
    assert "Code at https://github.com/owner/project." in imported_post(tmp_path / "with")

    assert main(["import-jekyll", str(site), str(tmp_path / "without"), "--quiet"]) == 0
    assert "Code at {{ site.repository }}." in imported_post(tmp_path / "without")  # left without a value
    assert "{{ site.repository }}" in capsys.readouterr().out


def test_baseurl_becomes_html_baseurl_over_the_config(tmp_path):
    site = jekyll_site(tmp_path / "jekyll", "Text.", "title: Gazette\nurl: https://old.example.org\n")
    assert main(["import-jekyll", str(site), str(tmp_path / "given"), "--quiet",
                 "--baseurl", "https://news.example.org/"]) == 0
    assert "html_baseurl = 'https://news.example.org/'" in (tmp_path / "given" / "conf.py").read_text()

    assert main(["import-jekyll", str(site), str(tmp_path / "config"), "--quiet"]) == 0
    assert "html_baseurl = 'https://old.example.org/'" in (tmp_path / "config" / "conf.py").read_text()


def test_quiet_writes_no_progress(tmp_path, capsys):
    site = jekyll_site(tmp_path / "jekyll", "Text.")
    # a second post: a single file is imported without a progress line
    (site / "_posts" / "2024-03-02-ferry.md").write_text("---\ntitle: Ferry\n---\n\nText.\n", encoding="utf-8")
    assert main(["import-jekyll", str(site), str(tmp_path / "loud")]) == 0
    loud = capsys.readouterr()
    assert "[2/2] posts/2024-03-02-ferry.md" in loud.err

    assert main(["import-jekyll", str(site), str(tmp_path / "quiet"), "--quiet"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    assert "Imported into" in quiet.out  # the summary is still printed
    assert (tmp_path / "quiet" / "posts" / "2024-03-01-harbour.md").is_file()
