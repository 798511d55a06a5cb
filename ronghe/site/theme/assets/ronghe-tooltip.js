/* Tooltips that take TEXT, never HTML (issue 19).
   Material's `content.tooltips` builds its tooltip from an element's title attribute with
   innerHTML, so a glossary term whose meaning holds `<img onerror=…>` ran on hover on every page
   that links the term. The plugin turns that feature off (ronghe/adapter/theme.py) and this
   script shows the title of links and cells in the page (glossary terms, matrix cells, tags) on
   hover and keyboard focus, set with textContent. Escape closes it. No network, no dependencies. */
(function () {
  "use strict";

  var tip = null, owner = null, seq = 0;

  function hide() {
    if (!owner) return;
    owner.setAttribute("title", owner.getAttribute("data-rh-title") || "");
    owner.removeAttribute("data-rh-title");
    owner.removeAttribute("aria-describedby");
    if (tip) tip.remove();
    tip = null;
    owner = null;
  }

  function show(el) {
    if (owner === el) return;
    hide();
    var text = el.getAttribute("title");
    if (!text) return;
    owner = el;
    el.setAttribute("data-rh-title", text);
    el.removeAttribute("title");            /* no second, native tooltip */
    tip = document.createElement("div");
    tip.className = "rh-tip";
    tip.setAttribute("role", "tooltip");
    tip.id = "rh-tip-" + (++seq);
    tip.textContent = text;                 /* text: markup in a title is shown, never run */
    el.setAttribute("aria-describedby", tip.id);
    document.body.appendChild(tip);
    var box = el.getBoundingClientRect(), width = tip.offsetWidth;
    var left = Math.max(8, Math.min(box.left + box.width / 2 - width / 2, document.documentElement.clientWidth - width - 8));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function target(ev) {
    var t = ev.target;
    if (!t || !t.closest) return null;
    var el = t.closest("article [title], article [data-rh-title]");
    return el && !el.closest("svg") ? el : null;   /* the maps have their own <title> */
  }

  document.addEventListener("mouseover", function (ev) { var el = target(ev); if (el) show(el); });
  document.addEventListener("focusin", function (ev) { var el = target(ev); if (el) show(el); });
  document.addEventListener("mouseout", function (ev) {
    if (owner && (!ev.relatedTarget || !owner.contains(ev.relatedTarget))) hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
  window.addEventListener("scroll", hide, { passive: true });
})();
