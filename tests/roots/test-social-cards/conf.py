project = "Card Test News"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_theme_options = {"accent_color": "#c2410c"}
html_baseurl = "https://cards.example.org/"
language = "en"
newsposts_timezone = "Europe/Berlin"
