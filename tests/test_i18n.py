"""With ``language = "de"`` (``fr``, ``es``) every label the theme, the archive pages and the components
print is translated, and dates are written as the language writes them; English reads as it always did.

The test root's posts are written in pseudo-Latin, so a page's whole visible text can be searched for
English labels without mistaking a post's own words for one.
"""

from __future__ import annotations

import datetime
import importlib.util
import re
from pathlib import Path

import pytest

from conftest import build, copy_root, read_html
from sphinx_newsposts.components.i18n import format_date

POST = "posts/2025-03-05-prima"  # newer and older neighbours, updated, toc, FAQ, takeaways, source
PAGES = {
    "front": "index",
    "post": POST,
    "tag": "blog/tag/alpha",  # 4 posts, 2 per page
    "tag-2": "blog/tag/alpha/page/2",
    "tags": "blog/tag",
    "category": "blog/category/scientia",  # 1 post
    "year": "blog/2025",
    "author": "blog/author/gaius-plinius",
    "authors": "blog/author",
    "draft": "posts/2025-06-01-sexta",
    "search": "search",
}

# Every label the theme, the archive pages and the components print in English (whole words, case-sensitive).
ENGLISH_LABELS = (
    "Skip to content", "Site", "Dark mode", "All posts", "Tags", "Categories", "Archive", "Authors",
    "Latest posts", "min read", "Draft", "Updated", "On this page", "Share", "E-mail", "More posts",
    "Older", "Newer", "Related posts", "Follow:", "Posts tagged", "Posts in", "Posts by", "Posts from",
    "1 post", "4 posts", "page 1 of", "Pages", "Newer posts", "Older posts", "Key Takeaways", "Source:",
    "Frequently asked questions", "Searching for multiple words", "Search", "Search needs JavaScript.",
)
ENGLISH_DATE = re.compile(r"\b\d\d (January|February|March|April|May|June|July|August|September|October|November"
                          r"|December) \d{4}\b")  # "05 March 2025"

EXPECTED = {
    "de": {
        "front": ("Zum Inhalt springen", "Website-Navigation", "Dunkler Modus", "Alle Beiträge", "Schlagwörter",
                  "Kategorien", "Archiv", "Neueste Beiträge", "1. Mai 2025", "1 Min. Lesezeit", "Abonnieren:", "Suche"),
        "post": ("5. März 2025", "Aktualisiert am 10. April 2025", "Auf dieser Seite", "Teilen", "E-Mail",
                 "Weitere Beiträge", "Vorheriger Beitrag", "Nächster Beitrag", "Ähnliche Beiträge",
                 "Das Wichtigste in Kürze", "Quelle:", "Häufig gestellte Fragen"),
        "tag": ("Beiträge mit dem Schlagwort „alpha“", "4 Beiträge · Seite 1 von 2", "Ältere Beiträge", "Seiten"),
        "tag-2": ("Beiträge mit dem Schlagwort „alpha“, Seite 2", "Neuere Beiträge", "2. November 2024"),
        "tags": ("Schlagwörter", "alpha 4", "beta 2"),
        "category": ("Beiträge in der Kategorie „Scientia“", "1 Beitrag"),
        "year": ("Beiträge aus dem Jahr 2025",),
        "author": ("Beiträge von Gaius Plinius",),
        "authors": ("Autoren", "Gaius Plinius 1"),
        "draft": ("Entwurf", "1. Juni 2025"),
        "search": ("Bei einer Suche nach mehreren Wörtern werden nur Treffer angezeigt, die alle Wörter enthalten.",
                   "Die Suche braucht JavaScript."),
    },
    "fr": {
        "front": ("Aller au contenu", "Navigation du site", "Mode sombre", "Tous les articles", "Étiquettes",
                  "Catégories", "Archives", "Derniers articles", "1 mai 2025", "1 min de lecture", "S’abonner\u00a0:",
                  "Rechercher"),
        "post": ("5 mars 2025", "Mis à jour le 10 avril 2025", "Sur cette page", "Partager", "Courriel",
                 "Autres articles", "Article précédent", "Article suivant", "Articles similaires",
                 "Points clés", "Source :", "Questions fréquentes"),
        "tag": ("Articles avec l’étiquette «\u00a0alpha\u00a0»", "4 articles · page 1 sur 2", "Articles plus anciens",
                "Pagination"),
        "tag-2": ("Articles avec l’étiquette «\u00a0alpha\u00a0», page 2", "Articles plus récents", "2 novembre 2024"),
        "tags": ("Étiquettes", "alpha 4", "beta 2"),
        "category": ("Articles de la catégorie «\u00a0Scientia\u00a0»", "1 article"),
        "year": ("Articles publiés en 2025",),
        "author": ("Articles de Gaius Plinius",),
        "authors": ("Auteurs", "Gaius Plinius 1"),
        "draft": ("Brouillon", "1 juin 2025"),
        "search": ("Une recherche de plusieurs mots n’affiche que les résultats qui contiennent tous ces mots.",
                   "La recherche nécessite JavaScript."),
    },
    "es": {
        "front": ("Saltar al contenido", "Navegación del sitio", "Modo oscuro", "Todas las entradas", "Etiquetas",
                  "Categorías", "Archivo", "Últimas entradas", "1 de mayo de 2025", "1 min de lectura",
                  "Suscribirse:", "Buscar"),
        "post": ("5 de marzo de 2025", "Actualizado el 10 de abril de 2025", "En esta página", "Compartir",
                 "Correo electrónico", "Más entradas", "Entrada anterior", "Entrada siguiente",
                 "Entradas relacionadas", "Puntos clave", "Fuente:", "Preguntas frecuentes"),
        "tag": ("Entradas con la etiqueta «alpha»", "4 entradas · página 1 de 2", "Entradas más antiguas", "Páginas"),
        "tag-2": ("Entradas con la etiqueta «alpha», página 2", "Entradas más recientes", "2 de noviembre de 2024"),
        "tags": ("Etiquetas", "alpha 4", "beta 2"),
        "category": ("Entradas de la categoría «Scientia»", "1 entrada"),
        "year": ("Entradas publicadas en 2025",),
        "author": ("Entradas de Gaius Plinius",),
        "authors": ("Autores", "Gaius Plinius 1"),
        "draft": ("Borrador", "1 de junio de 2025"),
        "search": ("Al buscar varias palabras solo se muestran los resultados que las contienen todas.",
                   "La búsqueda necesita JavaScript."),
    },
    "en": {
        "front": ("Skip to content", "Site", "Dark mode", "All posts", "Tags", "Categories", "Archive",
                  "Latest posts", "01 May 2025", "1 min read", "Follow:", "Search"),
        "post": ("05 March 2025", "Updated 10 April 2025", "On this page", "Share", "E-mail", "More posts",
                 "Older Lorem ipsum tertia", "Newer Lorem ipsum quinta", "Related posts", "Key Takeaways",
                 "Source:", "Frequently asked questions"),
        "tag": ("Posts tagged “alpha”", "4 posts · page 1 of 2", "Older posts", "Pages"),
        "tag-2": ("Posts tagged “alpha”, page 2", "Newer posts", "02 November 2024"),
        "tags": ("Tags", "alpha 4", "beta 2"),
        "category": ("Posts in “Scientia”", "1 post"),
        "year": ("Posts from 2025",),
        "author": ("Posts by Gaius Plinius",),
        "authors": ("Authors", "Gaius Plinius 1"),
        "draft": ("Draft", "01 June 2025"),
        "search": ("Searching for multiple words only shows matches that contain all words.",
                   "Search needs JavaScript."),
    },
}


