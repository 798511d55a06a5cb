/*
 * 融合指南 search worker: a drop-in replacement for Material for MkDocs' search
 * worker (same message protocol: SETUP -> READY, QUERY -> RESULT).
 *
 * Differences from Material's worker:
 * - the index is prebuilt at build time (lunr 2.3.9 indexes serialised by
 *   ronghe.build.search); nothing is indexed in the browser. Over http the worker
 *   fetches search/ronghe_index.json (titles, names, tags, documents, rules)
 *   and is ready; search/ronghe_summary.jsonl (summaries) and then
 *   search/ronghe_body.jsonl (body text) follow, parsed between queries, and
 *   a query answered before they arrived is answered again;
 * - Chinese queries are segmented by the longest match over the index
 *   vocabulary, every word is kept (Material drops the last word of 数据安全);
 * - traditional characters are folded to simplified, glossary synonyms and
 *   level names are searched as well, question words are ignored;
 * - titles and summaries outrank body text; results carry their type (问题,
 *   对策 ...) as a tag and can be narrowed with 类型:对策 / 层级:党组书记.
 *
 * The rules are the ones of ronghe/build/search/query.py (the Python twin used by
 * the evaluation); they arrive as data in the index bundle.
 *
 * Runs as a real Web Worker (http) and inside Material's iframe-worker shim
 * (file://), where importScripts() is asynchronous and returns a Promise.
 */
