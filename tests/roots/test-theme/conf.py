project = "Theme Test"
copyright = "2025, Theme Tests"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://theme.example.org/news/"
html_theme_options = {
    "posts_per_page": 2,
    "front_page_posts": 3,
    "nav_links": [{"title": "About", "url": "about.html"}],
}