@pytest.fixture(scope="module", params=["de", "fr", "es", "en"])
def site(request, tmp_path_factory):
    language = request.param
    srcdir = copy_root("i18n", tmp_path_factory.mktemp(f"i18n-{language}") / "src")
    # Sphinx's search page shows a label of its own; Pagefind's labels are checked in test_search_ui.py
    return language, build(srcdir, fresh=True, confoverrides={"language": language, "newsposts_search": "sphinx"})


def visible_text(app, docname: str) -> str:
    """What a reader sees or hears: the body's text and its aria-labels, spaces normalised.
    Sphinx's heading links ("¶", title "Link to this heading") are Sphinx's own and left out."""
    soup = read_html(app, docname)
    for element in soup.select("script, style, a.headerlink"):
        element.decompose()
    labels = [element["aria-label"] for element in soup.body.select("[aria-label]")]
    text = " ".join([*soup.body.stripped_strings, *labels])
    return re.sub(r"[ \t\n\r]+", " ", text)


def english_labels_in(text: str) -> list[str]:
    return [label for label in ENGLISH_LABELS if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]


def test_every_label_is_translated_and_dates_follow_the_language(site):
    language, app = site
    english_seen = set()
    for page, docname in PAGES.items():
        text = visible_text(app, docname)
        missing = [label for label in EXPECTED[language][page] if label not in text]
        assert not missing, (language, page, missing, text)
        english_seen.update(english_labels_in(text))
        if language != "en":
            assert english_labels_in(text) == [], (language, page, text)
            assert ENGLISH_DATE.findall(text) == [], (language, page)
    if language == "en":  # the English build shows every label the other builds are searched for
        assert english_seen == set(ENGLISH_LABELS)


def test_dates_keep_their_iso_attribute(site):
    _language, app = site
    times = read_html(app, POST).select(".np-post-meta time")
    assert [time["datetime"][:10] for time in times] == ["2025-03-05", "2025-04-10"]
    card_time = read_html(app, "index").select_one(".np-card time")
    assert card_time["datetime"].startswith("2025-05-01")


def test_the_page_language_is_declared(site):
    language, app = site
    assert read_html(app, "index").html["lang"] == language


def test_format_date():
    day = datetime.date(2025, 3, 5)
    moment = datetime.datetime(2025, 3, 5, 23, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    assert format_date(day, "en") == format_date(day, None) == format_date(day, "en_GB") == "05 March 2025"
    assert format_date(moment, "de") == "5. März 2025"  # the day as the post's own zone has it
    assert format_date(day, "fr") == "5 mars 2025"
    assert format_date(day, "es") == "5 de marzo de 2025"
    assert format_date(day, "pt-BR") == "5 de março de 2025"
    assert format_date(day, "xx-unknown") == "05 March 2025"
    assert format_date(None, "de") == ""


def test_every_catalog_translates_every_message():
    script = Path(__file__).parent.parent / "scripts" / "compile_catalogs.py"
    spec = importlib.util.spec_from_file_location("compile_catalogs", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    used = module.used_messages()
    assert {"Skip to content", "Posts tagged “%s”", "%d post", "E-mail", "Key Takeaways"} <= used
    for po_path in module.catalogs():
        assert sorted(used - module.translated_messages(po_path)) == [], po_path
