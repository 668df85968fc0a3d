/* The menu is open in the HTML (it works without scripts); on a narrow screen it is
   folded behind its "Menu" button so that the page, not the menu, fills the first
   screen. Loaded right after the menu, before the first paint. */
(function () {
  var narrow = window.matchMedia("(max-width: 899px)");
  function fold() {
    document.querySelectorAll("details.menu").forEach(function (menu) {
      menu.open = !narrow.matches;
    });
  }
  fold();
  narrow.addEventListener("change", fold);
})();
