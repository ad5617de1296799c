project = "Quaestio"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://quaestio.example.org/en/latest/"
