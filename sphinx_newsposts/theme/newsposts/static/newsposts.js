/* newsposts theme: the light/dark switch (the choice is kept in localStorage and applied before
   the first paint by a one-line script in <head>), and the button that unfolds the header's search
   form on phones. */
(function () {
  "use strict";
  var root = document.documentElement;
  var key = "newsposts-scheme";
  var prefersDark = window.matchMedia("(prefers-color-scheme: dark)");

  function scheme() {
    return root.dataset.scheme || (prefersDark.matches ? "dark" : "light");
  }

  function show(button) {
    button.setAttribute("aria-pressed", String(scheme() === "dark"));
  }

  /* Phones show the button instead of the form (CSS, under the np-js class); it opens the form,
     moves focus to its field, and Escape folds it back. */
  function searchToggle() {
    var button = document.querySelector(".np-search-toggle");
    var form = document.getElementById("np-search");
    if (!button || !form) {
      return;
    }
    function open(opened) {
      button.setAttribute("aria-expanded", String(opened));
      form.classList.toggle("np-open", opened);
    }
    button.addEventListener("click", function () {
      var opened = button.getAttribute("aria-expanded") !== "true";
      open(opened);
      if (opened) {
        form.elements.q.focus();
      }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        open(false);
        button.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    searchToggle();
    var button = document.querySelector(".np-scheme-toggle");
    if (!button) {
      return;
    }
    button.hidden = false;
    show(button);
    button.addEventListener("click", function () {
      var next = scheme() === "dark" ? "light" : "dark";
      root.dataset.scheme = next;
      try {
        localStorage.setItem(key, next);
      } catch (error) {
        /* storage may be off; the choice then lasts for this page only */
      }
      show(button);
    });
    prefersDark.addEventListener("change", function () { show(button); });
  });
})();
