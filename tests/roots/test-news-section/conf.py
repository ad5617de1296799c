"""A project's documentation with a news section: the site the theme tests build under each theme."""

project = "Lumen"
copyright = "2025, the Lumen team"
extensions = ["sphinx_newsposts"]
html_theme = "alabaster"
html_baseurl = "https://lumen.example.org/"
html_title = "Lumen"
newsposts_timezone = "UTC"
exclude_patterns = ["_build"]
