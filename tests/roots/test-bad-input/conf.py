extensions = ["sphinx_newsposts"]
html_theme = "newsposts"
html_baseurl = "https://bad.example.org/"
newsposts_timezone = "Mars/Olympus_Mons"
newsposts_max_labels = 2
newsposts_words_per_minute = 0
