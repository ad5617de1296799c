extensions = ["sphinx_newsposts"]
html_theme = "alabaster"
html_baseurl = "https://news.example.org/"
