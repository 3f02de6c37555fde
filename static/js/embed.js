// An embedded page tells the page framing it how tall it is, so the frame can fit it without a scroll bar
// (static/js/embed-host.js on the county portal's page listens). Only the height is sent, to any parent.
(function () {
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = document.documentElement.scrollHeight;
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "gaoyou-embed-height", href: location.href, height: height }, "*");
    }
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
