# conf.py: sphinx-rtd-theme (it shows no html_sidebars: the news page in the toctree is the way in)
extensions = ["sphinx_newsposts"]
html_theme = "sphinx_rtd_theme"
html_baseurl = "https://lumen.example.org/"  # feeds, sitemaps and share metadata need it
