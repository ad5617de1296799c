# conf.py: alabaster, with the news sidebars under its navigation
extensions = ["sphinx_newsposts"]
html_theme = "alabaster"
html_baseurl = "https://lumen.example.org/"  # feeds, sitemaps and share metadata need it
html_sidebars = {
    "**": [
        "about.html",
        "navigation.html",
        "newsposts/recent-posts.html",
        "newsposts/archives.html",
        "newsposts/tags.html",
        "searchbox.html",
    ],
}
