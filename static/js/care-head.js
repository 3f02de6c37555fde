// 关怀版 (care mode) before first paint: loaded synchronously in <head> of the public pages, so the page is drawn
// in the reader's mode from the start. Remembered in localStorage only (public pages set no cookie).
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("gaoyou-care-mode") === "1") {
      document.documentElement.classList.add("care-mode");
    }
  } catch (e) { /* storage blocked: the standard mode */ }
})();
