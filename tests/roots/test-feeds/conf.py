extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://feeds.example.org/news/"
project = "Feeds & Co"
language = "en"
newsposts_feed_length = 4
newsposts_authors = {"Ann Author": {"url": "https://feeds.example.org/news/ann.html"}}
