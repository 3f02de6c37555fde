// For the page that frames the portal (the county government's portal): fits each portal frame marked
// data-gaoyou-embed to the height its page reports. Only messages from the frame's own window count.
(function () {
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "gaoyou-embed-height" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe[data-gaoyou-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.max(data.height, 200), 20000) + "px";
      }
    }
  });
})();
