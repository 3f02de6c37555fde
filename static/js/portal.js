// Portal behaviour without inline scripts (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  // Confirm before destructive actions: <form data-confirm="..."> or <button data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = (event.submitter && event.submitter.dataset.confirm) || form.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);
  // Print buttons: <button data-print>.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-print]");
    if (el) { event.preventDefault(); window.print(); }
  });
  // 关怀版 (care mode): <button data-care-toggle>; the class lives on <html>, the choice in localStorage.
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-care-toggle]")) { return; }
    var on = document.documentElement.classList.toggle("care-mode");
    try {
      if (on) { window.localStorage.setItem("gaoyou-care-mode", "1"); }
      else { window.localStorage.removeItem("gaoyou-care-mode"); }
    } catch (e) { /* storage blocked: the mode lasts for this page */ }
  });
})();
