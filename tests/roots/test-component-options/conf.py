extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
