/* Checklist self-check: ticks are kept in this browser (localStorage, one key per level).
   No network access, no dependencies; works from file:// and with Material's instant navigation. */
(function () {
  "use strict";

  var PREFIX = "ronghe-checklist:";

  function openStorage() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;   // storage disabled (privacy settings, some file:// policies)
    }
  }

  function readState(store, key) {
    if (!store) return {};
    try {
      var data = JSON.parse(store.getItem(key) || "{}");
      var done = {};
      (data.done || []).forEach(function (id) { done[id] = true; });
      return done;
    } catch (e) {
      return {};
    }
  }

  function writeState(store, key, done) {
    if (!store) return;
    var ids = Object.keys(done).filter(function (id) { return done[id]; });
    try {
      if (ids.length) {
        store.setItem(key, JSON.stringify({ v: 1, done: ids, saved: new Date().toISOString() }));
      } else {
        store.removeItem(key);
      }
    } catch (e) { /* quota or disabled: ticks still work for this visit */ }
  }

  function init() {
    var bar = document.querySelector("[data-rh-checklist]");
    if (!bar || bar.getAttribute("data-rh-ready")) return;
    bar.setAttribute("data-rh-ready", "1");

    var key = PREFIX + bar.getAttribute("data-rh-checklist");
    var store = openStorage();
    var done = readState(store, key);
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input.rh-cl-check"));
    var helpItems = Array.prototype.slice.call(document.querySelectorAll(".rh-cl-helplist li[data-items]"));
    var helpBox = document.querySelector(".rh-cl-helpbox");
    var progress = bar.querySelector(".rh-cl-bar");
    var counter = bar.querySelector(".rh-cl-done");

    if (!store) {
      bar.classList.add("rh-cl-storage-off");
      var note = bar.querySelector(".rh-cl-note");
      if (note) note.textContent = "本浏览器不允许保存数据，勾选情况在关闭页面后不会保留。可打印本清单后手工勾选。";
    }

    function update() {
      var count = 0;
      boxes.forEach(function (box) {
        var row = box.closest(".rh-cl-item");
        if (row) row.classList.toggle("is-done", box.checked);
        if (box.checked) count += 1;
      });
      if (progress) {
        progress.value = count;
        progress.setAttribute("aria-valuetext", "已完成 " + count + " / " + boxes.length + " 项");
      }
      if (counter) counter.textContent = String(count);
      var complete = boxes.length > 0 && count === boxes.length;
      bar.classList.toggle("is-complete", complete);
      if (helpBox) helpBox.classList.toggle("is-complete", complete);
      helpItems.forEach(function (li) {
        var ids = li.getAttribute("data-items").split(/\s+/);
        var allDone = ids.every(function (id) { return done[id]; });
        li.classList.toggle("is-done", allDone);
      });
    }

    boxes.forEach(function (box) {
      var id = box.getAttribute("data-item");
      box.checked = !!done[id];
      box.addEventListener("change", function () {
        done[id] = box.checked;
        writeState(store, key, done);
        update();
      });
    });

    var reset = bar.querySelector(".rh-cl-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        if (!window.confirm("确定清空本清单的全部勾选吗？")) return;
        done = {};
        boxes.forEach(function (box) { box.checked = false; });
        writeState(store, key, done);
        update();
      });
    }
    var print = bar.querySelector(".rh-cl-print");
    if (print) print.addEventListener("click", function () { window.print(); });

    // another tab or window changed this checklist: show its ticks here too
    window.addEventListener("storage", function (event) {
      if (event.key !== key || !document.body.contains(bar)) return;
      done = readState(store, key);
      boxes.forEach(function (box) { box.checked = !!done[box.getAttribute("data-item")]; });
      update();
    });

    update();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);       // Material: runs on every (instant) page load
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
