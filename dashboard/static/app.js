// nianbao dashboard: starts the charts whose ECharts options the page carries as JSON data
// blocks (the CSP allows no inline script), and submits filter forms on change.
"use strict";
(function () {
  function initCharts() {
    if (typeof echarts === "undefined") {
      console.error("nianbao: echarts.min.js did not load");
      return;
    }
    document.querySelectorAll("div.chart[data-options]").forEach(function (el) {
      var block = document.getElementById(el.getAttribute("data-options"));
      if (!block) return;
      el.style.height = (parseInt(el.getAttribute("data-height"), 10) || 360) + "px";
      var opts = JSON.parse(block.textContent);
      opts.animation = false;
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(opts);
      el.setAttribute("data-ready", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  function autoSubmit() {
    document.querySelectorAll("form.filters select, form.filters input[type=checkbox]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    autoSubmit();
    initCharts();
  });
})();
