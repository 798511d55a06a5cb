/* Reader aids (issue 18). No network access, no dependencies; works from file://.
   - 大字 switch in the header: larger text for older readers (适老化), kept in localStorage
     (the page template applies it before the first paint, see templates/main.html);
   - relationship maps: pointing at, focusing (Tab) or clicking a box brings out its paths;
   - citations: the whole quoted passage is highlighted on arrival, not only its first paragraph;
   - scroll areas (wide tables, maps) can be reached and scrolled with the keyboard. */
(function () {
  "use strict";

  var KEY = "ronghe-bigtext";

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function bigTextSwitch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".rh-bigtext-switch")) return;
    var root = document.documentElement;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button rh-bigtext-switch";
    button.textContent = "大字";
    button.title = "放大页面文字（再点一次恢复）";

    function show() {
      var on = root.classList.contains("rh-bigtext");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.setAttribute("aria-label", on ? "恢复标准字号" : "放大页面文字");
    }
    button.addEventListener("click", function () {
      var on = !root.classList.contains("rh-bigtext");
      root.classList.toggle("rh-bigtext", on);
      var s = store();
      try { if (s) { if (on) s.setItem(KEY, "1"); else s.removeItem(KEY); } } catch (e) { /* not kept */ }
      show();
    });
    show();
    var palette = header.querySelector("form.md-header__option, .md-header__option");
    header.insertBefore(button, palette || header.querySelector(".md-search") || null);
  }

  /* --- maps: the paths through a box ---------------------------------------------- */
  function mapPaths(svg) {
    if (svg.getAttribute("data-rh-paths")) return;
    svg.setAttribute("data-rh-paths", "1");
    var edges = Array.prototype.slice.call(svg.querySelectorAll("path.rh-map__edge"));
    var nodes = Array.prototype.slice.call(svg.querySelectorAll("g.rh-map__node"));
    var column = {};
    nodes.forEach(function (g) {
      var x = parseFloat((g.querySelector("rect") || {getAttribute: function () { return "0"; }}).getAttribute("x"));
      column[g.getAttribute("data-id")] = x;
    });

    // every line on a path through the box: leftwards from it, and rightwards from it
    function pathEdges(id) {
      var on = [];
      [-1, 1].forEach(function (dir) {
        var frontier = [id], seen = {};
        seen[id] = true;
        while (frontier.length) {
          var next = [];
          frontier.forEach(function (cur) {
            edges.forEach(function (e) {
              var a = e.getAttribute("data-from"), b = e.getAttribute("data-to");
              var other = a === cur ? b : (b === cur ? a : null);
              if (other === null) return;
              if ((column[other] - column[cur]) * dir <= 0) return;
              if (on.indexOf(e) < 0) on.push(e);
              if (!seen[other]) { seen[other] = true; next.push(other); }
            });
          });
          frontier = next;
        }
      });
      return on;
    }

    var pinned = null;
    function light(id) {
      var on = id ? pathEdges(id) : [];
      var ids = {};
      if (id) ids[id] = true;
      on.forEach(function (e) { ids[e.getAttribute("data-from")] = true; ids[e.getAttribute("data-to")] = true; });
      svg.classList.toggle("rh-map--paths", !!id);
      edges.forEach(function (e) { e.classList.toggle("is-on", on.indexOf(e) >= 0); });
      nodes.forEach(function (g) { g.classList.toggle("is-on", !!ids[g.getAttribute("data-id")]); });
    }
    function idOf(target) {
      var g = target && target.closest ? target.closest("g.rh-map__node") : null;
      if (!g && target && target.querySelector) g = target.querySelector("g.rh-map__node");
      return g ? g.getAttribute("data-id") : null;
    }
    svg.addEventListener("mouseover", function (ev) { var id = idOf(ev.target); if (id) light(id); });
    svg.addEventListener("mouseleave", function () { light(pinned); });
    svg.addEventListener("focusin", function (ev) { var id = idOf(ev.target); if (id) light(id); });
    svg.addEventListener("focusout", function () { light(pinned); });
    svg.addEventListener("click", function (ev) {   // a box without a link: pin or unpin its paths
      var id = idOf(ev.target);
      if (!id || (ev.target.closest && ev.target.closest("a"))) return;
      pinned = pinned === id ? null : id;
      light(pinned);
    });
    svg.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") return;
      var id = idOf(ev.target);
      if (!id || (ev.target.closest && ev.target.closest("a"))) return;
      ev.preventDefault();
      pinned = pinned === id ? null : id;
      light(pinned);
    });
  }

  /* --- citations: the whole passage on arrival ----------------------------------- */
  function citedPassage() {
    document.querySelectorAll(".rh-quoted.is-target").forEach(function (m) { m.classList.remove("is-target"); });
    var id = decodeURIComponent((location.hash || "").slice(1));
    if (!id || id.indexOf("q-") !== 0) return;
    document.querySelectorAll(".rh-quoted[data-cite]").forEach(function (m) {
      if ((" " + m.getAttribute("data-cite") + " ").indexOf(" " + id + " ") >= 0) m.classList.add("is-target");
    });
  }

  /* --- scroll areas reachable by keyboard ----------------------------------------- */
  function scrollAreas() {
    document.querySelectorAll(".md-typeset__scrollwrap, .rh-matrix-wrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "可左右滚动的表格");
      }
    });
  }

  function init() {
    bigTextSwitch();
    document.querySelectorAll("svg.rh-map").forEach(mapPaths);
    citedPassage();
    scrollAreas();
  }

  window.addEventListener("hashchange", citedPassage);
  window.addEventListener("resize", scrollAreas);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
