# The teasers (assets/teaser-a.png, assets/teaser-b.png) are drawn by tests/test_checkout_rebuild.py.
project = "Checkout Test"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://checkout.example.org/"
exclude_patterns = ["_build", "_data"]
# Two posts a page: moving one post's date moves others between archive pages.
html_theme_options = {"posts_per_page": 2, "front_page_posts": 3}
