project = "Jekyll oracle"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://oracle.example.org/"
# Jekyll's own folders: templates, includes, data and Jekyll's output are not documents.
exclude_patterns = ["_site", "_layouts", "_includes", "_data", "README.md"]
