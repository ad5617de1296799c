project = "Nuntii"
copyright = "2025, Nuntii"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://nuntii.example.org/"
html_theme_options = {"posts_per_page": 2, "front_page_posts": 3}
