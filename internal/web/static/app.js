// Small behaviours the pages need without loading Bootstrap's JavaScript.
document.addEventListener("click", function (ev) {
  var btn = ev.target.closest("[data-toggle-target]");
  if (!btn) return;
  var target = document.querySelector(btn.getAttribute("data-toggle-target"));
  if (!target) return;
  var open = target.classList.toggle("show");
  btn.setAttribute("aria-expanded", open ? "true" : "false");
});

// Forms that destroy something ask first: <form data-confirm="…">, or the
// button that sends it (<button data-confirm="…">) when only that one should.
document.addEventListener("submit", function (ev) {
  var btn = ev.submitter;
  var msg = (btn && btn.getAttribute("data-confirm")) || (ev.target.getAttribute && ev.target.getAttribute("data-confirm"));
  if (msg && !window.confirm(msg)) ev.preventDefault();
});

// The print button of document views (inline handlers are forbidden by the CSP).
document.addEventListener("click", function (ev) {
  if (ev.target.closest && ev.target.closest("[data-print]")) window.print();
});

// Ranking charts: each canvas[data-chart] names a JSON block with labels,
// the reviewed totals of ranked units, the self-scores of the unreviewed
// ones, and the year's scale (max), shared by every chart of the page.
// Chart.js is loaded only on that page.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.Chart) return;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var data = JSON.parse(document.getElementById(canvas.getAttribute("data-chart")).textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Điểm thẩm định (xếp hạng)", data: data.reviewed, backgroundColor: "#0b3a78" },
          { label: "Điểm tự chấm, chưa thẩm định", data: data.self, backgroundColor: "#9ec5fe" }
        ]
      },
      options: { indexAxis: "y", animation: false, responsive: true, datasets: { bar: { skipNull: true } },
        plugins: { legend: { position: "bottom" } },
        scales: { x: { beginAtZero: true, min: 0, max: data.max || undefined, ticks: { callback: function (v) { return String(v).replace(".", ","); } } } } }
    });
  });
});

// Forms that create something are sent once: a double click does not make two.
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  if (ev.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-once")) return;
  if (form.dataset.sent) { ev.preventDefault(); return; }
  form.dataset.sent = "1";
});
