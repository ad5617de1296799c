/* newsposts theme: the search page, for either index.

   With Pagefind's, loads the index's own pagefind.js from this site (no Pagefind UI, nothing from
   elsewhere), searches for ?q= and, while the reader types, for the field's text, and shows the first
   results with DOM APIs only: titles and excerpts come from the site's pages and are never parsed as
   markup here. With Sphinx's, searchtools.js shows the results; this only gives them the same
   excerpts (the text Pagefind would index) and each post's date. */
(function () {
  "use strict";
  var SHOWN = 10;
  var WAIT_MS = 250;

  /* The text an HTML fragment reads as: its entities decoded in an inert <template>, nothing run. */
  function textOf(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.textContent;
  }

  /* Sphinx's Search object (searchtools.js, loaded just before this script): changed before it searches. */
  function adaptSphinxSearch() {
    Search.htmlToText = function (html, anchor) {
      var page = new DOMParser().parseFromString(html, "text/html");
      page.querySelectorAll("[data-pagefind-ignore], .headerlink, script, style").forEach(function (element) {
        element.remove();
      });
      var main = page.querySelector("[data-pagefind-body]") || page.querySelector('[role="main"]');
      var block = (anchor && main && main.querySelector(anchor)) || main;
      return block ? block.textContent : "";
    };
    var summarize = Search.makeSearchSummary;
    Search.makeSearchSummary = function (html, keywords, anchor) {
      var summary = summarize(html, keywords, anchor);
      var found = /data-pagefind-meta="date:([^"]*)"/.exec(html);
      if (!summary || !found) {
        return summary;
      }
      var both = document.createDocumentFragment();
      var date = both.appendChild(document.createElement("p"));
      date.className = "np-search-date";
      date.textContent = textOf(found[1]);
      both.appendChild(summary);
      return both;
    };
  }

  if (typeof Search !== "undefined") {
    adaptSphinxSearch();
    return;
  }
  var box = document.getElementById("search-results");
  var form = document.querySelector(".np-search-page-form");
  if (!box || !form || !box.dataset.bundle) {
    return;
  }
  var status = box.querySelector(".np-search-status");
  var list = box.querySelector(".np-search-results");
  var more = box.querySelector(".np-search-more");
  var pending = []; /* results found and not shown yet, in Pagefind's order */
  var field = form.elements.q;
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");
  var pagefind = null;
  var latest = 0;
  var timer = 0;

  function label(name, count, query) {
    return box.dataset[name].replace("{count}", String(count)).replace("{query}", query);
  }

  function load() {
    if (!pagefind) {
      /* The site root as an absolute path: result URLs from the index are relative to it. */
      var root = new URL(box.dataset.root || "./", window.location.href);
      pagefind = import(new URL(box.dataset.bundle + "pagefind.js", window.location.href).href)
        .then(function (module) {
          /* No worker: its script is 12 KB more per first query, and searching a news site's
             index takes the page a few milliseconds. */
          return module.options({ baseUrl: root.pathname, noWorker: true }).then(function () { return module; });
        });
    }
    return pagefind;
  }

  /* A link target only when it stays on the web: http(s) or relative; anything else is no link. */
  function safeUrl(url) {
    try {
      var resolved = new URL(url, window.location.href);
      return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : null;
    } catch (error) {
      return null;
    }
  }

  /* Pagefind's excerpt is page text with <mark> around the words found: rebuilt as text and marks. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "np-search-excerpt";
    var marked = false;
    html.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
      } else if (part) {
        var text = document.createTextNode(textOf(part));
        if (marked) {
          paragraph.appendChild(document.createElement("mark")).appendChild(text);
        } else {
          paragraph.appendChild(text);
        }
      }
    });
    return paragraph;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "np-search-result";
    var heading = li.appendChild(document.createElement("h2"));
    var title = (data.meta && data.meta.title) || data.url;
    var url = safeUrl(data.url);
    var target = url ? heading.appendChild(document.createElement("a")) : heading;
    if (url) {
      target.href = url;
    }
    target.appendChild(document.createTextNode(title));
    if (data.meta && data.meta.date) {
      var date = li.appendChild(document.createElement("p"));
      date.className = "np-search-date";
      date.textContent = data.meta.date;
    }
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  /* The next results, their data loaded ten at a time; the first new item, or null when a newer
     query has taken over. */
  function showNext(ticket, fresh) {
    return Promise.all(pending.splice(0, SHOWN).map(function (result) { return result.data(); }))
      .then(function (pages) {
        if (ticket !== latest) {
          return null;
        }
        var items = pages.map(item);
        if (fresh) {
          list.replaceChildren();
        }
        items.forEach(function (li) { list.appendChild(li); });
        more.hidden = pending.length === 0;
        return items[0] || null;
      });
  }

  function show(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      pending = [];
      status.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      return Promise.resolve();
    }
    return load()
      .then(function (module) { return module.search(query); })
      .then(function (search) {
        if (ticket !== latest) {
          return; /* a newer query answered first */
        }
        pending = ((search && search.results) || []).slice();
        var count = pending.length;
        return showNext(ticket, true).then(function () {
          if (ticket === latest) {
            status.textContent = count
              ? label(plural.select(count) === "one" ? "one" : "other", count, query)
              : label("none", count, query);
          }
        });
      })
      .catch(function (error) {
        if (ticket === latest) {
          status.textContent = box.dataset.failed;
          list.replaceChildren();
          more.hidden = true;
        }
        console.warn("newsposts search:", error);
      });
  }

  /* Keyboard readers land on the first result just shown. */
  more.addEventListener("click", function () {
    showNext(latest, false).then(function (first) {
      var link = first && first.querySelector("a");
      if (link) {
        link.focus();
      }
    });
  });

  var query = new URLSearchParams(window.location.search).get("q") || "";
  document.querySelectorAll('input[name="q"]').forEach(function (input) { input.value = query; });
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", field.value);
      window.history.replaceState(null, "", url);
      show(field.value);
    }, WAIT_MS);
  });
  show(query);
})();
