project = "Components"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://components.example.org/"
templates_path = ["_templates"]
