project = "Liquid Test News"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://liquid.example.org/news/"
language = "en"
exclude_patterns = ["_build", "_includes", "_data"]
