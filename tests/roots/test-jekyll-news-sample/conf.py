project = "Jekyll news sample"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://jekyllrb.com/"
