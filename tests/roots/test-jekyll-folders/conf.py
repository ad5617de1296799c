project = "Folders of a Jekyll site"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://news.example.org/"
