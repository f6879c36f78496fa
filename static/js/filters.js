// On narrow screens the filter panel starts folded, so the results come first; its summary
// says how many filters are on ("Filters (2)"). Without JavaScript it simply stays open.
(function () {
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.facet-toggle[open]").forEach(function (panel) {
      panel.removeAttribute("open");
    });
  }
  // A filter, a page or an order chosen opens the page at its results (#results): the
  // browser scrolls there by itself; focus goes there too, so the next Tab is the first row.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.hasAttribute("tabindex")) target.focus();
})();
