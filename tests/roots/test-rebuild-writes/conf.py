project = "Rebuild Writes"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://rebuild.example.org/"
newsposts_timezone = "UTC"
# Sphinx's own search: Pagefind would index every page again after each build.
newsposts_search = "sphinx"
# Few posts per page, so that a new post shifts later pages and some listings show none of it.
html_theme_options = {"posts_per_page": 3, "front_page_posts": 4}
