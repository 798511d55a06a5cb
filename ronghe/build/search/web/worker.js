/*
 * 融合指南 search worker: a drop-in replacement for Material for MkDocs' search
 * worker (same message protocol: SETUP -> READY, QUERY -> RESULT).
 *
 * Differences from Material's worker:
 * - the index is prebuilt at build time (lunr 2.3.9 indexes made by
 *   ronghe.build.search, packed by wire.py) and published in chunks
 *   (chunks.py), in a folder search/ronghe_<hash>/ named by a digest of its
 *   content; nothing is indexed in the browser. The worker first loads
 *   search/ronghe_entry.js (a script: the index format version, which must be
 *   FORMAT, and the folder's name), then the folder's head.js: the rules, the
 *   vocabulary and each page's type and levels; then it is ready. A query
 *   fetches the term chunks of its words (t<k>.js), is ranked from the
 *   packed postings (PackedIndex.query: lunr's scores to the last bit), and
 *   fetches the page chunks (m<k>.js: location, title, summary, other names;
 *   x<k>.js: text) of the results it would show. A page whose chunks are not
 *   in yet is ranked with the highest score it could have; the query is
 *   ranked again with the chunks fetched until every result shown has its own
 *   score (Engine.settle), so the answer is the one the whole index gives and
 *   results never change order once shown. Each file is a script holding one
 *   JSON value a line: over http the worker fetches its text and parses the
 *   lines, from file:// it loads the same file as a script (readPart);
 * - Chinese queries are segmented over the index vocabulary, synonym phrases,
 *   question frames and fillers; every word is kept (Material drops the last
 *   word of 数据安全), single characters are not searched on their own, a
 *   negation stays with its word (不担当), a typo is searched as the word it
 *   most likely stands for (党见 -> 党建; a common word such as 主意 is none)
 *   and the reader is told so;
 * - traditional characters are folded to simplified, glossary synonyms,
 *   colloquial synonyms and level names are searched as well; question
 *   frames say what the reader wants (how -> countermeasures, cases,
 *   checklists; why -> causes; what -> glossary terms);
 * - titles and summaries outrank body text; results carry their type (问题,
 *   对策 ...) as a tag and the passage that matched, and can be narrowed with
 *   类型:对策 / 层级:党组书记; pages for maintainers (站点说明) appear only
 *   under 类型:站点说明 or when nothing else matches.
 *
 * The rules are the ones of ronghe/build/search/query.py and typos.py (the
 * Python twin used by the evaluation); they arrive as data in the index bundle.
 * Ranking (Engine, Scope) is kept apart from loading (load(), answer()): it
 * reads the index only through Vocabulary, PackedIndex (has, eachRef, contains,
 * query) and Engine.doc / Engine.text, which note what is missing.
 *
 * Runs as a real Web Worker (http) and inside Material's iframe-worker shim
 * (file://), where importScripts() is asynchronous and returns a Promise.
 */
