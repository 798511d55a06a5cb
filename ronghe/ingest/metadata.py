"""Document metadata from the lines where reports put it: title, author, publication, date.

Reports put these in a few places: a byline under the title (``某市税务局党委课题组``,
``作者：张明``, ``文/李华``, ``张明 李华`` with an affiliation line in brackets), a
site's info line (``来源：…  时间：…``), a journal line (``《机关党建研究》2021年第3期``)
and a sign-off after the text (``某区人民法院机关党委  2023年5月``). These helpers
recognise such lines; cleaning decides where to look (the header before the first
paragraph of text, the last lines of the document).
"""

from __future__ import annotations

import re

_CN_NUM = "一二三四五六七八九十"

# a title copied from a page listing several model texts: "第一篇：", "篇一：", "范文一："
TITLE_PREFIX = re.compile(rf"^(?:第[{_CN_NUM}\d]{{1,3}}篇|篇[{_CN_NUM}\d]{{1,3}}|范文[{_CN_NUM}\d]{{1,3}}|【范文】)\s*[:：、.]?\s*")

DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?")
YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\d)")
_DATE_ANY = re.compile(r"[（(]?\s*\d{4}\s*(?:[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{1,2})?|年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)\s*[）)]?"
                       r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")

# academic front matter: stays in the text, never an entry, never a title
FRONT_MATTER = re.compile(r"^[【\[]?\s*(?:摘\s*要|内容提要|提\s*要|关\s*键\s*词|主题词|abstract|key\s*words?|作者简介|基金项目|收稿日期)"
                          r"\s*[】\]]?\s*[:：]?", re.I)
# an editor's note before a reposted article: stays in the text, never an entry, never a title
EDITOR_NOTE = re.compile(r"^[【\[]?\s*编者按\s*[】\]]?\s*[:：]?")
# journal typesetting lines: removed
JOURNAL_LINE = re.compile(r"^(?:中图分类号|文献标识码|文献标志码|文章编号|DOI)\s*[:：]", re.I)

_LABEL = r"(?:作\s*者|文|执笔人?|撰\s*稿人?|课题组(?:成员|负责人)?|课题负责人|调研组(?:成员)?|供稿|供稿单位|报送单位|作者单位|单位)"
_BYLINE_LABEL = re.compile(rf"^[（(]?\s*{_LABEL}\s*[:：/／|]\s*(.+?)\s*[）)]?$")
_ORG_SUFFIX = ("联合课题组", "调研课题组", "课题组", "调研组", "研究组", "写作组", "机关党委", "党总支", "党支部",
               "党委", "党组", "工委", "委员会", "办公室", "研究室", "组织部", "宣传部", "政治部", "研究中心", "研究院",
               "理论学习中心组", "党建办", "机关党办")
_NOT_AUTHOR = ("佚名", "网络", "未知", "admin", "本站", "网友", "匿名", "转载", "原创")
_NAME = r"[\u4e00-\u9fff]{2,4}(?:\d{1,2}|[¹²³⁴⁵*])?"
# two-to-four-character lines under a title that are not names
_NOT_NAMES = re.compile(r"^(?:目\s*录|目\s*次|摘\s*要|前\s*言|引\s*言|导\s*言|序\s*言|说\s*明|附\s*件|正\s*文|概\s*述|"
                        r"提\s*要|内容提要|编者按|按\s*语)$")
# a speaker's line under a speech's title: 局党组书记、局长  李明
_POSITION = (r"(?:书记|局长|主任|部长|厅长|院长|校长|董事长|总经理|主席|秘书长|处长|区长|县长|市长|省长|镇长|行长|"
             r"检察长|组长|委员|会长|社长|总编辑)")
_SPEAKER = re.compile(rf"^([\u4e00-\u9fff]{{0,20}}{_POSITION}(?:、[\u4e00-\u9fff]{{0,12}}{_POSITION}){{0,3}})\s*([\u4e00-\u9fff]{{2,3}})$")
_NAMES = re.compile(rf"^{_NAME}(?:\s*[，,、\s]\s*{_NAME}){{0,5}}$")
_PUBLICATION = re.compile(r"(?:原载|刊载|刊发|刊于|载于|选自|摘自|转自|来源|出处)?\s*[:：于]?\s*(《[^》]{2,30}》\s*(?:\d{4}\s*年\s*)?(?:第\s*\d+\s*期)?[^，。；]{0,10})")


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _arabic_date(text: str) -> str:
    """``二〇二三年五月十八日`` -> ``2023年5月18日`` (years digit by digit, months and days as numbers)."""
    def year(m: re.Match) -> str:
        return m.group(0).translate(_CN_DIGITS)

    def number(m: re.Match) -> str:
        t = m.group(1)
        if t == "十":
            n = 10
        elif t.startswith("十"):
            n = 10 + int(t[1:].translate(_CN_DIGITS))
        elif t.endswith("十"):
            n = int(t[:-1].translate(_CN_DIGITS)) * 10
        elif "十" in t:
            a, b = t.split("十")
            n = int(a.translate(_CN_DIGITS)) * 10 + int(b.translate(_CN_DIGITS))
        else:
            n = int(t.translate(_CN_DIGITS))
        return f"{n}{m.group(2)}"

    text = re.sub(r"[〇○零一二三四五六七八九]{4}(?=\s*年)", year, text)
    return re.sub(r"(?<=[年月])\s*([一二三四五六七八九十]{1,3})\s*([月日])", number, text)


def iso_date(text: str) -> str | None:
    """The first date in *text* as YYYY-MM-DD or YYYY-MM (Chinese numerals too)."""
    text = _arabic_date(text)
    m = DATE.search(text)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = YEAR_MONTH.search(text)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


def strip_date(text: str) -> str:
    return _DATE_ANY.sub(" ", text).strip(" ，,")


def _sentence_like(line: str) -> bool:
    return bool(re.search(r"[。；！？]", line)) or line.count("，") > 1


def org_name(line: str) -> bool:
    """A unit or group as author: ``某市税务局机关党委课题组``."""
    core = strip_date(line).strip("（）() ")
    return (4 <= len(core) <= 40 and core.endswith(_ORG_SUFFIX) and not _sentence_like(core)
            and not re.search(r"[“”《》：:]", core))


def byline(line: str, after_title: bool = True) -> dict | None:
    """``{"author": …, "date": …}`` when *line* is a byline, else None.

    *after_title*: names without a label (``张明 李华``) count only right under a title.
    """
    line = line.strip()
    if not line or len(line) > 60 or FRONT_MATTER.match(line):
        return None
    m = _BYLINE_LABEL.match(line)
    if m:
        author = strip_date(m.group(1))
        author = re.split(r"\s{2,}|\s+(?=(?:来源|时间|日期|发布)[:：])", author)[0].strip()
        if author and not any(w in author for w in _NOT_AUTHOR) and not _sentence_like(author):
            return {"author": _join_names(author), "date": iso_date(line)}
        return None
    if org_name(line):
        return {"author": strip_date(line).strip("（）() "), "date": iso_date(line)}
    m = _SPEAKER.match(strip_date(line))   # a position ending in 书记/局长… then a name: anywhere in the header
    if m:
        return {"author": f"{m.group(1)} {m.group(2)}", "date": iso_date(line)}
    core = strip_date(line)
    if after_title and _NAMES.match(core) and not org_name(core) and not _NOT_NAMES.match(core):
        return {"author": _join_names(core), "date": iso_date(line)}
    return None


def _join_names(text: str) -> str:
    """``张明1，李华2`` -> ``张明、李华``; a unit keeps its spaces removed."""
    parts = [re.sub(r"(?:\d{1,2}|[¹²³⁴⁵*])$", "", p) for p in re.split(r"\s*[，,、]\s*|\s+", text.strip()) if p]
    if all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p) for p in parts) and len(parts) > 1:
        return "、".join(parts)
    return "".join(parts) if all(re.fullmatch(r"[\u4e00-\u9fff]+", p) for p in parts) else text.strip()


