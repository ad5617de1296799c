"""Lumen News: the demo site of sphinx-newsposts."""

project = "Lumen News"
copyright = "2025, the Lumen News team"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://news.example.org/"
html_logo = "assets/images/logo.png"
html_theme_options = {
    "nav_links": [{"title": "Lumen project", "url": "https://example.org/lumen/"}],
}
newsposts_timezone = "Europe/Berlin"
exclude_patterns = ["_build"]
