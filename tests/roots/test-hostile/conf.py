project = "Hostile </script><script>alert('project')</script>"
extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://hostile.example.org/"
newsposts_label_feeds = True
newsposts_feed_full_text = True
