// ECharts charts from JSON options: <div class="chart" data-chart="options-id"></div> plus
// {{ options|json_script:"options-id" }}. Options are plain JSON built by the server.
(function () {
  "use strict";
  function init(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.chartReady) { return; }
      var source = document.getElementById(el.dataset.chart);
      if (!source || !window.echarts) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(JSON.parse(source.textContent));
      el.dataset.chartReady = "1";
      if (el.dataset.chartLinks) {
        // Drill-down: clicking a bar goes to the URL given for its category.
        var links = JSON.parse(document.getElementById(el.dataset.chartLinks).textContent);
        chart.on("click", function (params) {
          var url = links[params.name] || links[params.dataIndex];
          if (url) { window.location.href = url; }
        });
      }
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
