project = "Latest Posts"
extensions = ["sphinx_newsposts"]
html_theme = "alabaster"
html_baseurl = "https://latest.example.org/"
newsposts_timezone = "UTC"
