# conf.py: furo, with the news sidebars below the navigation
extensions = ["sphinx_newsposts"]
html_theme = "furo"
html_baseurl = "https://lumen.example.org/"  # feeds, sitemaps and share metadata need it
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "newsposts/recent-posts.html",
        "newsposts/archives.html",
        "sidebar/scroll-end.html",
    ],
}
