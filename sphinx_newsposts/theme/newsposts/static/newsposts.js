/* newsposts theme: the light/dark switch. The choice is kept in localStorage and
   applied before the first paint by a one-line script in <head>. */
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

  document.addEventListener("DOMContentLoaded", function () {
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
