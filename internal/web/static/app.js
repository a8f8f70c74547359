// Small behaviours the pages need without loading Bootstrap's JavaScript.
document.addEventListener("click", function (ev) {
  var btn = ev.target.closest("[data-toggle-target]");
  if (!btn) return;
  var target = document.querySelector(btn.getAttribute("data-toggle-target"));
  if (!target) return;
  var open = target.classList.toggle("show");
  btn.setAttribute("aria-expanded", open ? "true" : "false");
});

// Forms that destroy something ask first: <form data-confirm="…">.
document.addEventListener("submit", function (ev) {
  var msg = ev.target.getAttribute && ev.target.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) ev.preventDefault();
});

// The print button of document views (inline handlers are forbidden by the CSP).
document.addEventListener("click", function (ev) {
  if (ev.target.closest && ev.target.closest("[data-print]")) window.print();
});
