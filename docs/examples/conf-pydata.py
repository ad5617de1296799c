# conf.py: pydata-sphinx-theme, recent posts in the right-hand sidebar, the archives in the left one on news pages
extensions = ["sphinx_newsposts"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://lumen.example.org/"  # feeds, sitemaps and share metadata need it
html_sidebars = {
    "news": ["newsposts/archives", "newsposts/tags"],
    "posts/**": ["newsposts/archives", "newsposts/tags"],
}
html_theme_options = {
    "secondary_sidebar_items": ["page-toc", "newsposts/recent-posts"],
}
