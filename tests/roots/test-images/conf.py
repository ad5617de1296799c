project = "Images Test"
copyright = "2025, Image Tests"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://images.example.org/"
html_theme_options = {"front_page_posts": 4, "posts_per_page": 3}
# the images in assets/ are made by the tests (tests/test_responsive_images.py)
