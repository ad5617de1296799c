extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://example.org/"