;(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var INDEX = 4     /* not a Material message type: "every chunk ranking reads is in" (Material ignores it) */
  /* the index format this worker reads: ronghe.build.search.publish.FORMAT_VERSION */
  var FORMAT = 14
  var STALE = "站点已更新，本页面的搜索程序与新的索引不一致。请刷新页面（Ctrl+F5 或下拉刷新）后再搜索。"
  var HAN = /[\u4e00-\u9fff]/
  var RUN = /[\u4e00-\u9fff]+|[a-z0-9]+/g
  var SYLLABLE = /^[a-z]+/
  var PRIMARY_END = "|"      /* pinyin.PRIMARY_END: first readings before it, other readings after */
  var inIframe = typeof document !== "undefined"
  var here = (inIframe && document.currentScript && document.currentScript.src) || self.location.href

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key)
  }

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase()
  }

  function compactOf(text) {
    return (text.match(RUN) || []).join("")
  }

  /* --- pinyin (ronghe/build/search/pinyin.py) ------------------------------------ */

  function fuzzy(syl) {
    var s = syl, pairs = [["zh", "z"], ["ch", "c"], ["sh", "s"]], i
    for (i = 0; i < pairs.length; i++)
      if (s.indexOf(pairs[i][0]) === 0) { s = pairs[i][1] + s.slice(2); break }
    if (s[0] === "n" && s !== "n" && s !== "ng") s = "l" + s.slice(1)
    var ends = [["ang", "an"], ["eng", "en"], ["ing", "in"]]
    for (i = 0; i < ends.length; i++) {
      var a = ends[i][0]
      if (s.length >= a.length && s.slice(-a.length) === a) { s = s.slice(0, -a.length) + ends[i][1]; break }
    }
    return s
  }

  function PinyinTable(groups) {
    this.firstOf = Object.create(null)       /* syllable -> the characters it is the first reading of */
    this.readings = Object.create(null)
    this.firstReading = Object.create(null)
    this.closeOf = Object.create(null)
    this.size = 0
    for (var g = 0; g < (groups || []).length; g++) {
      var syl = groups[g].match(SYLLABLE)[0], rest = groups[g].slice(syl.length), cut = rest.indexOf(PRIMARY_END)
      var first = cut < 0 ? rest : rest.slice(0, cut), chars = cut < 0 ? rest : first + rest.slice(cut + 1)
      this.firstOf[syl] = first
      this.size++
      for (var c = 0; c < first.length; c++) this.firstReading[first[c]] = syl
      for (c = 0; c < chars.length; c++) (this.readings[chars[c]] || (this.readings[chars[c]] = [])).push(syl)
      var key = fuzzy(syl);
      (this.closeOf[key] || (this.closeOf[key] = [])).push(syl)
    }
  }

  /* characters whose usual (first) reading is one of the readings of ch, in table order, ch excluded:
     what a reader who typed ch may have meant (pinyin.PinyinTable.same: 和 for 核, not for 化) */
  PinyinTable.prototype.same = function (ch) {
    var out = [], seen = {}, mine = this.readings[ch] || []
    for (var r = 0; r < mine.length; r++) {
      var chars = this.firstOf[mine[r]] || ''
      for (var c = 0; c < chars.length; c++)
        if (chars[c] !== ch && !seen[chars[c]]) { seen[chars[c]] = true; out.push(chars[c]) }
    }
    return out
  }

  /* characters whose first (most usual) reading is that of ch, ch excluded (pinyin.PinyinTable.same_first) */
  PinyinTable.prototype.sameFirst = function (ch) {
    var syl = this.firstReading[ch]
    if (!syl) return []
    var out = [], chars = this.firstOf[syl]
    for (var c = 0; c < chars.length; c++) if (chars[c] !== ch) out.push(chars[c])
    return out
  }

  /* characters whose usual reading is nearly one of the readings of ch (a close syllable, not the same one) */
  PinyinTable.prototype.close = function (ch) {
    var out = [], seen = {}, mine = this.readings[ch] || []
    for (var r = 0; r < mine.length; r++) {
      var others = this.closeOf[fuzzy(mine[r])] || []
      for (var o = 0; o < others.length; o++) {
        if (mine.indexOf(others[o]) >= 0) continue
        var chars = this.firstOf[others[o]] || ''
        for (var c = 0; c < chars.length; c++)
          if (chars[c] !== ch && !seen[chars[c]]) { seen[chars[c]] = true; out.push(chars[c]) }
      }
    }
    return out
  }

  /* --- typos (ronghe/build/search/typos.py) -------------------------------------- */

  var MAX_SPAN = 8, NEIGHBOURS = 2

  function isLoose(kind) {
    return kind === "char" || kind === "unknown" || kind === "stop"
  }

  /* where each piece starts in the pieces' text (typos._starts) */
  function startsOf(pieces) {
    var starts = [], pos = 0
    for (var k = 0; k < pieces.length; k++) { starts.push(pos); pos += pieces[k][0].length }
    return starts
  }

  /* candidate spans [start, end, loose characters taken in, editable positions], best first */
  function spansOf(pieces) {
    var starts = startsOf(pieces), ends = [], m = pieces.length, k
    for (k = 0; k < m; k++) ends.push(starts[k] + pieces[k][0].length)
    var groups = []
    for (k = 0; k < m; k++) {
      if (!isLoose(pieces[k][1])) continue
      var a = k
      while (k + 1 < m && isLoose(pieces[k + 1][1])) k++
      for (var x = a; x <= k; x++)
        if (pieces[x][1] !== "stop") { groups.push([a, k]); break }
    }
    var seen = {}, out = []
    for (var g = 0; g < groups.length; g++) {
      var ga = groups[g][0], gb = groups[g][1]
      for (var i = Math.max(0, ga - NEIGHBOURS); i <= gb; i++)
        for (var j = Math.max(ga, i); j <= Math.min(m - 1, gb + NEIGHBOURS); j++) {
          var s = starts[i], e = ends[j]
          if (e - s < 2 || e - s > MAX_SPAN || seen[s + "," + e]) continue
          seen[s + "," + e] = true
          var core = 0, editable = []
          for (x = i; x <= j; x++) {
            if (pieces[x][1] === "char" || pieces[x][1] === "unknown") core += pieces[x][0].length
            if (isLoose(pieces[x][1])) for (var p = starts[x]; p < ends[x]; p++) editable.push(p - s)
          }
          if (core) out.push([s, e, core, editable])
        }
    }
    out.sort(function (x, y) { return (y[2] - x[2]) || ((y[1] - y[0]) - (x[1] - x[0])) || (x[0] - y[0]) })
    return out
  }

  /* the numerals of typed (a doubled one counted once) are, in order, among those of word
     (typos.keeps_numerals: 只有五个党员 is not 只有误) */
  function keepsNumerals(typed, word, numerals) {
    var at = 0
    for (var k = 0; k < typed.length; k++) {
      var c = typed.charAt(k)
      if (numerals.indexOf(c) < 0 || (k > 0 && typed.charAt(k - 1) === c)) continue
      while (at < word.length && word.charAt(at) !== c) at++
      if (at >= word.length) return false
      at++
    }
    return true
  }

  function bestOf(found, lex, typed) {
    var words = Object.keys(found).filter(function (w) { return keepsNumerals(typed, w, lex.numerals) })
    if (!words.length) return null
    words.sort(function (a, b) { return (lex.weight(b) - lex.weight(a)) || (a < b ? -1 : a > b ? 1 : 0) })
    return words[0]
  }

  function swap(text, editable, alternatives, lex) {
    var found = {}
    for (var e = 0; e < editable.length; e++) {
      var i = editable[e], alts = alternatives(text[i])
      for (var a = 0; a < alts.length; a++) {
        var cand = text.slice(0, i) + alts[a] + text.slice(i + 1)
        if (lex.isTarget(cand)) found[cand] = true
      }
    }
    return bestOf(found, lex, text)
  }

  function edit(text, editable, lex) {
    var found = {}, n = text.length, i, w, words, k
    for (var e = 0; e < editable.length; e++) {
      i = editable[e]
      var cand = text.slice(0, i) + text.slice(i + 1)       /* a character too many */
      if (cand.length >= 3 && lex.isTarget(cand)) found[cand] = true
      if (i >= 1) {                                          /* a wrong character */
        words = lex.withPrefix(text.slice(0, i))
        for (k = 0; k < words.length; k++) {
          w = words[k]
          if (w.length === n && w.slice(i + 1) === text.slice(i + 1) && w !== text && lex.isTarget(w)) found[w] = true
        }
      }
    }
    for (i = 1; i < n; i++) {                                /* a character missing before position i */
      if (editable.indexOf(i - 1) < 0 && editable.indexOf(i) < 0) continue
      words = lex.withPrefix(text.slice(0, i))
      for (k = 0; k < words.length; k++) {
        w = words[k]
        if (w.length === n + 1 && w.slice(i + 1) === text.slice(i) && lex.isTarget(w)) found[w] = true
      }
    }
    return bestOf(found, lex, text)
  }

  /* [start, end, word]: the characters start..end of the pieces' text are probably a typo for word */
  Engine.prototype.findCorrection = function (pieces, lex) {
    var text = pieces.map(function (p) { return p[0] }).join(""), real = this.realWords, table = this.pinyin
    var fn = this.functionChars
    var spans = spansOf(pieces).filter(function (sp) {
      var span = text.slice(sp[0], sp[1])
      if (real[span]) return false                       /* 主意: no typo */
      /* 人也, 着用: two loose characters with a function character are two words */
      return !(span.length === 2 && (fn.indexOf(span[0]) >= 0 || fn.indexOf(span[1]) >= 0))
    })
    if (!spans.length) return null
    var same = function (ch) { return table.same(ch) }, close = function (ch) { return table.close(ch) }
    for (var tier = 0; tier < 3; tier++)
      for (var s = 0; s < spans.length; s++) {
        var span = text.slice(spans[s][0], spans[s][1]), word = null
        if (tier > 0 && span.length === 2) continue        /* two characters: only a same-reading swap */
        if (tier === 0) word = table.size ? swap(span, spans[s][3], same, lex) : null
        else if (tier === 1) word = table.size ? swap(span, spans[s][3], close, lex) : null
        else word = span.length >= 3 && spans[s][2] >= 2 ? edit(span, spans[s][3], lex) : null
        if (word) return [spans[s][0], spans[s][1], word]
      }
    return null
  }

  /* text with its A-not-A questions (能不能 ...) blanked out, but not where the question's first character
     ends a query word (职能不能发挥: 职能 is the word); query._without_questions */
  function withoutQuestions(text, marks, units) {
    var words = units.filter(function (u) { return u.length >= 2 })
    for (var m = 0; m < marks.length; m++) {
      var mark = marks[m], at = text.indexOf(mark)
      while (at >= 0) {
        var inWord = false
        for (var w = 0; w < words.length && !inWord; w++)
          inWord = text.slice(Math.max(0, at + 1 - words[w].length), at + 1) === words[w]
        if (inWord) at = text.indexOf(mark, at + 1)
        else {
          text = text.slice(0, at) + new Array(mark.length + 1).join(" ") + text.slice(at + mark.length)
          at = text.indexOf(mark, at + mark.length)
        }
      }
    }
    return text
  }

  /* [start, end, word]: two or more whole words of the pieces, start..end of their text, are a
     term typed with one character read the same way (主题责任 -> 主体责任); typos.find_homophone_term */
  Engine.prototype.findHomophoneTerm = function (pieces, lex) {
    var text = pieces.map(function (p) { return p[0] }).join(""), table = this.pinyin
    var starts = startsOf(pieces), spans = [], i, j
    for (i = 0; i < pieces.length; i++)
      for (j = i + 1; j < pieces.length; j++) {
        if (pieces[i][1] !== "word" || pieces[j][1] !== "word") break
        var s = starts[i], e = starts[j] + pieces[j][0].length
        if (e - s > MAX_SPAN) break
        if (e - s >= this.rules.homophoneTermMin) spans.push([s, e])
      }
    spans.sort(function (x, y) { return ((y[1] - y[0]) - (x[1] - x[0])) || (x[0] - y[0]) })
    var same = function (ch) { return table.sameFirst(ch) }
    for (var k = 0; k < spans.length; k++) {
      var span = text.slice(spans[k][0], spans[k][1]), all = []   /* (never a target: segmentation takes one whole) */
      for (i = 0; i < span.length; i++) all.push(i)
      var word = swap(span, all, same, lex)
      if (word) return [spans[k][0], spans[k][1], word]
    }
    return null
  }

  /* --- the chunked index (ronghe/build/search/chunks.py, packed as in wire.py) -------- */

  var IN_HEAD = 1, IN_BODY = 2, FOR_READERS = 4
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

  /* Every index term (sorted as JavaScript compares strings), which index has it, whether it is
     on a page for readers, and on how many pages it is a word of the title or the tags: what
     reading a query needs, all in the head. A term's postings come with its term chunk;
     what a query asked for and was not there yet is noted (missing) and fetched. */
  function Vocabulary(head, engine) {
    this.terms = head.terms
    this.flags = head.flags
    this.at = Object.create(null)
    for (var k = 0; k < this.terms.length; k++) this.at[this.terms[k]] = k
    this.weights = Object.create(null)       /* term number -> [readers, all] */
    var w = head.weights || [], reader = head.readerWeights || {}, n = 0
    for (k = 0; k + 1 < w.length; k += 2) {
      n += w[k]
      this.weights[n] = [has(reader, n) ? reader[n] : w[k + 1], w[k + 1]]
    }
    this.firsts = head.termChunks
    this.engine = engine
  }

  Vocabulary.prototype.flag = function (term) {
    var k = this.at[term]
    return k === undefined ? 0 : this.flags.charCodeAt(k) - 48
  }

  Vocabulary.prototype.weight = function (term, readersOnly) {
    var w = this.weights[this.at[term]]
    return w ? w[readersOnly ? 0 : 1] : 0
  }

  /* the number of the term chunk that holds term */
  Vocabulary.prototype.chunkOf = function (term) {
    var lo = 0, hi = this.firsts.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (this.firsts[mid] <= term) lo = mid + 1
      else hi = mid
    }
    return Math.max(0, lo - 1)
  }

  /* What lunr.Index was to the engine, read from the packed postings of the term chunks
     fetched so far: the vocabulary (has, terms, sortedTerms once prepared), a term's pages
     by field (eachRef: read in place) and query: lunr's scores computed from the weights
     in the postings. A term of the index whose chunk is not in yet is noted as missing. */
  function PackedIndex(fields, pages, vocab, bit) {
    this.fields = fields
    this.pages = pages
    this.vocab = vocab
    this.bit = bit
    this.items = Object.create(null)   /* term -> [term, number, groups of field 1, ...] */
    this.bits = Object.create(null)
    this.sortedTerms = null
  }

  PackedIndex.prototype.addTerms = function (items) {
    for (var k = 0; k < items.length; k++) this.items[items[k][0]] = items[k]
  }

  PackedIndex.prototype.has = function (term) {
    return (this.vocab.flag(term) & this.bit) !== 0
  }

  PackedIndex.prototype.terms = function () {
    var out = [], terms = this.vocab.terms
    for (var k = 0; k < terms.length; k++) if ((this.vocab.flags.charCodeAt(k) - 48) & this.bit) out.push(terms[k])
    return out
  }

  /* the term's item, or undefined (noted as missing) when its chunk is not in yet */
  PackedIndex.prototype.loaded = function (term) {
    var item = this.items[term]
    if (item === undefined && this.has(term)) this.vocab.engine.missing("t", this.vocab.chunkOf(term))
    return item
  }

  PackedIndex.prototype.item = function (term, f) {
    var item = this.loaded(term)
    return item && item[2 + f].length ? item : null
  }

  PackedIndex.prototype.number = function (term) {
    var item = this.loaded(term)
    return item ? item[1] : -1
  }

  /* visit(page) for each page of the term in field f, its packed pages read in place (no
     object of pages is made), until visit returns true; whether it did */
  PackedIndex.prototype.eachRef = function (term, f, visit) {
    var item = this.item(term, f)
    if (item)
      for (var groups = item[2 + f], g = 0; g < groups.length; g++)
        for (var group = groups[g], j = 1, ref = 0; j < group.length; j++) {
          ref += group[j]
          if (visit(ref)) return true
        }
    return false
  }

  /* whether the term is on page ref (in any field); a term's pages as bits, made when first asked */
  PackedIndex.prototype.contains = function (term, ref) {
    var bits = this.bits[term]
    if (bits === undefined) {
      if (!this.has(term)) return false
      var item = this.loaded(term)
      if (!item) return false
      bits = this.bits[term] = new Uint8Array(this.pages)
      for (var f = 0; f < this.fields.length; f++)
        for (var groups = item[2 + f], g = 0; g < groups.length; g++)
          for (var group = groups[g], j = 1, r = 0; j < group.length; j++) {
            r += group[j]
            bits[r] = 1
          }
    }
    return bits[ref] === 1
  }

  /* index terms starting with prefix, in the order lunr's token set lists them (a word
     before the words it begins; otherwise by the first different character, highest first) */
  PackedIndex.prototype.expand = function (prefix) {
    var terms = this.sortedTerms, lo = 0, hi = terms.length, out = []
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (terms[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    for (; lo < terms.length && terms[lo].indexOf(prefix) === 0; lo++) out.push(terms[lo])
    return out.sort(function (a, b) {
      for (var i = 0; i < a.length && i < b.length; i++)
        if (a.charCodeAt(i) !== b.charCodeAt(i)) return b.charCodeAt(i) - a.charCodeAt(i)
      return a.length - b.length
    })
  }

  var ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/

  /* the terms in the order an object's keys would list them (lunr keeps them as keys):
     array indices (2026) first, ascending, then the others in the order added */
  function keyOrder(terms) {
    var numbers = [], others = []
    for (var i = 0; i < terms.length; i++)
      (ARRAY_INDEX.test(terms[i]) && +terms[i] < 4294967295 ? numbers : others).push(terms[i])
    if (!numbers.length) return terms
    numbers.sort(function (a, b) { return a - b })
    return numbers.concat(others)
  }

  /* lunr.Index.query for the clauses the engine asks ([term, trailing wildcard, boost]; optional,
     every field, no pipeline), from the postings: [{ref, score, terms}], terms being the index
     terms matched in the order of lunr's match data. The scores are lunr's to the last bit:
     the query vector sums a term's boosts clause by clause, its length and each field's dot
     product are summed in term number order, a page's field scores in the order lunr first
     meets its fields (clause, term, field). */
  PackedIndex.prototype.query = function (clauses) {
    var fields = this.fields, nf = fields.length, boost = Object.create(null), numbers = []
    var expanded = [], at = Object.create(null), c, k, f, t
    for (c = 0; c < clauses.length; c++) {
      var cl = clauses[c], terms = cl[1] ? this.expand(cl[0]) : (this.has(cl[0]) ? [cl[0]] : [])
      for (k = 0; k < terms.length; k++) {
        var num = this.number(terms[k])
        if (num < 0) continue          /* its chunk is not in yet (noted) */
        if (num in boost) boost[num] += cl[2]
        else { boost[num] = cl[2]; numbers.push(num) }
        if (!(terms[k] in at)) { at[terms[k]] = expanded.length; expanded.push(terms[k]) }
      }
    }
    numbers.sort(function (a, b) { return a - b })
    var squares = 0
    for (k = 0; k < numbers.length; k++) squares += boost[numbers[k]] * boost[numbers[k]]
    var magnitude = Math.sqrt(squares)
    /* which pages each term meets in which field, in lunr's order: the fields of a page in the order
       met, and the terms met (field and term) */
    var n = this.pages, seen = new Array(n), pages = []
    for (t = 0; t < expanded.length; t++)
      for (f = 0; f < nf; f++) {
        var item = this.item(expanded[t], f)
        if (!item) continue
        for (var groups = item[2 + f], g = 0; g < groups.length; g++)
          for (var group = groups[g], j = 1, ref = 0; j < group.length; j++) {
            ref += group[j]
            var list = seen[ref]
            if (!list) { list = seen[ref] = []; pages.push(ref) }
            list.push(t * 8 + f)       /* at most 8 fields: the field in the low bits */
          }
      }
    /* dot products, field by field, in term number order */
    var dots = []
    for (f = 0; f < nf; f++) dots.push(new Float64Array(n))
    var byNumber = expanded.slice().sort(function (a, b) { return this.number(a) - this.number(b) }.bind(this))
    for (t = 0; t < byNumber.length; t++) {
      var q = boost[this.number(byNumber[t])]
      for (f = 0; f < nf; f++) {
        var it = this.item(byNumber[t], f)
        if (!it) continue
        var dot = dots[f], gs = it[2 + f]
        for (var k2 = 0; k2 < gs.length; k2++)
          for (var gr = gs[k2], weight = gr[0] / 1000, j = 1, r = 0; j < gr.length; j++) {
            r += gr[j]
            dot[r] += q * weight
          }
      }
    }
    var out = []
    for (var p = 0; p < pages.length; p++) {
      var page = pages[p], codes = seen[page], order = [], score = 0, matched = []
      for (k = 0; k < codes.length; k++) if (order.indexOf(codes[k] & 7) < 0) order.push(codes[k] & 7)
      for (var o = 0; o < order.length; o++) {
        f = order[o]
        var fieldScore = dots[f][page] / magnitude || 0
        score = o ? score + fieldScore : fieldScore
        for (k = 0; k < codes.length; k++)
          if ((codes[k] & 7) === f && matched.indexOf(expanded[codes[k] >> 3]) < 0) matched.push(expanded[codes[k] >> 3])
      }
      out.push({ ref: page, score: score, terms: keyOrder(matched) })
    }
    return out
  }

  /* --- the engine: same steps as ronghe/build/search/query.py ------------------- */

  /* head: the values of the head file (chunks.py), merged. The engine starts with them;
     term chunks, page chunks (location, title, summary, other names) and text chunks
     are added as queries need them (addChunk). */
  function Engine(head) {
    var n = this.n = head.pages, i, j
    this.vocab = new Vocabulary(head, this)
    this.indexes = [new PackedIndex(head.fields.h, n, this.vocab, IN_HEAD),
                    new PackedIndex(head.fields.b, n, this.vocab, IN_BODY)]
    this.sizes = head.sizes
    var docs = head.docs
    this.types = []             /* by document number: its type, its levels as a bit mask */
    this.masks = new Int32Array(n)
    for (i = 0; i < n; i++) {
      this.types.push(docs.types[DIGITS.indexOf(head.kinds[i])])
      for (j = 0; j < head.maskWidth; j++) this.masks[i] |= DIGITS.indexOf(head.masks[i * head.maskWidth + j]) << 6 * j
    }
    this.levelBit = {}
    for (i = 0; i < docs.levels.length; i++) this.levelBit[docs.levels[i]] = 1 << i
    this.places = docs.places
    this.meta = new Array(n)    /* [location, title, summary, other names], once its chunk is in */
    this.texts = new Array(n)   /* the page's text, once its chunk is in */
    this.titles = new Array(n)  /* normalised title, summary, other names */
    this.summaries = new Array(n)
    this.aliases = new Array(n)
    this.pageTexts = {}
    this.needs = null           /* what the query being answered lacked (missing) */
    this.added = Object.create(null)   /* names of the chunks in */
    this.epoch = 0              /* counts the chunks added that ranking reads */
    this.memo = null            /* the last ranking (ranked) */
    this.pinyin = new PinyinTable(head.pinyin || [])
    var rules = this.rules = head.rules
    this.common = {}
    var common = rules.common || []
    for (i = 0; i < common.length; i++) this.common[common[i]] = true
    /* the u flag: a character outside the BMP is one character, as in Python */
    this.patterns = []          /* [intent, RegExp]: 怎么总是 (why), 有没有地方这么干过 (precedent) ... */
    for (var pn in rules.intent.patterns || {}) this.patterns.push([pn, new RegExp(rules.intent.patterns[pn], "u")])
    this.makeList = new RegExp(rules.intent.makeList, "u")
    this.functionChars = rules.functionChars || ""
    this.realWords = Object.create(null)
    for (i = 0; i < (rules.realWords || []).length; i++) this.realWords[rules.realWords[i]] = true
    this.stopChars = {}
    var stops = rules.stopChars + rules.intent.fillerChars
    for (i = 0; i < stops.length; i++) this.stopChars[stops[i]] = true
    this.negations = {}
    for (i = 0; i < rules.negations.length; i++) this.negations[rules.negations[i]] = true
    this.complements = {}
    for (i = 0; i < (rules.complements || []).length; i++) this.complements[rules.complements[i]] = true
    this.synonyms = expandSynonyms(rules.synonyms)
    this.phrases = Object.create(null)
    this.frameIntent = Object.create(null)
    for (i = 0; i < rules.intent.fillers.length; i++) this.phrases[rules.intent.fillers[i]] = "filler"
    for (var name in rules.intent.frames) {
      var frames = rules.intent.frames[name]
      for (j = 0; j < frames.length; j++) {
        this.phrases[frames[j]] = "frame"
        this.frameIntent[frames[j]] = name
      }
    }
    this.levelNames = {}
    this.levelShort = {}
    var levels = rules.levels
    for (i = 0; i < levels.length; i++) {
      this.levelShort[levels[i][0]] = levels[i][1]
      for (j = 0; j < levels[i][2].length; j++) this.levelNames[levels[i][2][j]] = levels[i][0]
    }
    /* words that are a role's name or part of one (党支部书记, 支部, 书记) */
    this.roleNames = Object.keys(this.levelNames).filter(function (n) { return n.length >= 2 })
    this.namesLongestFirst = this.roleNames.slice().sort(function (a, b) { return b.length - a.length })
    this.links = []             /* by document number: the documents it leads to (ranking) */
    for (i = 0; head.links && i < head.links.length; i++) this.links[head.links[i][0]] = head.links[i].slice(1)
    /* the phrases of the synonym list whose pages the build listed (phrases.py); the lists come with
       the term chunks ([phrase, page gaps...]) and are made sets of pages when a query first needs them */
    this.phraseNames = Object.create(null)
    for (i = 0; head.phrases && i < head.phrases.length; i++) this.phraseNames[head.phrases[i]] = true
    this.phraseDocs = Object.create(null)
    this.typeByLabel = {}
    for (var t in rules.types) this.typeByLabel[rules.types[t]] = t
    this.maintainer = {}
    for (i = 0; i < rules.maintainerTypes.length; i++) this.maintainer[rules.maintainerTypes[i]] = true
    this.facet = new RegExp(rules.facet, "g")
    var wt = rules.weights
    /* the most a page's title, names or summary can multiply its score by (phraseBonus):
       what a page whose chunk is not in yet is ranked with */
    this.maxBonus = Math.max(1, wt.titlePhrase * wt.titleExact, wt.titlePhrase * wt.titlePrefix * (1 + wt.titleShare),
                             wt.titlePhrase * (1 + wt.titleShare), wt.summaryPhrase)
    this.scopes = { reader: new Scope(this, true), all: new Scope(this, false) }
  }

  /* The sorted terms of each index: made on the first query or, in the worker, right after
     READY, whichever comes first, so that the reader can search as early as possible. */
  Engine.prototype.prepare = function () {
    for (var x = 0; x < this.indexes.length; x++) {
      var index = this.indexes[x]
      if (!index.sortedTerms) index.sortedTerms = index.terms()
    }
  }

  /* a chunk's values (chunks.py): t<k> {h, b} postings; m<k> [[location, title, summary,
     names]] of pages k * sizes.meta ...; x<k> texts of pages k * sizes.text ... */
  Engine.prototype.addChunk = function (name, values) {
    var kind = name.charAt(0), k = +name.slice(1), value = values[0], i
    if (this.added[name]) return      /* (a query and the background fetch may both bring it) */
    this.added[name] = true
    /* texts change a ranking only where a query has synonym phrases the build did not list */
    if (kind !== "x" || (this.memo && this.memo.found.parsed.phrases.some(function (p) {
      return this.phrasePages(p) === null }, this))) this.epoch++
    if (kind === "t") {
      this.indexes[0].addTerms(value.h)
      this.indexes[1].addTerms(value.b)
      for (i = 0; value.p && i < value.p.length; i++) this.phraseDocs[value.p[i][0]] = value.p[i]
    } else if (kind === "m") {
      for (i = 0; i < value.length; i++) {
        var r = value[i], at = k * this.sizes.meta + i, place = this.places[r[0][0]], names = {}
        this.meta[at] = [place[0] + r[0][1] + place[1], r[1], r[2], r[3]]
        this.titles[at] = compactOf(normalize(r[1]))
        this.summaries[at] = compactOf(normalize(r[2]))
        for (var j = 0; j < r[3].length; j++) names[compactOf(normalize(r[3][j]))] = true
        this.aliases[at] = names
        delete this.pageTexts[at]
      }
    } else if (kind === "x") {
      for (i = 0; i < value.length; i++) {
        this.texts[k * this.sizes.text + i] = value[i]
        delete this.pageTexts[k * this.sizes.text + i]
      }
    }
  }

  /* note that the query being answered needs a chunk that is not in (kind t, m or x, number k) */
  Engine.prototype.missing = function (kind, k) {
    if (this.needs) this.needs[kind + k] = true
  }

  /* page i's location, title, summary and names, or null (noted as missing) */
  Engine.prototype.doc = function (i) {
    var meta = this.meta[i]
    if (!meta) this.missing("m", Math.floor(i / this.sizes.meta))
    return meta || null
  }

  /* page i's text ("" if it has none), or null (noted as missing) */
  Engine.prototype.text = function (i) {
    var text = this.texts[i]
    if (text === undefined) this.missing("x", Math.floor(i / this.sizes.text))
    return text === undefined ? null : text
  }

  /* Answer fn(engine) once the engine has every chunk it needs (fetch(name) -> Promise of the
     chunk's values): run it, fetch what it noted as missing, run it again, at most `rounds`
     times (then what there is). Resolves with fn's value. */
  Engine.prototype.settle = function (fn, fetch, rounds) {
    var self = this
    function attempt(left) {
      self.needs = {}
      var value
      try { value = fn(self) } finally { var needs = self.needs; self.needs = null }
      var names = Object.keys(needs)
      if (!names.length || left <= 0) return Promise.resolve(value)
      return Promise.all(names.map(function (name) {
        return fetch(name).then(function (values) { self.addChunk(name, values) })
      })).then(function () { return attempt(left - 1) })
    }
    return attempt(rounds)
  }

  /* the pages that hold phrase as a set (has); null when the build did not list it (then the page's
     text tells: query.SearchEngine.has_phrase); undefined (noted as missing) while its term chunk is
     not in */
  Engine.prototype.phrasePages = function (phrase) {
    if (!this.phraseNames[phrase]) return null
    var got = this.phraseDocs[phrase]
    if (got === undefined) {
      this.missing("t", this.vocab.chunkOf(phrase))
      return undefined
    }
    if (Array.isArray(got)) {
      var pages = new Set(), page = 0
      for (var k = 1; k < got.length; k++) { page += got[k]; pages.add(page) }
      got = this.phraseDocs[phrase] = pages
    }
    return got
  }

  /* title, summary, other names and text of a page, compact: where a synonym phrase the build did
     not list is looked for; null while its chunks are not in */
  Engine.prototype.pageText = function (i) {
    if (!has(this.pageTexts, i)) {
      var doc = this.doc(i), text = this.text(i)
      if (!doc || text === null) return null
      this.pageTexts[i] = compactOf(normalize([doc[1], doc[2]].concat(doc[3], [text]).join(" ")))
    }
    return this.pageTexts[i]
  }

  /* --- the vocabulary ------------------------------------------------------- */

  /* The words a query is read against (typos' lexicon too): the index words found on
     readers' pages -- words found only on maintainer pages (站点说明) would otherwise stop
     a typo from being corrected -- or, for 类型:站点说明, the words of every page. */
  function Scope(engine, readersOnly) {
    this.engine = engine
    this.readersOnly = readersOnly
    this.numerals = engine.rules.numerals || ""   /* (an index of format 7 made before this list: none) */
  }

  Scope.prototype.has = function (w) {
    return (this.engine.vocab.flag(w) & (this.readersOnly ? FOR_READERS : IN_HEAD | IN_BODY)) !== 0
  }

  /* what query segmentation knows as words: these and the synonym phrases */
  Scope.prototype.inLexicon = function (w) {
    return this.has(w) || (w.length >= 2 && has(this.engine.synonyms, w))
  }

  /* on how many pages w is a word of the title, the tags or another name */
  Scope.prototype.weight = function (w) {
    return this.engine.vocab.weight(w, this.readersOnly)
  }

  Scope.prototype.isTarget = function (w) {
    return w.length >= 2 && this.weight(w) > 0
  }

  Scope.prototype.withPrefix = function (prefix) {
    var self = this
    return this.engine.withPrefix(prefix).filter(function (w) { return self.has(w) })
  }

  /* some word starts with text and is longer */
  Scope.prototype.beginsWord = function (text) {
    var words = this.withPrefix(text)
    for (var i = 0; i < words.length; i++) if (words[i] !== text) return true
    return false
  }

  Engine.prototype.forReaders = function (i) {
    return !has(this.maintainer, this.types[i])
  }

  Engine.prototype.inVocab = function (w) {
    return (this.vocab.flag(w) & (IN_HEAD | IN_BODY)) !== 0
  }

  /* vocabulary words that start with prefix */
  Engine.prototype.withPrefix = function (prefix) {
    var terms = this.vocab.terms, lo = 0, hi = terms.length, out = []
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (terms[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    for (; lo < terms.length && terms[lo].indexOf(prefix) === 0; lo++) out.push(terms[lo])
    return out
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

  /* Segmentation into the fewest pieces: [[piece, kind]], kind in word/char/unknown/stop
     or frame/filler (from phrases). isWord: the words known; exclude: a word not to use;
     apart: characters that join no run of unknown ones (选调没人报名: 调没 is no word). */
  Engine.prototype.segmentWith = function (run, isWord, exclude, phrases, apart) {
    var n = run.length, maxWord = this.rules.maxWord
    var cost = new Array(n + 1), choice = new Array(n + 1)
    cost[n] = 0
    for (var i = n - 1; i >= 0; i--) {
      var bestCost = Infinity, best = [i + 1, "unknown"]
      for (var j = Math.min(n, i + maxWord); j > i + 1; j--) {
        var w = run.slice(i, j)
        if (phrases && phrases[w]) {
          if (0.5 + cost[j] < bestCost) { bestCost = 0.5 + cost[j]; best = [j, phrases[w]] }
        } else if (1 + cost[j] < bestCost && w !== exclude && isWord.call(this, w)) {
          bestCost = 1 + cost[j]
          best = [j, "word"]
        }
      }
      var ch = run[i], kind, c
      if (phrases && phrases[ch]) { kind = phrases[ch]; c = 0.5 }
      else if (has(this.stopChars, ch)) { kind = "stop"; c = 0.5 }
      else if (isWord.call(this, ch)) { kind = "char"; c = 2 }
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
      var prev = pieces.length ? pieces[pieces.length - 1] : null
      if (k === "unknown" && prev && prev[1] === "unknown" && !(apart && (apart.indexOf(run[i]) >= 0
          || apart.indexOf(prev[0][prev[0].length - 1]) >= 0)))
        pieces[pieces.length - 1][0] += run.slice(i, next)
      else
        pieces.push([run.slice(i, next), k])
      i = next
    }
    return pieces
  }

  /* phrase -> phrases searched as well, from the published sets: [words] (each stands for the
     others) or [sources, targets] (synonyms.expand_synonyms) */
  function expandSynonyms(sets) {
    var out = Object.create(null), s, k, j
    for (s = 0; s < sets.length; s++) {
      var sources = sets[s][0], targets = sets[s][sets[s].length - 1]
      for (k = 0; k < sources.length; k++) {
        var bucket = out[sources[k]] || (out[sources[k]] = [])
        for (j = 0; j < targets.length; j++)
          if (targets[j] !== sources[k] && bucket.indexOf(targets[j]) < 0) bucket.push(targets[j])
      }
    }
    for (var word in out) if (!out[word].length) delete out[word]
    return out
  }

  /* unknown piece k with the single known characters next to it, but for those of apart (跟, 没 ...);
     one between two unknown pieces goes with the one before it (活动跟 治 病救 人 半毛 钱: 治病救人,
     半毛钱) (query._as_typed) */
  function asTyped(pieces, k, apart) {
    var a = k, b = k + 1, out = ""
    function joins(x) { return pieces[x][1] === "char" && apart.indexOf(pieces[x][0]) < 0 }
    while (a > 0 && joins(a - 1)) a--
    if (a > 0 && pieces[a - 1][1] === "unknown") a = k
    while (b < pieces.length && joins(b)) b++
    for (var x = a; x < b; x++) out += pieces[x][0]
    return out
  }

  /* a query run over the scope's lexicon, with frames and fillers unless noPhrases */
  Engine.prototype.segment = function (run, scope, noPhrases) {
    return this.segmentWith(run, function (w) { return scope.inLexicon(w) }, "", noPhrases ? null : this.phrases,
                            this.rules.apartChars || "")
  }

  /* The index terms a synonym phrase is made of: words, a negation with its word
     (不重视), single characters (checked, not searched); null if some character
     is not in the index at all. */
  Engine.prototype.indexWords = function (text, scope) {
    var out = [], runs = text.match(RUN) || []
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r]
      if (!HAN.test(run[0])) {
        if (!scope.has(run)) return null
        out.push(run)
        continue
      }
      var pieces = this.segmentWith(run, function (w) { return scope.has(w) }, "", null)
      for (var k = 0; k < pieces.length; k++) {
        var piece = pieces[k][0], kind = pieces[k][1]
        if (has(this.negations, piece) && k + 1 < pieces.length && pieces[k + 1][1] === "word" &&
            scope.has(piece + pieces[k + 1][0])) {
          out.push(piece + pieces[k + 1][0])
          k++
        } else if (kind === "word" || kind === "char") out.push(piece)
        else if (kind !== "stop") return null
      }
    }
    return out
  }

  /* --- understanding the query ---------------------------------------------- */

  function Parsed() {
    this.units = []        /* every query word, none dropped */
    this.clauses = []      /* {term, wildcard, boost, covers, group} */
    this.compact = ""      /* the query without spaces, frames and fillers */
    this.core = ""         /* ... and without stop characters at the ends of its stretches */
    this.type = ""
    this.level = ""
    this.intent = ""
    this.duty = false      /* asks for a role's duties (清单, 职责 ...) */
    this.named = 0         /* the levels whose names the query holds, as a bit mask (党组书记 -> dangzu-shuji) */
    this.corrections = []  /* [typed, searched as] */
    this.corrected = {}    /* units that come from a correction */
    this.dropped = []      /* single characters not searched */
    this.phrases = []      /* the phrase of each clause group, compact */
    this.variants = []     /* the core, and the core with one word swapped for a synonym (考核摆样子 -> 考核流于形式) */
    this.swaps = []        /* [word typed, synonym] in the order met */
    this.subject = []      /* the word before a what/name frame: what is asked about (query.ParsedQuery.subject) */
  }

  Parsed.prototype.clause = function (term, wildcard, boost, covers, group) {
    this.clauses.push({ term: term, wildcard: wildcard, boost: boost, covers: covers, group: group === undefined ? -1 : group })
  }

  Parsed.prototype.unit = function (text, corrected) {
    var at = this.units.indexOf(text)
    if (at >= 0 && !corrected) return at       /* the same word twice counts once */
    this.units.push(text)
    if (corrected) this.corrected[this.units.length - 1] = true
    return this.units.length - 1
  }

  Engine.prototype.parse = function (query) {
    var self = this
    var q = this.fold(query)
    var parsed = new Parsed()
    q.replace(this.facet, function (_, key, value) {
      if (key === "类型")
        parsed.type = has(self.typeByLabel, value) ? self.typeByLabel[value] : (has(self.rules.types, value) ? value : "")
      else
        parsed.level = has(self.levelNames, value) ? self.levelNames[value] : ""
      return " "
    })
    q = q.replace(this.facet, " ")
    var duty = this.rules.intent.duty || []
    for (var d = 0; d < duty.length && !parsed.duty; d++) parsed.duty = q.indexOf(duty[d]) >= 0
    var scope = has(this.maintainer, parsed.type) ? this.scopes.all : this.scopes.reader
    var openEnd = q.length > 0 && !/\s$/.test(q)
    var runs = q.match(RUN) || [], intents = {}, frames = []   /* (案例 ...: searched as words if nothing else is left) */
    var namedAt = []
    for (var pt = 0; pt < this.patterns.length; pt++) if (this.patterns[pt][1].test(q)) intents[this.patterns[pt][0]] = true
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r], last = openEnd && r === runs.length - 1
      if (!HAN.test(run[0])) {
        this.chunk(parsed, [[run, "word"]], last, scope)
        continue
      }
      var pieces = this.segment(run, scope).concat([["", "end"]]), chunk = []
      for (var p = 0; p < pieces.length; p++) {
        var kind = pieces[p][1]
        if (kind === "frame" || kind === "filler" || kind === "end") {
          if (kind === "frame") {
            intents[this.frameIntent[pieces[p][0]]] = true
            if (this.rules.intent.naming.indexOf(this.frameIntent[pieces[p][0]]) >= 0) frames.push(pieces[p][0])   /* (not 怎么办) */
          }
          if (chunk.length) this.chunk(parsed, chunk, last && kind === "end", scope)
          chunk = []
          if (kind === "frame" && this.rules.namedIntents.indexOf(this.frameIntent[pieces[p][0]]) >= 0)
            namedAt.push(parsed.units.length)   /* (the word before it: 责任状 in 责任状是个啥) */
        } else chunk.push(pieces[p])
      }
    }
    if (!parsed.units.length && !parsed.dropped.length)
      for (var f = 0; f < frames.length; f++) this.chunk(parsed, this.segment(frames[f], scope, true), false, scope)   /* 案例 alone */
    if (!parsed.units.length) {
      /* nothing but single characters: search those (a one-character query, say) */
      for (var d = 0; d < parsed.dropped.length; d++) {
        var ch = parsed.dropped[d]
        parsed.clause(ch, !scope.has(ch), 1, [parsed.unit(ch)])
      }
      if (parsed.units.length === 1 && openEnd) parsed.clause(parsed.units[0], true, this.rules.weights.prefix, [0])
    } else {
      /* single characters left between words add a little where they occur, without counting
         as query words (虚 in 党建为啥总是虚的) */
      var seen = {}
      for (var e = 0; e < parsed.dropped.length; e++) {
        var single = parsed.dropped[e]
        if (has(seen, single)) continue
        seen[single] = true
        if (scope.has(single)) parsed.clause(single, false, this.rules.weights.char, [])
      }
    }
    var told = q                /* the query as meant: 党组书纪 is 党组书记 */
    for (var ct = 0; ct < parsed.corrections.length; ct++)
      told = told.split(parsed.corrections[ct][0]).join(parsed.corrections[ct][1])
    parsed.named = this.namedLevels(told)
    var cues = this.rules.intent.cues
    for (var name in cues)
      for (var c = 0; c < cues[name].length; c++)
        for (var u = 0; u < parsed.units.length; u++)
          if (parsed.units[u].indexOf(cues[name][c]) >= 0) intents[name] = true
    var listWords = this.rules.intent.listWords || []   /* 清单, 单子 as whole words: checklists */
    for (var lw = 0; lw < listWords.length; lw++)
      if (parsed.units.indexOf(listWords[lw]) >= 0) intents.list = true
    if (withoutQuestions(told, this.rules.intent.whetherMarks || [], parsed.units) !== told)
      intents.whether = true    /* 能不能直接管业务: the countermeasure (not in 职能不能发挥) */
    var marks = this.rules.intent.complaintMarks || [], info = this.rules.intent.informationWords || []
    if (!Object.keys(intents).length && parsed.units.length >= 2) {   /* 书记只管业务不管党建: a problem described */
      var complaint = false
      var notMarks = this.rules.intent.notMarks || []   /* 不断, 未来: no negation (told: 述只报告 is 述职报告) */
      for (var nm = 0; nm < notMarks.length; nm++) told = told.split(notMarks[nm]).join(" ")
      told = withoutQuestions(told, this.rules.intent.questionMarks || [], parsed.units)
      for (var m = 0; m < marks.length && !complaint; m++) complaint = told.indexOf(marks[m]) >= 0
      for (var iw = 0; iw < info.length && complaint; iw++) if (told.indexOf(info[iw]) >= 0) complaint = false
      if (complaint) intents.complaint = true
    }
    if (intents.list && intents.how && this.makeList.test(q))
      delete intents.list       /* 这个单子该怎么列: how to draw one up, not a checklist asked for */
    var order = this.rules.intent.order
    for (var o = 0; o < order.length; o++)
      if (intents[order[o]]) { parsed.intent = order[o]; break }
    /* 责任状是个啥: the word before the frame; a frame that opens the query (什么叫工委说的逐件销号) names none */
    for (var na = 0; na < namedAt.length; na++)
      if (namedAt[na] >= 1 && parsed.subject.indexOf(namedAt[na] - 1) < 0) parsed.subject.push(namedAt[na] - 1)
    parsed.subject.sort(function (a, b) { return a - b })
    if (parsed.intent === "list") parsed.duty = true   /* 有对照表没, like 清单 (a duty cue): the role named is not named in passing */
    /* the query without stop characters at the ends of its stretches, and that with one word swapped */
    var all = [parsed.core]
    for (var sw = 0; sw < parsed.swaps.length; sw++) {
      var at = parsed.core.indexOf(parsed.swaps[sw][0])
      all.push(at < 0 ? parsed.core : parsed.core.slice(0, at) + compactOf(parsed.swaps[sw][1]) +
               parsed.core.slice(at + parsed.swaps[sw][0].length))
    }
    for (var v = 0; v < all.length; v++) {
      if (all[v] && all[v] !== parsed.compact && parsed.variants.indexOf(all[v]) < 0) {
        parsed.variants.push(all[v])
        if (parsed.variants.length >= this.rules.maxVariants) break
      }
    }
    return parsed
  }

  /* mark 不/没/未/无/非 before a short word as kind "neg": it stays with that word;
     a complement right after a single character, a verb as a rule (顾不到), as "stop": not searched */
  Engine.prototype.markNegations = function (pieces) {
    var out = pieces.map(function (p) { return [p[0], p[1]] })
    for (var k = 0; k + 1 < out.length; k++)
      if (out[k][1] === "char" && has(this.negations, out[k][0]) && out[k + 1][1] === "word" &&
          out[k + 1][0].length <= this.rules.maxNegated)
        out[k][1] = "neg"
    for (k = 1; k < out.length; k++)
      if (out[k][1] === "word" && has(this.complements, out[k][0]) &&
          (out[k - 1][1] === "char" || out[k - 1][1] === "unknown"))
        out[k][1] = "stop"
    return out
  }

  /* one stretch of the query between frames and fillers */
  Engine.prototype.chunk = function (parsed, pieces, last, scope) {
    var w = this.rules.weights, k
    pieces = this.markNegations(pieces)
    var text = pieces.map(function (p) { return p[0] }).join("")
    var loose = false, searched = 0
    for (k = 0; k < pieces.length; k++) {
      if (pieces[k][1] === "char" || pieces[k][1] === "unknown") loose = true
      if (pieces[k][1] !== "stop") searched++
    }
    var prefixOfWord = searched >= 2 && !scope.inLexicon(text) && scope.beginsWord(text)
    if (prefixOfWord && loose) {
      /* the start of a longer word, still being typed (三会一 -> 三会一课) */
      parsed.clause(text, true, 1, [parsed.unit(text)])
      parsed.compact += text
      parsed.core += text
      return
    }
    var regions = []            /* corrected stretches of text */
    if (this.pinyin.size && !prefixOfWord)
      for (var n = 0; n < this.rules.maxCorrections; n++) {
        var found = loose ? this.findCorrection(pieces, scope) : null
        if (!found) found = this.findHomophoneTerm(pieces, scope)   /* a word may be wrong (主题责任) */
        if (!found) break
        var s = found[0], e = found[1], word = found[2], delta = word.length - (e - s)
        parsed.corrections.push([text.slice(s, e), word])
        for (var g = 0; g < regions.length; g++)
          if (regions[g][0] >= e) { regions[g][0] += delta; regions[g][1] += delta }
        regions.push([s, s + word.length])
        text = text.slice(0, s) + word + text.slice(e)
        pieces = this.markNegations(this.segment(text, scope, true))
      }
    parsed.compact += text
    var a = 0, b = pieces.length             /* (给党建考核打分: 给 is no part of a title; see the variants) */
    while (a < b && pieces[a][1] === "stop") a++
    while (b > a && pieces[b - 1][1] === "stop") b--
    for (k = a; k < b; k++) parsed.core += pieces[k][0]
    var unitOf = {}, pos = 0, piece, kind, u
    for (k = 0; k < pieces.length; k++) {
      piece = pieces[k][0]
      kind = pieces[k][1]
      var start = pos
      pos += piece.length
      if (kind === "word") {
        var corrected = false
        for (var rg = 0; rg < regions.length; rg++)
          if (regions[rg][0] < pos && start < regions[rg][1]) corrected = true
        unitOf[k] = this.word(parsed, piece, corrected, scope)
      } else if (kind === "neg") {
        /* a negation stays with its word: 不担当 (担当 searched at lower weight if 不担当 is not indexed) */
        var after = pieces[k + 1][0]
        u = parsed.unit(piece + after)
        if (scope.has(piece + after)) parsed.clause(piece + after, false, 1, [u])
        parsed.clause(after, false, w.negated, [u])
        unitOf[k] = unitOf[k + 1] = u
        pos += after.length
        k++
      } else if (kind === "unknown" && piece.length > 1) {
        /* characters the index has never seen: maybe the start of a word; named (缺少) with the known
           single characters around them, as typed (治病救人, 大夫护士, not 病救, 夫护士) */
        u = parsed.unit(asTyped(pieces, k, this.rules.apartChars || ""))
        parsed.clause(piece, true, 1, [u])
        unitOf[k] = u
      } else if (kind === "char" || kind === "unknown") parsed.dropped.push(piece)
    }
    /* a one-character synonym acts with the word next to it: 搞党建 -> 抓党建 */
    for (k = 0; k < pieces.length; k++) {
      piece = pieces[k][0]
      if (pieces[k][1] !== "char" || piece.length !== 1 || !has(this.synonyms, piece)) continue
      var targets = this.synonyms[piece]
      for (var t = 0; t < targets.length; t++) {
        if (targets[t].length !== 1) continue
        var sides = [[k + 1, false], [k - 1, true]]
        for (var sd = 0; sd < sides.length; sd++) {
          var nb = sides[sd][0]
          if (nb < 0 || nb >= pieces.length || !has(unitOf, nb) || pieces[nb][1] !== "word") continue
          var cand = sides[sd][1] ? pieces[nb][0] + targets[t] : targets[t] + pieces[nb][0]
          if (scope.has(cand)) parsed.clause(cand, false, w.synonym, [unitOf[nb]])
        }
      }
    }
    var units = []
    for (var key in unitOf) if (units.indexOf(unitOf[key]) < 0) units.push(unitOf[key])
    units.sort(function (a, b) { return a - b })
    /* a chunk of whole words that also begins a longer word */
    if (prefixOfWord && units.length) parsed.clause(text, true, 1, units)
    var end = pieces.length - 1
    if (last && has(unitOf, end) && pieces[end][1] === "word" && pieces[end][0].length > 1)
      parsed.clause(pieces[end][0], true, w.prefix, [unitOf[end]])      /* the last word may still be being typed */
  }

  Engine.prototype.word = function (parsed, word, corrected, scope) {
    var w = this.rules.weights, u = parsed.unit(word, corrected), scale = corrected ? w.corrected : 1
    if (scope.has(word)) parsed.clause(word, false, scale, [u])
    if (word.length >= 5 && HAN.test(word[0])) {
      /* the parts of a long word too (党建考核流于形式 -> 党建考核, 流于形式) */
      var parts = this.segmentWith(word, function (x) { return scope.has(x) }, word, null)
      if (parts.length > 1)
        for (var p = 0; p < parts.length; p++)
          if (parts[p][1] === "word" && parts[p][0].length >= 2) parsed.clause(parts[p][0], false, w.part * scale, [u])
    }
    var targets = has(this.synonyms, word) ? this.synonyms[word] : [], weights = []
    for (var t = 0; t < targets.length; t++) weights.push(w.synonym)
    if (!scope.has(word) && has(this.synonyms, word)) {
      /* a phrase of the synonym list that is no index word (念文件: 念 + 文件): its own words, where a
         page has them as the phrase; a negation with its word (不作为: 作为) as a negation is, unless a
         synonym is an index word (不担当): 作为 alone is mostly "as" */
      if (has(this.negations, word[0]) && scope.has(word.slice(1)) &&
          !targets.some(function (x) { return scope.has(x) }))
        parsed.clause(word.slice(1), false, w.negated * scale, [u])
      targets = [word].concat(targets)
      weights = [w.ownPhrase].concat(weights)
    }
    for (t = 0; t < targets.length; t++) {
      if (targets[t] !== word) parsed.swaps.push([word, targets[t]])
      var pieces = this.indexWords(targets[t], scope), long = false
      if (!pieces) continue
      for (var x = 0; x < pieces.length; x++) if (pieces[x].length >= 2) long = true
      if (!long) continue
      var group = -1
      if (pieces.length > 1) {      /* a phrase (意识不强): it counts only where the page has it as such */
        group = parsed.phrases.length
        parsed.phrases.push(compactOf(targets[t]))
      }
      for (x = 0; x < pieces.length; x++) parsed.clause(pieces[x], false, weights[t] * scale, [u], group)
    }
    return u
  }

  /* --- ranking ---------------------------------------------------------------- */

  /* the levels whose names text holds, as a bit mask, a longer name first: 党组书记 (not 党组) in
     党组书记抓党建, however the query is segmented (党组 + 书记抓 + 党建) */
  Engine.prototype.namedLevels = function (text) {
    var taken = new Uint8Array(text.length), named = 0
    for (var k = 0; k < this.namesLongestFirst.length; k++) {
      var name = this.namesLongestFirst[k]
      for (var at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        var free = true
        for (var c = at; c < at + name.length && free; c++) free = !taken[c]
        if (!free) continue
        named |= this.levelBit[this.levelNames[name]] || 0
        taken.fill(1, at, at + name.length)
      }
    }
    return named
  }

  /* whether a word of the query is page i's title or another name of it; until its chunk is
     in, as if it were (a bound, as phraseBonus) */
  Engine.prototype.namedBy = function (i, units) {
    if (!this.meta[i]) return true
    for (var u = 0; u < units.length; u++)
      if (units[u] === this.titles[i] || has(this.aliases[i], units[u])) return true
    return false
  }

  /* a role's name or a word of one (书记 in 党支部书记) */
  Engine.prototype.isRole = function (unit) {
    for (var k = 0; k < this.roleNames.length; k++)
      if (this.roleNames[k].indexOf(unit) >= 0) return true
    return false
  }

  Engine.prototype.hasTerm = function (ref, term) {
    for (var x = 0; x < this.indexes.length; x++)
      if (this.indexes[x].contains(term, ref)) return true
    return false
  }

  Engine.prototype.allowed = function (i, parsed) {
    if (parsed.type && this.types[i] !== parsed.type) return false
    if (parsed.level && !(this.masks[i] & (this.levelBit[parsed.level] || 0))) return false
    return true
  }

  /* what page i's title, names or summary multiply its score by; until its chunk is in, the
     most they could (this.maxBonus) */
  Engine.prototype.phraseBonus = function (i, compact) {
    var w = this.rules.weights
    if (compact.length < 2) return 1
    if (!this.meta[i]) return this.maxBonus
    /* the reader typed another name of exactly this entry */
    if (has(this.aliases[i], compact)) return w.titlePhrase * w.titleExact
    var title = this.titles[i]
    if (title === compact) return w.titlePhrase * w.titleExact
    var share = title.length ? 1 + w.titleShare * compact.length / title.length : 1
    if (title.indexOf(compact) === 0) return w.titlePhrase * w.titlePrefix * share
    if (title.indexOf(compact) >= 0) return w.titlePhrase * share
    if (this.summaries[i].indexOf(compact) >= 0) return w.summaryPhrase
    return 1
  }

  /* Ranked hits: {parsed, hits: [{ref, score, terms, matched}]}; matched: the index terms that count */
  Engine.prototype.search = function (query) {
    this.prepare()
    var parsed = this.parse(query), out = [], aside = [], i
    var max = this.rules.maxResults
    if (!parsed.units.length) {
      if (!parsed.type && !parsed.level) return { parsed: parsed, hits: [] }
      for (i = 0; i < this.n && out.length < max; i++)
        if (this.allowed(i, parsed)) out.push({ ref: i, score: 1, terms: {}, matched: [] })
      return { parsed: parsed, hits: out }
    }
    if (!parsed.clauses.length) return { parsed: parsed, hits: [] }   /* words the index does not have */
    /* words on most pages (党建 ...) and single characters of a phrase (凭 in 凭感情)
       are not asked from lunr, only checked page by page */
    var clauses = parsed.clauses, asked = [], any = false, c, cl
    for (c = 0; c < clauses.length; c++) {
      cl = clauses[c]
      asked.push(cl.wildcard || (!has(this.common, cl.term) && (cl.term.length > 1 || cl.group < 0)))
      any = any || asked[c]
    }
    var indexes = this.indexes
    if (!any) {             /* only such words: rank by titles and summaries */
      for (c = 0; c < clauses.length; c++) asked[c] = true
      indexes = this.indexes.slice(0, 1)
    }
    var terms = {}, termKeys = []          /* one lunr clause per term, at its highest boost */
    for (c = 0; c < clauses.length; c++) {
      if (!asked[c]) continue
      var key = (clauses[c].wildcard ? "*" : "=") + clauses[c].term
      if (!has(terms, key)) { termKeys.push(key); terms[key] = clauses[c] .boost }
      else terms[key] = Math.max(terms[key], clauses[c].boost)
    }
    var asking = []
    for (var t = 0; t < termKeys.length; t++) asking.push([termKeys[t].slice(1), termKeys[t][0] === "*", terms[termKeys[t]]])
    /* per page (by document number, in arrays: no page is made a string key): the lunr
       score summed over the indexes and the index terms each index matched (index 0: the
       title, tags and summary) */
    var ndocs = this.n, sum = new Float64Array(ndocs), termsOf = [], refs = []
    var met = new Uint8Array(ndocs)
    for (var x = 0; x < indexes.length; x++) {
      var found = indexes[x].query(asking), byRef = termsOf[x] = new Array(ndocs)
      for (var f = 0; f < found.length; f++) {
        var ref = found[f].ref
        if (!met[ref]) { met[ref] = 1; refs.push(ref) }
        sum[ref] += found[f].score
        byRef[ref] = found[f].terms
      }
    }
    function fits(cl, term) {
      return cl.wildcard ? term.indexOf(cl.term) === 0 : term === cl.term
    }
    function matches(cl, terms) {
      for (var m = 0; terms && m < terms.length; m++) if (fits(cl, terms[m])) return true
      return false
    }
    /* the index terms matched on page i, each once, in the order the indexes met them */
    function matchedOn(i) {
      var out = []
      for (var x = 0; x < termsOf.length; x++)
        for (var t = termsOf[x][i], m = 0; t && m < t.length; m++) if (out.indexOf(t[m]) < 0) out.push(t[m])
      return out
    }
    var w = this.rules.weights, tw = this.rules.typeWeights
    var boosts = parsed.intent && has(this.rules.intent.boosts, parsed.intent) ? this.rules.intent.boosts[parsed.intent] : {}
    var roleTypes = this.rules.roleTypes, roles = {}, nRoles = 0
    for (var r = 0; r < parsed.units.length; r++)
      if (this.isRole(parsed.units[r])) { roles[r] = true; nRoles++ }
    var passing = nRoles > 0 && nRoles < parsed.units.length && !parsed.duty   /* a role named in passing */
    var named = this.rules.namedIntents.indexOf(parsed.intent) >= 0   /* asks what a thing it names is */
    var subjectUnits = parsed.subject.length ? parsed.subject.map(function (k) { return parsed.units[k] }) : parsed.units
    var groups = parsed.phrases.length
    for (c = 0; c < clauses.length; c++) groups = Math.max(groups, clauses[c].group + 1)
    var hit = new Uint8Array(clauses.length), missed = new Uint8Array(groups)
    /* the phrases' pages as the build listed them; a phrase it did not list needs the page's text */
    var phraseSets = parsed.phrases.map(function (phrase) { return this.phrasePages(phrase) }, this)
    var unlisted = phraseSets.indexOf(null) >= 0
    if (phraseSets.indexOf(undefined) >= 0) return { parsed: parsed, hits: [], exact: false }   /* (fetched, then again) */
    var mark = new Int32Array(parsed.units.length), stamp = 0
    var self = this, byType = {}
    /* what a search needs of a type: its weight, whether it is a page of a role, the intent's
       factor, whether it is set aside (a maintainer page) */
    function typeRules(type) {
      var of = byType[type]
      if (of === undefined)
        of = byType[type] = { weight: has(tw, type) ? tw[type] : 1, role: roleTypes.indexOf(type) >= 0,
                              boost: has(boosts, type) ? boosts[type] : 1,
                              aside: has(self.maintainer, type) && !parsed.type }
      return of
    }
    /* Page i's score before the intent's factor, or -1 when it is left out; with detail
       ({}), also the units it covers (detail.covered) and the index terms of the clauses
       that count (detail.matched): made only for the hits shown. */
    function judge(i, detail) {
      var c, cl, m
      missed.fill(0)
      for (c = 0; c < clauses.length; c++) {
        cl = clauses[c]
        var yes = false
        if (asked[c]) {
          for (var x = 0; x < termsOf.length && !yes; x++) yes = matches(cl, termsOf[x][i])
        } else yes = self.hasTerm(i, cl.term)
        hit[c] = yes ? 1 : 0
        if (!yes && cl.group >= 0) missed[cl.group] = 1
      }
      var some = false            /* a page with only single characters of the query is left out */
      for (c = 0; c < clauses.length && !some; c++) some = hit[c] === 1 && clauses[c].covers.length > 0
      if (!some) return -1
      var text = null            /* the page's chunks not in yet: as if it had the phrases */
      if (unlisted) {
        if (self.meta[i] && self.texts[i] !== undefined) text = self.pageText(i)
        else guessed[i] = 1
      }
      for (var g = 0; g < parsed.phrases.length; g++) {
        if (missed[g]) continue
        if (phraseSets[g]) { if (!phraseSets[g].has(i)) missed[g] = 1 }
        else if (text !== null && text.indexOf(parsed.phrases[g]) < 0) missed[g] = 1
      }
      var n = 0, matched = detail ? matchedOn(i) : null
      var inHead = false          /* a query word besides role names matched in title, tags or summary */
      stamp++
      for (c = 0; c < clauses.length; c++) {
        cl = clauses[c]
        if (!hit[c] || (cl.group >= 0 && missed[cl.group]) || !cl.covers.length) continue
        var head = matches(cl, termsOf[0][i])
        for (var v = 0; v < cl.covers.length; v++) {
          if (mark[cl.covers[v]] !== stamp) { mark[cl.covers[v]] = stamp; n++ }
          if (head && !roles[cl.covers[v]]) inHead = true
        }
        if (detail)          /* counted: the index terms of the clauses that count */
          for (m = 0; m < matched.length; m++)
            if (fits(cl, matched[m]) && detail.matched.indexOf(matched[m]) < 0) detail.matched.push(matched[m])
      }
      if (detail)
        for (var u = 0; u < parsed.units.length; u++) detail.covered[parsed.units[u]] = mark[u] === stamp
      var share = n / parsed.units.length
      var score = sum[i] * Math.pow(w.coverage + (1 - w.coverage) * share, 2)
      var bonus = self.phraseBonus(i, parsed.compact)
      for (var pv = 0; pv < parsed.variants.length; pv++) bonus = Math.max(bonus, self.phraseBonus(i, parsed.variants[pv]))
      score *= bonus
      if (!self.meta[i]) guessed[i] = 1
      var of = typeRules(self.types[i])
      score *= of.weight
      if (named && self.namedBy(i, subjectUnits)) score *= w.termNamed   /* 工委说的逐件销号是什么意思: 逐件销号 */
      if (of.role && nRoles && nRoles < parsed.units.length && !inHead && !parsed.duty)
        score *= w.roleOnly       /* only the role's name is what the page has of the query where it shows what it is about
                                     (and the query does not ask for the role's duties) */
      if (of.role && passing) score *= w.rolePassing
      if (parsed.intent === "list" && parsed.named && self.types[i] === "checklist")
        score *= self.masks[i] & parsed.named ? w.namedList : w.otherList   /* 普通党员工作清单: the members' checklist */
      return score
    }
    var scores = new Float64Array(ndocs), scored = new Uint8Array(ndocs), order = []
    var guessed = new Uint8Array(ndocs), liftGuessed = []   /* scores that are bounds (chunks not in yet) */
    for (var h = 0; h < refs.length; h++) {
      i = refs[h]
      if (!this.allowed(i, parsed)) continue
      var score = judge(i, null)
      if (score < 0) continue
      scores[i] = score
      scored[i] = 1
      order.push(i)
    }
    var graph = parsed.intent && has(this.rules.graph, parsed.intent) ? this.rules.graph[parsed.intent] : null
    var lift = graph ? new Float64Array(ndocs) : null
    if (graph)
      for (h = 0; h < order.length; h++) {
        i = order[h]
        var to = this.links[i]
        if (!to || graph.from.indexOf(this.types[i]) < 0) continue
        for (var l = 0; l < to.length; l++)
          if (scored[to[l]] && graph.to.indexOf(this.types[to[l]]) >= 0) {
            lift[to[l]] = Math.max(lift[to[l]], scores[i])
            if (guessed[i]) (liftGuessed[to[l]] || (liftGuessed[to[l]] = [])).push(i)
          }
      }
    var final = new Float64Array(ndocs)
    for (h = 0; h < order.length; h++) {
      i = order[h]
      var of = typeRules(this.types[i])
      final[i] = (scores[i] + w.graph * (lift ? lift[i] : 0)) * of.boost
      if (of.aside) aside.push(i)
      else out.push(i)
    }
    if (!out.length) out = aside     /* nothing for readers: the maintainer pages that match */
    var first = (this.rules.intent.first || {})[parsed.intent], types = this.types   /* 案例: the cases first */
    out.sort(function (a, b) {
      return (first ? (types[a] === first ? 0 : 1) - (types[b] === first ? 0 : 1) : 0) || final[b] - final[a] || a - b
    })
    out = out.slice(0, max)
    /* A page whose chunks are not in is ranked by the highest score it could have: when every
       page shown has its own score (its chunks are in, and those of the pages that lift it),
       the pages not shown could have no more, and the answer is the whole index's. */
    var exact = true
    for (h = 0; h < out.length; h++) {
      i = out[h]
      var pending = (guessed[i] ? [i] : []).concat(liftGuessed[i] || [])
      for (var pg = 0; pg < pending.length; pg++) {
        exact = false
        this.doc(pending[pg])
        if (unlisted) this.text(pending[pg])
      }
    }
    if (!exact) return { parsed: parsed, hits: [], exact: false }
    for (h = 0; h < out.length; h++) {   /* what each hit shown has of the query: only for those */
      var detail = { covered: {}, matched: [] }
      judge(out[h], detail)
      out[h] = { ref: out[h], score: final[out[h]], terms: detail.covered, matched: detail.matched }
    }
    return { parsed: parsed, hits: out }
  }

  /* --- Material's result format ------------------------------------------ */

  var SNIPPET = 90          /* characters of the passage shown under a result */
  var PASSAGES = 20         /* results that get a passage of their text (the rest: their summary) */
  /* a sentence with its end mark and the closing quotes or brackets after it (……一起检查。”机关党建: the
     quote ends the sentence before; not ；: what follows it inside brackets, 上级督促检查记录）, read as a fragment) */
  var SENTENCE = /[^。！？\n]+(?:[。！？]+[”’）」』》]*)?|[。！？]+[”’）」』》]*/g
  var SPACED = /\s*([，。、；：？！（）“”‘’《》【】])\s*/g   /* spaces the page's markup left at punctuation: 三个字： 责 ： */

  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  /* where the words occur in text: [[start, end]], longest word first, no overlaps,
     touching occurrences joined (主要 + 领导 -> one mark) */
  function occurrences(text, words) {
    var spans = [], taken = []
    var sorted = words.slice().sort(function (a, b) { return b.length - a.length })
    for (var w = 0; w < sorted.length; w++) {
      var word = sorted[w], at = text.indexOf(word)
      for (; at >= 0; at = text.indexOf(word, at + word.length)) {
        var free = true
        for (var p = at; p < at + word.length && free; p++) if (taken[p]) free = false
        if (!free) continue
        for (p = at; p < at + word.length; p++) taken[p] = true
        spans.push([at, at + word.length])
      }
    }
    spans.sort(function (a, b) { return a[0] - b[0] })
    var joined = []
    for (var s = 0; s < spans.length; s++) {
      if (joined.length && joined[joined.length - 1][1] === spans[s][0]) joined[joined.length - 1][1] = spans[s][1]
      else joined.push(spans[s])
    }
    return joined
  }

  /* text with the words marked; everything escaped */
  function mark(text, words) {
    var spans = occurrences(text, words), html = "", pos = 0
    for (var s = 0; s < spans.length; s++) {
      html += escapeHTML(text.slice(pos, spans[s][0])) + "<mark>" + escapeHTML(text.slice(spans[s][0], spans[s][1])) + "</mark>"
      pos = spans[s][1]
    }
    return html + escapeHTML(text.slice(pos))
  }

  /* The passage of page i that holds most of the words (longer words count
     more, the first `typed` of them, the reader's own words, twice as much as
     the synonyms and other forms matched: 考核就看资料盒子厚不厚 shows the saying
     考核全看资料盒子厚不厚, not a summary with 考评 in it): the summary, or a
     sentence of the page's text; cut to SNIPPET characters around the first
     word found. */
  Engine.prototype.passage = function (i, words, typed) {
    var summary = this.meta[i][2], best = summary, bestScore = -1, text = this.text(i)
    var candidates = [summary].concat(text ? text.match(SENTENCE) || [] : [])
    for (var c = 0; c < candidates.length; c++) {
      var text = candidates[c].replace(SPACED, "$1").trim(), score = 0
      if (!text) continue
      for (var w = 0; w < words.length; w++) if (text.indexOf(words[w]) >= 0) score += words[w].length * (w < typed ? 2 : 1)
      if (score > bestScore) { best = text; bestScore = score }
    }
    if (best.length <= SNIPPET) return best
    var first = best.length
    for (w = 0; w < words.length; w++) {
      var at = best.indexOf(words[w])
      if (at >= 0 && at < first) first = at
    }
    var start = first === best.length ? 0 : Math.max(0, Math.min(first - 20, best.length - SNIPPET))
    return (start > 0 ? "…" : "") + best.slice(start, start + SNIPPET) + (start + SNIPPET < best.length ? "…" : "")
  }

  /* search(query), kept while no chunk ranking reads has been added since and nothing was
     missing (a round that only fetched the texts of passages ranks nothing again) */
  Engine.prototype.ranked = function (query) {
    var memo = this.memo
    if (memo && memo.query === query && memo.epoch === this.epoch) return memo.found
    var noted = this.needs ? Object.keys(this.needs).length : -1
    var found = this.search(query)
    if (noted >= 0 && Object.keys(this.needs).length === noted)
      this.memo = { query: query, epoch: this.epoch, found: found }
    return found
  }

  /* Material's RESULT data, or null while chunks it needs are not in (noted as missing);
     passages: also wait for the texts of the first results (else their summaries stand in
     for the passage where the text is not in yet). data.complete: every passage is there. */
  Engine.prototype.result = function (query, passages) {
    var found = this.ranked(query), parsed = found.parsed, hits = found.hits, items = [], h
    if (found.exact === false) return null
    for (h = 0; h < hits.length; h++) this.doc(hits[h].ref)
    var complete = true
    for (h = 0; h < hits.length && h < PASSAGES; h++)
      if (passages) this.text(hits[h].ref)
      else if (this.texts[hits[h].ref] === undefined) complete = false
    for (var name in this.needs) return null
    /* highlighted: the query words a page has and the index words matched, not single
       characters (unless the query is one) */
    var single = parsed.units.length === 1 && parsed.units[0].length === 1
    var note = parsed.corrections.map(function (c) { return "已按“" + c[1] + "”搜索（输入的是“" + c[0] + "”）" }).join("；")
    for (h = 0; h < hits.length; h++) {
      var hit = hits[h], doc = this.meta[hit.ref], words = []
      for (var u in hit.terms) if (hit.terms[u] && (u.length > 1 || single)) words.push(u)
      var typed = words.length
      for (var m = 0; m < hit.matched.length; m++)
        if ((hit.matched[m].length > 1 || single) && words.indexOf(hit.matched[m]) < 0) words.push(hit.matched[m])
      var text = mark(h < PASSAGES && this.texts[hit.ref] !== undefined ? this.passage(hit.ref, words, typed) : doc[2], words)
      if (h === 0 && note) text = '<span class="rh-note" hidden data-rh-note="' + escapeHTML(note) + '"></span>' + text
      /* Material lists the false terms as 缺少 and highlights the true ones on the page opened */
      var terms = {}
      for (u in hit.terms) terms[u] = hit.terms[u]
      for (m = 0; m < words.length; m++) if (!has(terms, words[m])) terms[words[m]] = true
      items.push([{
        location: doc[0],
        title: mark(doc[1], words),
        text: text,
        tags: [this.rules.types[this.types[hit.ref]] || "页面"],
        score: hit.score,
        terms: terms,
        ref: hit.ref
      }])
    }
    return { items: items, complete: complete }
  }

  /* --- worker protocol ------------------------------------------------------ */

  var ROUNDS = 40           /* most rounds of fetching chunks for one answer (each fetches at least one) */
  var PREFETCH = 4          /* chunks fetched at a time in the background */
  var PAINT_MS = 50         /* after an answer, before fetching the texts of its passages */
  var engine = null, loading = null, folder = null, retry = false   /* retry: the last load failed */
  var fetched = {}          /* chunk name -> Promise of its values */
  var latest = 0            /* the newest query: an older one still fetching is not answered */

  /* The JSON values of a file of the index (ronghe/build/search/publish.py, part_script):
     over http the text of the file, one value a line; in the iframe shim (file://) the same
     file loaded as a script. Resolves with the values. */
  function readPart(path, key) {
    var url = new URL("../../../search/" + path, here).href
    if (inIframe)
      return Promise.resolve(importScripts(url)).then(function () {
        var values = self.__rongheParts && self.__rongheParts[key]
        if (!values) throw new Error("no index file " + path)
        self.__rongheParts[key] = undefined
        return values
      })
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path)
      return r.text()
    }).then(function (text) {
      var lines = text.split("\n"), end = lines.lastIndexOf("]"), values = []
      lines = lines.slice(1, end < 0 ? lines.length : end)
      for (var n = 0; n < lines.length; n++)
        if (lines[n]) values.push(JSON.parse(lines[n].charAt(0) === "," ? lines[n].slice(1) : lines[n]))
      return values
    })
  }

  /* a chunk of the current index, fetched once */
  function fetchChunk(name) {
    if (!has(fetched, name))
      fetched[name] = readPart(folder + "/" + name + ".js", name).then(null, function (err) {
        delete fetched[name]
        throw err
      })
    return fetched[name]
  }

  /* The entry file (a script, from http and file:// alike): {format, folder}. Another
     format: the index was written for another worker (a stale cached page or worker);
     nothing of it is read. again: read past any cached copy (the index it named is gone). */
  function loadEntry(again) {
    var url = new URL("../../../search/ronghe_entry.js" + (again ? "?again=" + Date.now() : ""), here).href
    return Promise.resolve().then(function () { return importScripts(url) }).then(function () {
      var entry = self.__rongheEntry
      self.__rongheEntry = undefined
      if (!entry || entry.format !== FORMAT)
        throw new Error("index format " + (entry && entry.format) + ", worker reads " + FORMAT)
      return entry.folder
    })
  }

  /* The head of the index (ready); the chunks come with the queries that need them. */
  function load(again) {
    if (!loading) {
      loading = loadEntry(again || retry).then(function (name) {
        retry = false
        return readPart(name + "/head.js", "head").then(function (values) {
          var head = {}
          for (var v = 0; v < values.length; v++) for (var key in values[v]) head[key] = values[v][key]
          folder = name
          fetched = {}
          engine = new Engine(head)
        })
      }).then(null, function (err) {
        /* no index this worker can read: say so in the search box, never show wrong results;
           the next query tries again (the development server writes the index a moment after
           the pages, and a page opened in between would otherwise stay without search) */
        engine = null
        loading = null
        retry = true
        console.warn("ronghe search: index not loaded", err)
      })
    }
    return loading
  }

  /* Once ready, what ranking reads is fetched in the background, a few files at a time:
     the page chunks (titles, summaries, names of every candidate), then the term chunks;
     then a query fetches only the texts of the passages it shows (and of pages where a
     synonym phrase is looked for). A query typed before that fetches what it needs at once.
     When every such chunk is in, the worker says so (INDEX; Material ignores it). */
  function prefetchIndex() {
    var mine = engine, names = [], k, done = 0, next = 0
    if (!mine) return
    for (k = 0; k < Math.ceil(mine.n / mine.sizes.meta); k++) names.push("m" + k)
    for (k = 0; k < mine.vocab.firsts.length; k++) names.push("t" + k)
    function more() {
      if (engine !== mine) return
      if (asking > 0) return paused.push(more)    /* a query's own chunks go first */
      if (next >= names.length) {
        if (done === names.length) postMessage({ type: INDEX })
        return
      }
      var name = names[next++]
      fetchChunk(name).then(function (values) { mine.addChunk(name, values) }).then(null, function () {
        /* a query will say it, if it needs this chunk */
      }).then(function () {
        done++
        more()
      })
    }
    for (var c = 0; c < PREFETCH; c++) more()
  }

  /* while a query's ranking waits for its chunks (asking), the background fetch starts no
     new file: on two connections' worth of bandwidth the query's own files come first */
  var asking = 0, paused = []
  function aheadOfBackground(promise) {
    asking++
    function done() {
      if (--asking > 0) return
      var resume = paused
      paused = []
      for (var i = 0; i < resume.length; i++) resume[i]()
    }
    return promise.then(function (value) { done(); return value }, function (err) { done(); throw err })
  }

  /* Material's RESULT data with one item that facets.js shows as a message, not a result */
  function staleResult() {
    return { items: [[{ location: "", title: "搜索暂不可用", tags: [], score: 1, terms: {},
      text: '<span class="rh-note" hidden data-rh-note="' + STALE + '" data-rh-error="1"></span>' + STALE }]] }
  }

  /* Answer a query once the chunks it needs are in; a chunk that cannot be fetched (the
     site was updated under this page: its folder is gone) makes the worker read the entry
     file again and answer from the new index, once. */
  function answer(query, serial, retried) {
    /* (data.query: which query an answer is for; Material reads only items) */
    function reply(data) { data.query = query; postMessage({ type: RESULT, data: data }) }
    load().then(function () {
      if (serial !== latest) return
      if (!engine) return reply(staleResult())
      var current = engine
      return aheadOfBackground(current.settle(function (e) { return e.result(query, false) }, fetchChunk, ROUNDS)).then(function (data) {
        if (serial !== latest) return
        reply(data || { items: [] })
        if (!data || data.complete) return
        /* then the passages of the first results, from their pages' texts: the same results in
           the same order, each with the sentence that matched instead of its summary (fetched
           once the page has had time to paint the list: on two cores, fetching and parsing
           the texts at once delays the first paint) */
        setTimeout(function () {
          if (serial !== latest) return
          current.settle(function (e) { return e.result(query, true) }, fetchChunk, ROUNDS).then(function (full) {
            if (full && serial === latest) reply(full)
          }, function (err) { console.warn("ronghe search: passages not loaded", err) })
        }, PAINT_MS)
      }, function (err) {
        if (serial !== latest) return
        if (retried || current !== engine) throw err
        console.warn("ronghe search: index changed, reloading", err)
        loading = null
        load(true)
        answer(query, serial, true)
      })
    }).then(null, function (err) {
      console.warn("ronghe search: query failed", err)
      if (serial === latest) reply({ items: [] })
    })
  }

  self.RongheSearchEngine = Engine
  /* an engine with every chunk in, from the files' values by name (tests: head, t0, m0 ...) */
  Engine.fromFiles = function (files) {
    var head = {}
    for (var v = 0; v < files.head.length; v++) for (var key in files.head[v]) head[key] = files.head[v][key]
    var e = new Engine(head)
    for (var name in files) if (name !== "head") e.addChunk(name, files[name])
    return e
  }

  /* In a real worker, start loading at once (off the main thread). In the
     iframe shim (file://) wait for SETUP, which Material sends when search opens. */
  if (!inIframe) load()

  addEventListener("message", function (ev) {
    var message = ev.data
    if (message.type === SETUP) {
      load().then(function () {
        postMessage({ type: READY })
        if (engine) setTimeout(function () { engine.prepare(); prefetchIndex() }, 0)
      })
    } else if (message.type === QUERY) {
      answer(message.data, ++latest, false)
    }
  })
})()
