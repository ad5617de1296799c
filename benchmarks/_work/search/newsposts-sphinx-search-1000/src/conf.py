project = "Bench"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://bench.example.org/"
exclude_patterns = ["_build"]
newsposts_search = "sphinx"
