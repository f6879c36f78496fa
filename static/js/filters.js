// On narrow screens the filter panel starts folded, so the results come first.
// Without JavaScript it simply stays open.
(function () {
  if (!window.matchMedia("(max-width: 760px)").matches) return;
  document.querySelectorAll("details.facet-toggle[open]").forEach(function (panel) {
    var chosen = panel.querySelector("a.selected");
    if (!chosen) panel.removeAttribute("open");
  });
})();
