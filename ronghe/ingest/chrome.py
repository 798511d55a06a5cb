"""What copying a report from a web page leaves behind: site chrome, spam, info lines, HTML.

The patterns are a maintained list: every one has a name, the reason shown to the
editor, and examples of lines it must remove (and tests/ingest/test_chrome.py
holds lines of real article text it must keep). Add a pattern here when a new
kind of site leaves new junk, with its examples; never special-case one file.

Lines are matched on a normalised view (full-width letters and digits folded,
traditional characters simplified, spaces dropped), so ``來源：`` and ``来源:``
are the same. Cleaning applies these patterns to every line before anything
else reads the text: a removed line can never become a title, a heading or a draft.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Spam sentences that sites put inside an article's own paragraphs (removed as sentences).
SPAM_SENTENCE = re.compile(
    r"[^。！？\n]*(?:(?:下面|以下)(?:是|为)?(?:小编|本站|编辑|我们)(?:为大家|为您|给大家|精心)?(?:整理|收集|搜集|分享|推荐|带来)"
    r"|小编(?:为大家|为您|给大家)|希望(?:对|能对)(?:大家|您|你)(?:有所)?(?:帮助|启发)|欢迎(?:大家)?(?:阅读|参考|借鉴)(?:与|和)?(?:收藏|借鉴|参考)?[。！]"
    r"|仅供(?:大家)?参考[。！]|更多(?:相关|精彩)?(?:内容|范文|文章)[^。！？]{0,20}(?:请|敬请)(?:关注|访问|点击))[^。！？\n]*[。！？]?"
)


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern
    reason: str                     # shown to the editor (Chinese)
    max_len: int = 120              # longer lines are article text, not chrome
    sentence_ok: bool = False       # may end like a sentence (。！); other chrome never does
    examples: tuple[str, ...] = field(default=(), compare=False)


def _p(name: str, regex: str, reason: str, max_len: int = 120, examples: tuple[str, ...] = (),
       sentence_ok: bool = False) -> Pattern:
    return Pattern(name, re.compile(regex, re.I), reason, max_len, sentence_ok, examples)


# Order does not matter: a line goes when any pattern matches it.
PATTERNS: tuple[Pattern, ...] = (
    _p("html", r"^<!doctype|^<\?xml|^</?(?:html|head|body|meta|link|script|style|div|span)\b|^(?:var|function|document\.|window\.)\b"
       r"|^\}?\)?;?$|^[{}();]+$|^\{?[\w-]+\s*:\s*[^:]+;\s*\}?$|^&(?:nbsp|amp|lt|gt);",
       "HTML/脚本残留", examples=("<!DOCTYPE html>", "<html lang=\"zh-CN\">", "var _hmt = _hmt || [];",
                                 "document.write('<script>')", "});", "&nbsp;")),
    _p("buttons", r"^(?:[【\[][^】\]]{1,8}[】\]]\s*)+$", "页面按钮（【打印】【关闭】等）",
       examples=("【打印】【关闭】", "【下载本文】", "[收藏] [举报]")),
    _p("nav", r"您(?:现在)?的位置|当前位置[:：]|^位置[:：]|返回(?:栏目|列表|首页|顶部|目录)|^首页\s*[>›»/]|^网站首页|^(?:手机|电脑|移动)版"
       r"|^手机(?:访问|阅读|浏览)|^(?:登录|注册|登录\s*[|｜/]\s*注册)$|^(?:上|下)一(?:篇|页|章)|^【?字(?:体|号)[:：】]|^打印本页|关闭窗口"
       r"|举报此信息|进入.{0,20}微站|^[^，。；：>]{1,12}(?:\s*(?:>>?|›|»)\s*[^，。；：>]{1,12}){2,}$|^分享到|扫(?:一扫|码)(?:关注|下载|在手机|分享|阅读|查看|打开)|关注(?:我们的|本站)(?:微信)?公众号|^(?:微信|微博|QQ空间)(?:分享)?$",
       "网站栏目/导航文字", examples=("您的位置：首页 > 范文大全 > 调研报告", "当前位置：公文写作>>调研报告", "手机版",
                                  "返回顶部", "上一篇：关于加强机关作风建设的调研报告", "字号：大 中 小", "扫一扫在手机打开当前页",
                                  "登录 | 注册", "范文网 > 工作总结 > 正文")),
    _p("info", r"^(?:(?:来源|来自|出处|发布(?:时间|日期|者)|时间|日期|作者|编辑|责任编辑|点击|浏览|阅读|阅读量|浏览次数|点击数|访问量|人气|"
       r"字数|热度|更新时间|上传(?:时间|者)|栏目|分类)\s*[:：]?\s*\S*\s*){2,}$"
       r"|(?:点击|浏览|阅读)(?:数|量|次数)?\s*[:：]\s*\d+\s*次?|本文已影响\s*\d+\s*人|已有\s*\d+\s*人(?:阅读|浏览|下载)|^文章来源\s*[:：]|^(?:责任)?编辑\s*[:：]|^(?:发布|更新)(?:时间|日期)\s*[:：]"
       r"|^来源\s*[:：][^。；，]{0,30}(?:网|站|平台|文库|号|公众号|范文|文秘)\s*$",
       "网页信息行（来源、时间、点击等）", examples=("来源：公文范文网 时间：2021-03-02 点击：1234次", "发布时间：2022-05-01 浏览次数：89",
                                            "作者：佚名 来源：网络", "阅读：356次", "责任编辑：李明", "来源：某某文秘网",
                                            "文章来源：互联网整理 本文已影响 1862 人")),
    _p("wechat", r"^原创\s|发表于\S{0,8}$|点击(?:上方)?蓝字|关注我们$|^阅读原文$|长按(?:识别)?(?:二维码|图片)|识别二维码|"
       r"^(?:在看|点赞|赞赏|写留言|留言|分享|收藏)(?:\s*[|｜/]?\s*(?:在看|点赞|赞赏|写留言|留言|分享|收藏))*$|"
       r"^(?:文|图|文字|图片|排版|编辑|责编|审核|审校|校对|监制|出品|统筹|终审|二审|一审|初审)\s*[:：|丨]\s*\S{1,20}$",
       "公众号文字（关注提示、阅读原文、编辑审核署名等）",
       examples=("原创 某区组工 某区组工 2023-05-06 08:00 发表于湖南", "点击蓝字关注我们", "阅读原文",
                 "长按识别二维码关注我们", "审核：李某", "校对：王某", "在看 点赞 分享")),
    _p("recommend", r"^(?:推荐访问|推荐阅读|相关推荐|相关文章|相关阅读|相关范文|相关热词搜索|热门(?:文章|推荐|搜索)|猜你喜欢|延伸阅读|"
       r"最新(?:文章|范文|更新)|精选范文|热门标签|本文标签|标签|TAG|相关专题|你可能(?:还)?(?:感兴趣|喜欢))\s*[:：]?",
       "推荐/相关文章链接", examples=("推荐访问：调研报告范文 调研报告格式", "相关热词搜索：党建 调研报告", "猜你喜欢", "相关推荐")),
    _p("copyright", r"侵权.{0,10}(?:联系|告知).{0,6}删除|如有侵权|本文由(?:用户|网友|会员)?上传|版权(?:归|声明|所有)|免责声明|"
       r"转载请(?:注明|保留)|未经(?:许可|授权).{0,6}(?:转载|复制)|^Copyright|^©|ICP备|公网安备|^(?:主办|承办|协办)(?:单位)?\s*[:：]|网站标识码|^技术支持\s*[:：]|内容来自(?:用户|网友)分享|本站(?:所有|部分)?(?:文章|资源)",
       "上传/版权/侵权声明", max_len=160, sentence_ok=True,
       examples=("本文由用户上传，如有侵权请联系删除！", "Copyright © 2008-2023 范文网 版权所有", "京ICP备12345678号",
                 "主办单位：某区人民政府办公室　　网站标识码：1101050001",
                 "版权声明：本文内容由互联网用户自发贡献，该文观点仅代表作者本人。")),
    _p("download", r"VIP(?:专享|会员|免费|文档|下载)|^VIP|下载券|积分下载|(?:立即|免费|马上)下载|下载(?:文档|全文|本文|此文)|^(?:文档)?页数\s*[:：]?\s*\d+|(?:文件|文档)大小\s*[:：]|"
       r"^大小\s*[:：]\s*[\d.]+\s*[KMG]B|[\d.]+\s*[KMG]B\s*$|^共\s*\d+\s*页|^第\s*\d+\s*页|^\d+\s*/\s*\d+$|文档格式\s*[:：]|^格式\s*[:：]\s*(?:doc|docx|pdf|txt)"
       r"|(?:展开|查看)(?:阅读)?全文|点击(?:查看|阅读)(?:全文|更多)|^(?:收藏|举报|分享|评论|点赞)(?:\s*[|｜/]?\s*(?:收藏|举报|分享|评论|点赞))*$"
       r"|全文共\s*\d+\s*字|^(?:本文)?(?:约|共)\s*\d+\s*字",
       "文库下载/会员提示", examples=("VIP专享文档", "页数：12页", "文件大小：36KB", "立即下载", "展开阅读全文", "收藏 举报",
                                  "1/12", "下载文档到电脑，查找使用更方便", "全文共3456字"), sentence_ok=True),
    _p("spam", r"(?:下面|以下)(?:是|为)?(?:小编|本站|编辑)|小编(?:为大家|为您|给大家|精心|收集|整理)|希望(?:对|能对)(?:大家|您|你)(?:有所)?(?:帮助|启发)"
       r"|欢迎(?:大家)?(?:阅读|参考|借鉴|下载)|仅供(?:大家)?参考|感谢(?:您的)?(?:阅读|浏览|支持)|更多(?:相关|精彩)?(?:内容|范文|文章).{0,20}(?:请|敬请)?(?:关注|访问|点击)",
       "网站推广语", max_len=100, examples=("下面是小编为大家整理的调研报告范文，希望对大家有所帮助。", "欢迎阅读与收藏。", "仅供参考！",
                                       "更多相关范文请关注本站。"), sentence_ok=True),
)

_SEO_WORDS = ("无码", "精品", "久久", "日韩", "中文字幕", "亚洲", "欧美", "国产", "成人", "在线观看", "av",
              "彩票", "博彩", "娱乐城", "视频在线", "免费观看", "午夜", "一区二区", "高清")


def normalise(line: str, simplify) -> str:
    """The view patterns are matched on: NFKC (full-width folded), simplified, no spaces."""
    text = unicodedata.normalize("NFKC", line)
    return re.sub(r"\s+", " ", simplify(text)).strip()


def match(line: str) -> Pattern | None:
    """The pattern that marks *line* (already normalised) as chrome, or None."""
    if not line:
        return None
    if sum(w in line.lower() for w in _SEO_WORDS) >= 3:
        return SEO
    sentence = line.endswith(("。", "！", "？", ".", "!", "?"))
    for p in PATTERNS:
        if len(line) <= p.max_len and (p.sentence_ok or not sentence) and p.regex.search(line):
            return p
    return None


SEO = Pattern("seo", re.compile("$^"), "垃圾推广文字（SEO 关键词堆砌）", 10_000, True)


def breadcrumb_categories(line: str) -> list[str]:
    """Category names of a breadcrumb line (``首页 > 范文 > 调研报告`` -> ``["调研报告"]``)."""
    parts = [p.strip() for p in re.split(r"\s*(?:>>?|›|»)\s*", line) if p.strip()]
    return parts[-1:] if len(parts) > 1 else []


def strip_spam_sentences(line: str) -> tuple[str, list[str]]:
    """*line* without the site's spam sentences inside it, and the sentences removed."""
    removed = [m.group(0) for m in SPAM_SENTENCE.finditer(line) if m.group(0).strip()]
    if not removed:
        return line, []
    return SPAM_SENTENCE.sub("", line).strip(), removed
