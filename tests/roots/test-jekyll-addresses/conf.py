project = "Jekyll Addresses"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://news.example.org/site/"
