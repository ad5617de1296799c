project = "Theme Promises"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://promises.example.org/"
html_static_path = ["_static"]
exclude_patterns = ["_build", "_templates"]
