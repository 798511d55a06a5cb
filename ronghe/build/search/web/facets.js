/*
 * 融合指南: facet bar in Material's search dialog. Narrows results to one
 * entry type (问题/原因/对策/案例/清单) or one responsibility level by writing
 * a filter into the query box (类型:对策 层级:党组书记), which the search
 * worker understands; the reader can also type the filters.
 * Types and levels come from search/ronghe_facets.js (a script, so it also
 * loads from file://).
 *
 * Also says when a query was searched as corrected ("已按“党建”搜索"): the
 * worker puts the note, hidden, into the first result; it is shown in a line
 * of its own under the result count. When the worker cannot read the index
 * (another format: a stale page or worker after an update), its one "result"
 * is that message (data-rh-error): shown in the same line, in place of the
 * result and the count.
 *
 * Text put into the box without a key press (pasted with the mouse, voice input) is searched
 * too (searchWithoutKeys).
 *
 * An answer may come twice: first with summaries standing in for passages
 * not loaded yet, then the same results in the same order with their
 * passages. Material renders the list anew; a keyboard reader on a result
 * stays on it (keepFocus).
 */
;(function () {
  "use strict"
  var input = document.querySelector("[data-md-component=search-query]")
  var result = document.querySelector("[data-md-component=search-result]")
  var configEl = document.getElementById("__config")
  if (!input || !result || !configEl) return

  showNotes()
  keepFocus()
  searchWithoutKeys()

  var base = new URL(JSON.parse(configEl.textContent).base || ".", location.href).href
  if (base.slice(-1) !== "/") base += "/"
  var FILTER = /(类型|层级)[:：]\s*(\S+)/g
  var buttons = [], select = null

  function current() {
    var found = { "类型": "", "层级": "" }
    input.value.replace(FILTER, function (_, key, value) { found[key] = value; return "" })
    return found
  }

  function setFilter(key, value) {
    var rest = input.value.replace(FILTER, function (m, k) { return k === key ? "" : m })
    rest = rest.replace(/\s+/g, " ").trim()
    input.value = (value ? key + ":" + value + " " : "") + rest
    input.focus()
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    refresh()
  }

  function refresh() {
    var now = current()
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute("aria-pressed", String(buttons[i].value === now["类型"]))
    if (select) select.value = now["层级"]
  }

  function button(label, value) {
    var b = document.createElement("button")
    b.type = "button"
    b.className = "rh-facets__type"
    b.value = value
    b.textContent = label
    b.addEventListener("click", function (ev) {
      ev.preventDefault()
      setFilter("类型", value)
    })
    buttons.push(b)
    return b
  }

  function build() {
    var data = window.__rongheFacets
    if (!data) return
    var bar = document.createElement("div")
    bar.className = "rh-facets"
    bar.setAttribute("data-rh-facets", "")
    var types = document.createElement("div")
    types.className = "rh-facets__group"
    types.setAttribute("role", "group")
    types.setAttribute("aria-label", "按类型筛选")
    types.appendChild(document.createTextNode("类型："))
    types.appendChild(button("全部", ""))
    for (var i = 0; i < data.types.length; i++) types.appendChild(button(data.types[i][1], data.types[i][1]))
    bar.appendChild(types)
    if (data.levels.length) {
      var label = document.createElement("label")
      label.className = "rh-facets__group"
      label.appendChild(document.createTextNode("层级："))
      select = document.createElement("select")
      select.className = "rh-facets__level"
      select.setAttribute("aria-label", "按责任层级筛选")
      var all = document.createElement("option")
      all.value = ""
      all.textContent = "全部层级"
      select.appendChild(all)
      for (i = 0; i < data.levels.length; i++) {
        var o = document.createElement("option")
        o.value = data.levels[i][1]
        o.textContent = data.levels[i][1]
        select.appendChild(o)
      }
      select.addEventListener("change", function () { setFilter("层级", select.value) })
      label.appendChild(select)
      bar.appendChild(label)
    }
    result.insertBefore(bar, result.firstChild)
    input.addEventListener("input", refresh)
    input.addEventListener("keyup", refresh)
    refresh()
  }

  /* the note of the worker (data-rh-note in the first result), in a line under the count */
  function showNotes() {
    var list = result.querySelector(".md-search-result__list")
    var meta = result.querySelector(".md-search-result__meta")
    if (!list || !meta || typeof MutationObserver === "undefined") return
    var line = document.createElement("p")
    line.className = "rh-note"
    line.setAttribute("role", "status")
    line.hidden = true
    meta.parentNode.insertBefore(line, meta.nextSibling)
    new MutationObserver(function () {
      var first = list.querySelector(".md-search-result__item [data-rh-note]")
      var text = first ? first.getAttribute("data-rh-note") : ""
      var error = !!(first && first.hasAttribute("data-rh-error"))
      line.textContent = text
      line.hidden = !text
      line.classList.toggle("rh-note--error", error)
      meta.hidden = error
      if (error) first.closest(".md-search-result__item").hidden = true
    }).observe(list, { childList: true })
  }

  /* Material searches when a key is released in the box. Text put in without a key -- pasted
     or dropped with the mouse, spoken by voice input, a candidate picked from the input method
     with the mouse -- searches too: each change of the box is also told as a key release (the
     same text twice in a row is searched once, as for typing). */
  function searchWithoutKeys() {
    function release() { input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })) }
    input.addEventListener("input", function (ev) { if (!ev.isComposing) release() })
    input.addEventListener("compositionend", release)
  }

  var script = document.createElement("script")
  script.src = new URL("search/ronghe_facets.js", base).href
  script.onload = build
  document.head.appendChild(script)

  function keepFocus() {
    var list = result.querySelector(".md-search-result__list")
    if (!list || typeof MutationObserver === "undefined") return
    var focused = null
    /* the page a result leads to: its ?h= (the words to highlight) differs between the two answers
       to one query, and between a query and the next as it is typed */
    var pageOf = function (link) {
      var u = new URL(link.getAttribute("href"), location.href)
      return u.origin + u.pathname + u.hash
    }
    list.addEventListener("focusin", function (ev) {
      var link = ev.target.closest ? ev.target.closest("a[href]") : null
      focused = link ? pageOf(link) : null
    })
    input.addEventListener("focus", function () { focused = null })
    new MutationObserver(function () {
      var active = document.activeElement
      if (!focused || (active && active !== document.body && list.contains(active))) return
      if (active && active !== document.body) return focused = null   /* the reader moved on */
      var links = list.querySelectorAll("a[href]")
      for (var i = 0; i < links.length; i++)
        if (pageOf(links[i]) === focused) return links[i].focus()
      if (links.length) { focused = null; input.focus() }   /* its page is gone from the list: back to the box */
    }).observe(list, { childList: true })
  }
})()
