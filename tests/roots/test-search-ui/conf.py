project = "Search Test"
copyright = "2025, Search Tests"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://search.example.org/"
html_theme_options = {"nav_links": [{"title": "About", "url": "about.html"}]}