;(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var HAN = /[\u4e00-\u9fff]/
  var RUN = /[\u4e00-\u9fff]+|[a-z0-9]+/g
  var inIframe = typeof document !== "undefined"
  var here = (inIframe && document.currentScript && document.currentScript.src) || self.location.href

  /* --- the engine: same steps as ronghe/build/search/query.py ------------------- */

  function Engine(bundle) {
    /* head (title, keywords and, once loaded, summary) and body: scores add up */
    var head = new IndexParts(bundle.index)
    this.indexes = [head.index()]
    this.head = head          /* the summary part is added to it when it arrives */
    this.hasSummaries = bundle.index.fields.indexOf("s") >= 0
    this.hasBody = false
    if (bundle.body) this.addBody(new IndexParts(bundle.body).index())
    this.docs = unpackDocs(bundle.docs)
    this.rules = bundle.rules
    this.common = {}
    var common = this.rules.common || []
    for (var ci = 0; ci < common.length; ci++) this.common[common[ci]] = true
    this.stopChars = {}
    for (var i = 0; i < this.rules.stopChars.length; i++) this.stopChars[this.rules.stopChars[i]] = true
    this.levelNames = {}
    this.levelShort = {}
    var levels = this.rules.levels
    for (i = 0; i < levels.length; i++) {
      this.levelShort[levels[i][0]] = levels[i][1]
      for (var j = 0; j < levels[i][2].length; j++) this.levelNames[levels[i][2][j]] = levels[i][0]
    }
    this.typeByLabel = {}
    for (var t in this.rules.types) this.typeByLabel[this.rules.types[t]] = t
    this.facet = new RegExp(this.rules.facet, "g")
    this.titles = null        /* normalised titles, summaries, aliases: made by prepare() */
  }

  /* What only queries need: lunr's token sets (the vocabulary as an automaton)
     and the normalised titles, summaries and other names of the pages. Made
     on the first query or, in the worker, right after READY, whichever comes
     first, so that the reader can search as early as possible. */
  Engine.prototype.prepare = function () {
    for (var x = 0; x < this.indexes.length; x++) {
      var index = this.indexes[x]
      if (!index.tokenSet) index.tokenSet = lunr.TokenSet.fromArray(Object.keys(index.invertedIndex).sort())
    }
    if (this.titles) return
    this.titles = []
    this.summaries = []
    this.aliases = []
    for (var i = 0; i < this.docs.length; i++) {
      this.titles.push(compactOf(normalize(this.docs[i][1])))
      this.summaries.push(compactOf(normalize(this.docs[i][2])))
      var names = {}
      for (var j = 0; j < this.docs[i][5].length; j++) names[compactOf(normalize(this.docs[i][5][j]))] = true
      this.aliases.push(names)
    }
  }

  /* --- the packed index and documents (ronghe/build/search/wire.py) --------------- */

  var NO_METADATA = {}

  /* A lunr.Index being filled from a packed index (whole, or chunk by chunk):
     the same object lunr.Index.load would make from the unpacked one, except
     the token set, which prepare() makes. */
  function IndexParts(header) {
    this.header = header
    this.fields = header.fields
    this.invertedIndex = Object.create(null)
    this.fieldVectors = Object.create(null)
    this.vectors = 0
    if (header.v) this.addVectors(header.v)
    if (header.i) this.addTerms(header.i)
  }

  /* vectors come field by field, page 0 to n-1: their names are implied */
  IndexParts.prototype.addVectors = function (items) {
    var fields = this.header.fields, n = this.header.pages
    for (var k = 0; k < items.length; k++, this.vectors++)
      this.fieldVectors[fields[Math.floor(this.vectors / n)] + "/" + (this.vectors % n)] = new lunr.Vector(items[k])
  }

  /* [term, number, gaps of field 1, gaps of field 2, ...] */
  IndexParts.prototype.addTerms = function (items) {
    var fields = this.header.fields, inv = this.invertedIndex
    for (var k = 0; k < items.length; k++) {
      var item = items[k], posting = inv[item[0]]
      if (!posting) posting = inv[item[0]] = { _index: item[1] }
      for (var f = 0; f < fields.length; f++) {
        var gaps = item[f + 2], refs = {}, ref = 0
        for (var g = 0; g < gaps.length; g++) {
          ref += gaps[g]
          refs[ref] = NO_METADATA
        }
        posting[fields[f]] = refs
      }
    }
  }

  /* Take in the fields of another part (same terms and pages, other fields):
     like merge_indexes in ronghe/build/search/index.py. */
  IndexParts.prototype.absorb = function (other) {
    var inv = this.invertedIndex, fields = other.fields
    for (var term in other.invertedIndex) {
      var mine = inv[term], theirs = other.invertedIndex[term]
      if (!mine) inv[term] = theirs
      else for (var f = 0; f < fields.length; f++) mine[fields[f]] = theirs[fields[f]]
    }
    for (var key in other.fieldVectors) this.fieldVectors[key] = other.fieldVectors[key]
    this.fields = this.fields.concat(fields)
  }

  IndexParts.prototype.index = function () {
    /* every posting has every field (lunr reads posting[field] for all of them) */
    var inv = this.invertedIndex, fields = this.fields
    for (var term in inv)
      for (var f = 0; f < fields.length; f++)
        if (!inv[term][fields[f]]) inv[term][fields[f]] = {}
    return new lunr.Index({
      invertedIndex: inv, fieldVectors: this.fieldVectors, tokenSet: null,
      fields: fields, pipeline: lunr.Pipeline.load(this.header.pipeline)
    })
  }

  function unpackDocs(packed) {
    var out = [], rows = packed.rows, types = packed.types, levels = packed.levels
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], lv = []
      for (var b = 0; b < levels.length; b++) if (r[4] >> b & 1) lv.push(levels[b])
      out.push([r[0], r[1], r[2], types[r[3]], lv, r[5]])
    }
    return out
  }

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase()
  }

  function compactOf(text) {
    return (text.match(RUN) || []).join("")
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key)
  }

  Engine.prototype.addBody = function (index) {
    this.indexes.push(index)
    this.hasBody = true
  }

  /* The summary part (field s, and the summaries shown under results) joins
     the first part: the head index becomes the one the build made (t, k, s). */
  Engine.prototype.addSummaries = function (parts, summaries) {
    /* one synchronous step: no query sees the head half merged */
    this.head.absorb(parts)
    this.indexes[0] = this.head.index()
    this.head = null
    for (var i = 0; i < this.docs.length; i++) this.docs[i][2] = summaries[i]
    if (this.titles)
      for (i = 0; i < this.docs.length; i++) this.summaries[i] = compactOf(normalize(summaries[i]))
    this.hasSummaries = true
  }

  Engine.prototype.complete = function () {
    return this.hasSummaries && this.hasBody
  }

  Engine.prototype.inVocab = function (w) {
    for (var i = 0; i < this.indexes.length; i++)
      if (w in this.indexes[i].invertedIndex) return true
    return false
  }

  Engine.prototype.fold = function (text) {
    var table = this.rules.fold, out = ""
    text = normalize(text)
    for (var i = 0; i < text.length; i++) {
      var ch = text[i]
      out += has(table, ch) ? table[ch] : ch
    }
    return out
  }

  /* Longest-match segmentation: [[piece, kind]], kind in word/char/unknown/stop */
  Engine.prototype.segment = function (run, exclude) {
    var n = run.length, maxWord = this.rules.maxWord
    var cost = new Array(n + 1), choice = new Array(n + 1)
    cost[n] = 0
    for (var i = n - 1; i >= 0; i--) {
      var bestCost = Infinity, best = [i + 1, "unknown"]
      for (var j = Math.min(n, i + maxWord); j > i + 1; j--)
        if (1 + cost[j] < bestCost && run.slice(i, j) !== exclude && this.inVocab(run.slice(i, j))) {
          bestCost = 1 + cost[j]
          best = [j, "word"]
        }
      var ch = run[i], kind, c
      if (has(this.stopChars, ch)) { kind = "stop"; c = 0.5 }
      else if (this.inVocab(ch)) { kind = "char"; c = 2 }
      else { kind = "unknown"; c = 3 }
      if (c + cost[i + 1] < bestCost) {
        bestCost = c + cost[i + 1]
        best = [i + 1, kind]
      }
      cost[i] = bestCost
      choice[i] = best
    }
    var pieces = []
    for (i = 0; i < n;) {
      var next = choice[i][0], k = choice[i][1]
      if (k === "unknown" && pieces.length && pieces[pieces.length - 1][1] === "unknown")
        pieces[pieces.length - 1][0] += run.slice(i, next)
      else
        pieces.push([run.slice(i, next), k])
      i = next
    }
    return pieces
  }

  Engine.prototype.parse = function (query) {
    var self = this, w = this.rules.weights
    var q = this.fold(query)
    var parsed = { units: [], clauses: [], compact: "", type: "", level: "" }
    q.replace(this.facet, function (_, key, value) {
      if (key === "类型")
        parsed.type = has(self.typeByLabel, value) ? self.typeByLabel[value] : (has(self.rules.types, value) ? value : "")
      else
        parsed.level = has(self.levelNames, value) ? self.levelNames[value] : ""
      return " "
    })
    q = q.replace(this.facet, " ")
    var openEnd = q.length > 0 && !/\s$/.test(q)
    var stops = this.rules.stopPhrases
    for (var s = 0; s < stops.length; s++) q = q.split(stops[s]).join(" ")
    var spans = [], compact = "", lastKind = "", runs = q.match(RUN) || []
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r], base = compact.length
      compact += run
      var pieces = HAN.test(run[0]) ? this.segment(run) : [[run, "word"]]
      var pos = base, firstUnit = parsed.units.length
      for (var p = 0; p < pieces.length; p++) {
        var piece = pieces[p][0], kind = pieces[p][1], start = pos
        pos += piece.length
        if (kind === "stop") continue
        var u = parsed.units.length
        lastKind = kind
        parsed.units.push(piece)
        spans.push([start, pos])
        if (kind === "unknown") {
          parsed.clauses.push({ term: piece, wildcard: true, boost: 1, covers: [u] })
          if (piece.length > 1) {
            var seen = {}
            for (var c = 0; c < piece.length; c++) {
              var ch = piece[c]
              if (seen[ch]) continue
              seen[ch] = true
              if (this.inVocab(ch) && !has(this.stopChars, ch))
                parsed.clauses.push({ term: ch, wildcard: false, boost: w.char, covers: [u] })
            }
          }
        } else {
          parsed.clauses.push({ term: piece, wildcard: false, boost: 1, covers: [u] })
          if (kind === "word" && piece.length >= 5) {
            /* the parts of a long word too (党建考核流于形式 -> 党建, 考核, 流于形式) */
            var parts = this.segment(piece, piece)
            if (parts.length > 1)
              for (var pt = 0; pt < parts.length; pt++)
                if (parts[pt][1] === "word" || parts[pt][1] === "char")
                  parsed.clauses.push({ term: parts[pt][0], wildcard: false, boost: w.part, covers: [u] })
          }
        }
      }
      if (parsed.units.length - firstUnit > 1 && HAN.test(run[0])) {
        /* the whole run may be the start of one word (三会一 -> 三会一课) */
        var runUnits = []
        for (var ru = firstUnit; ru < parsed.units.length; ru++) runUnits.push(ru)
        parsed.clauses.push({ term: run, wildcard: true, boost: 1, covers: runUnits })
      }
    }
    /* the last word also as a prefix -- not a lone character after other words (一* means thousands of terms) */
    if (parsed.units.length && openEnd && lastKind !== "unknown" &&
        (parsed.units.length === 1 || parsed.units[parsed.units.length - 1].length > 1)) {
      var last = parsed.units.length - 1
      parsed.clauses.push({ term: parsed.units[last], wildcard: true, boost: w.prefix, covers: [last] })
    }
    parsed.compact = compact
    var syn = this.rules.synonyms
    for (var key in syn) {
      var at = compact.indexOf(key)
      if (at < 0) continue
      var end = at + key.length, covers = []
      for (var k = 0; k < spans.length; k++)
        if (spans[k][0] >= at && spans[k][1] <= end) covers.push(k)
      /* only whole query words: 党委 inside 党委书记 is not a synonym hit */
      if (!covers.length || spans[covers[0]][0] !== at || spans[covers[covers.length - 1]][1] !== end) continue
      var targets = syn[key]
      for (var t = 0; t < targets.length; t++) {
        var truns = targets[t].match(RUN) || []
        for (var tr = 0; tr < truns.length; tr++) {
          var tp = HAN.test(truns[tr][0]) ? this.segment(truns[tr]) : [[truns[tr], "word"]]
          for (var x = 0; x < tp.length; x++)
            if ((tp[x][1] === "word" || tp[x][1] === "char") && this.inVocab(tp[x][0]))
              parsed.clauses.push({ term: tp[x][0], wildcard: false, boost: w.synonym, covers: covers })
        }
      }
    }
    return parsed
  }

  Engine.prototype.hasTerm = function (ref, term) {
    for (var x = 0; x < this.indexes.length; x++) {
      var posting = this.indexes[x].invertedIndex[term]
      if (!posting) continue
      var fields = this.indexes[x].fields
      for (var f = 0; f < fields.length; f++)
        if (has(posting[fields[f]], ref)) return true
    }
    return false
  }

  Engine.prototype.allowed = function (i, parsed) {
    var doc = this.docs[i]
    if (parsed.type && doc[3] !== parsed.type) return false
    if (parsed.level && doc[4].indexOf(parsed.level) < 0) return false
    return true
  }

  Engine.prototype.phraseBonus = function (i, compact) {
    var w = this.rules.weights
    if (compact.length < 2) return 1
    /* the reader typed another name of exactly this entry */
    if (has(this.aliases[i], compact)) return w.titlePhrase * w.titleExact
    var title = this.titles[i]
    if (title === compact) return w.titlePhrase * w.titleExact
    if (title.indexOf(compact) === 0) return w.titlePhrase * w.titlePrefix
    if (title.indexOf(compact) >= 0) return w.titlePhrase
    if (this.summaries[i].indexOf(compact) >= 0) return w.summaryPhrase
    return 1
  }

  /* Ranked hits: [{ref, score, terms, matched}] */
  Engine.prototype.search = function (query) {
    this.prepare()
    var parsed = this.parse(query), out = [], i
    var max = this.rules.maxResults
    if (!parsed.units.length) {
      if (!parsed.type && !parsed.level) return { parsed: parsed, hits: [] }
      for (i = 0; i < this.docs.length && out.length < max; i++)
        if (this.allowed(i, parsed)) out.push({ ref: i, score: 1, terms: {}, matched: [] })
      return { parsed: parsed, hits: out }
    }
    /* on a large site, words found on most pages are only checked page by page */
    var clauses = [], deferred = [], merged = {}, refs = []
    for (var cc = 0; cc < parsed.clauses.length; cc++) {
      var pc = parsed.clauses[cc]
      if (!pc.wildcard && has(this.common, pc.term)) deferred.push(pc)
      else clauses.push(pc)
    }
    var indexes = this.indexes
    if (!clauses.length) {     /* only words found on most pages: rank by titles and summaries */
      clauses = parsed.clauses
      deferred = []
      indexes = this.indexes.slice(0, 1)
    }
    function build(q) {
      for (var c = 0; c < clauses.length; c++)
        q.term(clauses[c].term, {
          boost: clauses[c].boost,
          usePipeline: false,
          wildcard: clauses[c].wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
        })
    }
    for (var x = 0; x < indexes.length; x++) {
      var found = indexes[x].query(build)
      for (var f = 0; f < found.length; f++) {
        var slot = merged[found[f].ref]
        if (!slot) {
          slot = merged[found[f].ref] = { score: 0, matched: [] }
          refs.push(found[f].ref)
        }
        slot.score += found[f].score
        for (var term in found[f].matchData.metadata)
          if (slot.matched.indexOf(term) < 0) slot.matched.push(term)
      }
    }
    var w = this.rules.weights, tw = this.rules.typeWeights
    for (var h = 0; h < refs.length; h++) {
      i = parseInt(refs[h], 10)
      if (!this.allowed(i, parsed)) continue
      var matched = merged[refs[h]].matched, covered = {}, n = 0
      for (var c = 0; c < clauses.length; c++) {
        var cl = clauses[c], hit = false
        for (var m = 0; m < matched.length && !hit; m++)
          hit = cl.wildcard ? matched[m].indexOf(cl.term) === 0 : matched[m] === cl.term
        if (hit)
          for (var v = 0; v < cl.covers.length; v++)
            if (!covered[cl.covers[v]]) { covered[cl.covers[v]] = true; n++ }
      }
      for (var d = 0; d < deferred.length; d++)
        if (this.hasTerm(refs[h], deferred[d].term))
          for (var dv = 0; dv < deferred[d].covers.length; dv++)
            if (!covered[deferred[d].covers[dv]]) { covered[deferred[d].covers[dv]] = true; n++ }
      var share = n / parsed.units.length
      var score = merged[refs[h]].score * Math.pow(w.coverage + (1 - w.coverage) * share, 2)
      score *= this.phraseBonus(i, parsed.compact)
      var type = this.docs[i][3]
      score *= has(tw, type) ? tw[type] : 1
      var terms = {}
      for (var u = 0; u < parsed.units.length; u++) terms[parsed.units[u]] = !!covered[u]
      out.push({ ref: i, score: score, terms: terms, matched: matched })
    }
    out.sort(function (a, b) { return b.score - a.score || a.ref - b.ref })
    return { parsed: parsed, hits: out.slice(0, max) }
  }

  /* --- Material's result format ------------------------------------------ */

  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  function mark(text, words) {
    var html = escapeHTML(text)
    if (!words.length) return html
    var sorted = words.slice().sort(function (a, b) { return b.length - a.length })
    var re = new RegExp(sorted.map(function (x) { return x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") }).join("|"), "gi")
    return html.replace(re, function (m) { return "<mark>" + m + "</mark>" })
  }

  Engine.prototype.result = function (query) {
    var found = this.search(query), items = []
    for (var h = 0; h < found.hits.length; h++) {
      var hit = found.hits[h], doc = this.docs[hit.ref], words = []
      for (var u in hit.terms) if (hit.terms[u]) words.push(u)
      for (var m = 0; m < hit.matched.length; m++) if (hit.matched[m].length > 1) words.push(hit.matched[m])
      var tags = [this.rules.types[doc[3]] || "页面"]
      items.push([{
        location: doc[0],
        title: mark(doc[1], words),
        text: mark(doc[2], words),
        tags: tags,
        score: hit.score,
        terms: hit.terms
      }])
    }
    return { items: items }
  }

  /* --- worker protocol ------------------------------------------------------ */

  var engine = null, loading = null, provisional = null, provisionalRefs = ""
  var BODY = 4      /* not a Material message type: "body index loaded" (Material ignores it) */

  function fetchURL(path) {
    return fetch(new URL(path, here).href).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path)
      return r
    })
  }

  function fetchJSON(path) {
    return fetchURL(path).then(function (r) { return r.json() })
  }

  /* A packed lunr index written as JSON lines (ronghe/build/search/wire.py, lines):
     parse and unpack a few lines at a time so that queries arriving meanwhile
     are answered without waiting; resolve with {parts: IndexParts, extra:
     other arrays in the lines (the summaries)}. */
  function fetchIndexLines(path) {
    return fetchURL(path).then(function (r) { return r.text() }).then(function (text) {
      var lines = text.split("\n"), parts = null, extra = {}, n = 0
      return new Promise(function (resolve) {
        function step() {
          var until = Date.now() + 8
          for (; n < lines.length && Date.now() < until; n++) {
            if (!lines[n]) continue
            var obj = JSON.parse(lines[n])
            if (n === 0) {
              parts = new IndexParts(obj)
              continue
            }
            for (var key in obj) {
              if (key === "v") parts.addVectors(obj.v)
              else if (key === "i") parts.addTerms(obj.i)
              else Array.prototype.push.apply(extra[key] || (extra[key] = []), obj[key])
            }
          }
          if (n < lines.length) setTimeout(step, 0)
          else resolve({ parts: parts, extra: extra })
        }
        step()
      })
    })
  }

  /* the work queries need, done while the reader has not typed yet */
  function prepareSoon() {
    setTimeout(function () { engine.prepare() }, 0)
  }

  /* Real worker (http): the first part (ready), then the summaries, then the
     body; a query answered before a part arrived is answered again when it is
     there. iframe shim (file://): one script with all parts. */
  function load() {
    if (!loading) {
      if (inIframe) {
        loading = Promise.resolve(importScripts(new URL("../../../search/ronghe_index.js", here).href)).then(function () {
          engine = new Engine(self.__rongheSearch)
          self.__rongheSearch = undefined
          postMessage({ type: BODY })
        })
      } else {
        loading = fetchJSON("../../../search/ronghe_index.json").then(function (head) {
          engine = new Engine(head)
          fetchIndexLines("../../../search/ronghe_summary.jsonl").then(function (got) {
            engine.addSummaries(got.parts, got.extra.summaries)
            /* results answered so far had no summary text: answer again */
            reanswer(true)
            prepareSoon()
            return fetchIndexLines("../../../search/ronghe_body.jsonl")
          }).then(function (got) {
            engine.addBody(got.parts.index())
            prepareSoon()
            postMessage({ type: BODY })
            /* answer again only if the body changes what the reader sees */
            reanswer(false)
          }, function (err) {
            console.warn("ronghe search: index part not loaded", err)
          })
        })
      }
    }
    return loading
  }

  function reanswer(always) {
    if (provisional === null) return
    var q = provisional
    provisional = null
    if (always || refsOf(engine.result(q)) !== provisionalRefs) answer(q)
    else if (!engine.complete()) provisional = q
  }

  function answer(query) {
    var data
    try {
      data = engine.result(query)
    } catch (err) {
      console.warn("ronghe search: query failed", err)
      data = { items: [] }
    }
    provisional = engine.complete() ? null : query
    provisionalRefs = provisional === null ? "" : refsOf(data)
    postMessage({ type: RESULT, data: data })
  }

  function refsOf(data) {
    return data.items.slice(0, 10).map(function (item) { return item[0].location }).join(" ")
  }

  self.RongheSearchEngine = Engine
  lunr.utils.warn = function () {}

  /* In a real worker, start loading at once (off the main thread). In the
     iframe shim (file://) wait for SETUP, which Material sends when search opens. */
  if (!inIframe) load()

  addEventListener("message", function (ev) {
    var message = ev.data
    if (message.type === SETUP) {
      load().then(function () {
        postMessage({ type: READY })
        prepareSoon()
      }, function (err) {
        console.warn("ronghe search: index not loaded", err)
      })
    } else if (message.type === QUERY) {
      load().then(function () {
        answer(message.data)
      })
    }
  })
})()