def affiliation(line: str) -> str | None:
    """The unit of an affiliation line in brackets: ``（某大学党委组织部，江苏南京 210000）``."""
    m = re.fullmatch(r"[（(]\s*(?:\d\.\s*)?([^（）()]{3,60}?)\s*[）)]", line.strip())
    if not m:
        return None
    unit = re.split(r"[，,；;]", m.group(1))[0].strip()
    unit = re.sub(r"\s*\d{6}$", "", unit).strip()
    return unit if 3 <= len(unit) <= 30 and not _sentence_like(unit) else None


def date_line(line: str) -> str | None:
    """The date when *line* is only a date (``2021年6月``, ``（2023年5月18日）``, ``二〇二三年五月``)."""
    core = _arabic_date(line.strip())
    if _DATE_ANY.fullmatch(core):
        return iso_date(core)
    return None


def publication(line: str) -> str | None:
    """A journal or newspaper issue (``《机关党建研究》2021年第3期``) when *line* names only that."""
    core = line.strip().strip("（）()")
    if len(core) > 50 or _sentence_like(core):
        return None
    m = _PUBLICATION.fullmatch(core)
    if m and ("期" in core or re.search(r"原载|刊|载于|选自|摘自|来源|出处", core)):
        return m.group(1).strip()
    return None


def info_fields(line: str) -> dict:
    """Fields of a site's info line: ``来源：某网 时间：2021-03-02 作者：张三 点击：12次``."""
    out: dict = {}
    d = iso_date(line)
    if d:
        out["date"] = d
    for key, label in (("publisher", "来源"), ("author", "作者")):
        mm = re.search(rf"{label}\s*[:：]\s*(.+?)(?=\s|来源|作者|阅读|编辑|时间|日期|点击|浏览|$)", line)
        if mm and not any(w in mm.group(1) for w in _NOT_AUTHOR):
            out[key] = mm.group(1)
    return out
