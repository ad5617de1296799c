project = "Publishing Test"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://news.example.org/"
language = "en_GB"
newsposts_timezone = "Europe/Berlin"
newsposts_publisher = {"name": "Example News"}
html_theme_options = {"posts_per_page": 2}
