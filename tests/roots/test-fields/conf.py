project = "Fields"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://fields.example.org/"
newsposts_timezone = "America/New_York"
