project = "Raw HTML"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://raw-html.example.org/"
newsposts_feed_full_text = True
newsposts_label_feeds = False
