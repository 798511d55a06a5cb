"""What a query says besides its subject: question frames (怎么办, 为什么,
是什么 ...), which are taken out of the query and tell what the reader wants,
and fillers (请问, 我们, 到底 ...), which are only taken out.

how -> countermeasures, cases and checklists first; why -> causes; why it is said
(为什么说, 如何理解) -> countermeasures and terms; what ->
glossary terms; a list asked for (清单, 单子, 有对照表没) -> checklists, the named role's
first; whether it may be done (能不能直接管业务) -> countermeasures; a complaint (a statement
with a negation: 书记只管业务不管党建) -> problems; whether it was done somewhere (有没有
先例) -> cases; an example asked for (案例, 例子) -> cases first (FIRST). A query that is
nothing but such a type-naming frame (案例, 典型案例) searches it as words; 怎么办 alone is no
query. The browser reads the same lists (published in the query
rules); both sides segment a query with frames and fillers as pieces of their
own, so a frame is only taken out where it does not belong to a longer word.
"""

from __future__ import annotations

# Frames, by intent. Longer and shorter forms are both listed: segmentation picks the longest.
FRAMES: dict[str, tuple[str, ...]] = {
    "how": (
        "怎么办", "怎么做", "怎么弄", "怎么整", "怎么搞", "怎么样才能", "怎样才能", "如何才能", "怎么才能",
        "咋办", "咋整", "咋弄", "咋搞", "咋做", "咋样", "咋", "如何", "怎样", "怎么样", "怎么",
        "有何办法", "有什么办法", "有啥办法", "什么办法", "啥办法", "有什么好办法", "有啥好办法",
        "怎么解决", "如何解决", "咋解决", "怎么处理", "如何处理", "咋处理", "怎么应对", "如何应对",
        "怎么改", "咋改", "怎么改进", "如何改进", "怎么破", "咋破", "怎么抓好", "怎样抓好",
        # how to tell or to read (怎么看出来谁干得好, 怎么看懂细则): not a judgement asked for (DIAGNOSE_PATTERN)
        "怎么看出", "咋看出", "怎么看出来", "咋看出来", "怎样看出", "怎么看清", "怎么看懂", "咋看懂",
    ),
    "why": (
        "为什么", "为啥", "为何", "咋回事", "怎么回事", "怎么会", "咋会", "咋就", "怎么就", "何以",
        "什么原因", "啥原因", "原因是什么", "原因是啥", "是什么原因", "是啥原因",
        "怎么造成", "是怎么造成的", "怎么造成的", "怎么导致", "怎么导致的", "什么导致", "啥导致", "是什么导致",
        "问题出在哪", "问题出在哪儿", "问题出在哪里", "出在哪", "出在哪儿", "出在哪里",
        # (根子在哪, 病根在哪: WHY_PATTERN reads 根子 and 病根; 症结 is a why-cue and may be an index word)
    ),
    # asking why a thing is said, how to read it (为什么说抓党建是最大政绩, 如何理解政治机关): the reasoning, which a
    # term or a countermeasure gives, not the cause of a problem ("rationale"; longer than the why-frame 为什么)
    "rationale": ("为什么说", "为啥说", "为何说", "凭什么说", "为什么讲", "为啥讲", "为何讲", "怎么理解", "如何理解", "怎样理解", "咋理解", "该怎么理解"),
    # asking what a described situation amounts to (这种情况怎么看待, 这算咋回事; and DIAGNOSE_PATTERN): the
    # problem it is an instance of. (算咋回事 is longer than the why-frame 咋回事, so it is what is taken.)
    "diagnose": ("怎么看待", "如何看待", "咋看待", "怎样看待",
                 "算咋回事", "算怎么回事", "算是咋回事", "算是怎么回事", "算怎么一回事", "算咋一回事"),
    # asking for an example: the cases (党建业务融合有什么好的案例); alone (案例) it is the query itself
    "case": ("案例", "典型案例", "好案例", "例子", "好例子", "的例子", "实例", "范例"),
    # asking for a list to go by (有对照表没, 有没有张表能照着干): the checklists, and the words are no subject
    # (not listed as 缺少); alone (对照表) it is the query itself. Other spoken requests: LIST_PATTERN
    "list": ("对照表", "对照清单", "一览表", "对着做", "照着做", "照着干", "照着抓", "对照着做", "对照着干", "对照着抓"),
    "what": (
        "是什么", "是啥", "什么是", "啥是", "什么叫", "啥叫", "何为", "何谓", "是指什么", "指什么",
        "指的是什么", "是什么意思", "什么意思", "啥意思", "是啥意思", "的意思", "是指", "含义", "的含义", "定义",
        "指啥", "指的啥", "具体指啥", "是个啥", "是个什么",
        # what a named way of working is (逐件销号是个啥做法): the term, not how to do it (做法 is a how-cue)
        "啥做法", "是啥做法", "是个啥做法", "是什么做法", "是个什么做法",
    ),
    # what it is called (这种做法叫啥, 这两样合起来怎么称呼), who is meant (是指谁): the terms, as for what; and
    # 做法 in 这种做法叫啥 is then what the question is about, not a how-cue (intent "name" comes before how)
    "name": (
        "叫啥", "叫做什么", "叫什么名字", "叫啥名", "叫啥名字", "称作什么", "称为什么", "怎么称呼", "咋称呼", "如何称呼",
        "是指谁", "指的是谁", "指谁",
        "叫法", "什么叫法", "啥叫法", "正式叫法",   # (not 怎么叫: 怎么叫党员都来 asks how)
        "叫什么",   # (这种做法叫什么; 什么叫 asks what a word means)
        # (党建是软的业务是硬的 啥说法, 副职既管业务又管党建的提法); not 说法 alone (这套说法里对我有啥要求)
        "啥说法", "什么说法", "啥提法", "什么提法", "的提法", "这个提法", "称谓", "的称谓", "专门称谓",
    ),
}
# A how-word followed in the same clause by an adverb of "always / already / still" asks why, not how
# (党建考核怎么总是走过场, 咋到下面就越来越虚了, 怎么还是两张皮), unless the how-word is part of a
# how-frame (怎么办, 怎么才能, 咋整 ...). A regular expression both sides apply to the folded query.
# 老 and 总 count only as 老是 / 总是 (老百姓, 老党员, 总结, 总体 are words of their own), 就 and 还 not
# in 就近, 就业, 成就, 造就, 还原. 怎么让 / 怎么把 / 咋跟 ... start a how-question (怎么让党员一直发挥作用).
# 该怎么…还怎么… says that nothing changed (学了理论 办案该咋个还是咋个): a complaint, not a why-question.
# Spaces are written out (not \s, which Python and JavaScript read differently); the browser compiles
# the pattern with the u flag, so that a character outside the BMP counts once, as in Python.
WHY_PATTERN = (r"(?<!该)(?:怎么|咋)(?!办|做|弄|整|搞|干|才|样|解决|处理|应对|改|破|抓|让|使|把|将|给|用|跟|和|与|对|在|能|可以)"
               r"[^，。,.!?！？；;、 \t\r\n]{0,8}?"
               r"(?:(?<![成造迁将])就(?![近业职任])|总是|老是|总也|老也|一直|越来越|始终|偏偏|反而|还(?![原款]))"
               # the root of it (根子到底在哪, 病根在哪儿); not 从根子上 (how to solve it at the root), 命根子
               r"|(?<![从命])根子(?!上)|病根")
# Words that stay in the query but also say what the reader wants.
CUES: dict[str, tuple[str, ...]] = {
    "why": ("原因", "根源", "症结", "根本原因"),
    "how": ("办法", "对策", "措施", "举措", "做法"),
}
# Words by which a query that names a role asks for the role's duties (支部书记工作清单, 我这个位置要担
# 什么责任, 一年到头该抓哪几件事): its level page and checklist answer it. A query that names a role and
# asks about something else (一把手压根不过问党建，全甩给机关党委) wants the entry on that: the role's
# pages count less there (query.WEIGHTS["rolePassing"]). Looked for in the query as typed (folded), since
# fillers (哪些, 该 ...) are taken out of its words.
DUTY_CUES: tuple[str, ...] = (
    "清单", "单子", "职责", "责任", "要求", "分工", "任务", "哪些事", "哪几件事", "哪些活", "干哪些", "做哪些",
    "抓哪些", "干什么", "做什么", "干啥", "做啥", "该干", "该做", "该抓",
    "什么责", "啥责", "哪些责",   # (要负什么责, 担啥责)
)
# Query words by which the reader asks for a list of duties (有没有现成的清单, 有现成的单子吗): checklists.
# Whole words only: 责任清单 is the countermeasure's subject, not a request for a checklist.
LIST_WORDS: tuple[str, ...] = ("清单", "单子", "工作清单")
# A statement with no question in it that holds a negation, a limiting adverb or a word of doing it for
# show describes a problem (书记只管业务不管党建, 党建考核光看资料, 一把手压根不过问党建, 党建糊弄过去就得了):
# "complaint", problems weigh more. A question for a piece of information (什么, 哪, 谁, 多少) is none,
# nor a query of one word.
# Marks as whole strings: 全 and 总 alone are parts of words (全面, 安全, 总书记, 党总支), 非 of 非常.
COMPLAINT_MARKS: tuple[str, ...] = ("不", "没", "未", "无", "光", "只", "老是", "总是", "全是", "全都", "全靠",
                                    "全推", "全甩", "老不", "总不",
                                    # reducing it to something (支部开会就是布置业务工作), doing it for show
                                    # or putting it off (糊弄过去, 应付, 一拖再拖, 党建先砍掉)
                                    "就是", "糊弄", "凑合", "应付", "敷衍", "一推再推", "一拖再拖", "砍掉")
# Words that hold a mark and negate nothing (机关党建要不断创新, 未来三年): taken out before the marks are
# looked for. (Not 只有: 只有五个党员 is a complaint; not 不管, 不同: 实际上不管, 领导不同意.)
NOT_MARKS: tuple[str, ...] = ("不断", "不仅", "不但", "不光是", "不少", "不论", "无论", "未来", "只要", "不得不")
# An A-not-A question (能不能, 是不是, 有没有 ...) asks, it does not complain (机关党组织能不能直接领导业务) --
# unless its first character ends a word of the query: 职能不能发挥, 执行不行, 开会不会开 complain.
QUESTION_MARKS: tuple[str, ...] = ("能不能", "是不是", "有没有", "可不可以", "会不会", "要不要", "该不该", "算不算",
                                   "行不行", "对不对", "好不好")
# Whether something may or should be done (机关党组织能不能直接领导业务, 活动室跟会商室能不能合着用, 要不要单设支部):
# the countermeasure that says what to do answers it ("whether"). Not where the mark's first character ends a word
# of the query (职能不能发挥: a complaint), as for QUESTION_MARKS; not 是不是 (why or what kind), 有没有 (precedent, list).
WHETHER_MARKS: tuple[str, ...] = ("能不能", "可不可以", "行不行", "要不要", "该不该", "能否", "可否")
INFORMATION_WORDS: tuple[str, ...] = ("什么", "哪", "谁", "多少")
# A question whether it has been done somewhere asks for an example, as 案例 does, in other words
# (有没有先例, 哪个地方做过, 别的地方是怎么搞的, 有没有地方这么干过): cases weigh more ("precedent";
# not FIRST, since such a question may name a countermeasure too). Applied to the folded query.
# (Not 哪些地方, "which points"; not 其他市直单位; not 没这样搞过, which tells what was never done.)
PRECEDENT_PATTERN = (r"先例|借鉴|(?:有没有|哪个|哪里|别的|其他|其它|外地)(?:地方|地区|省|市|县|区)(?![直委属场里])"
                     r"|(?:哪里|哪儿|地方|别人)[^，。,.!?！？；;]{0,10}(?:做过|干过|试过|搞过|做成|搞成|干成|成功)"
                     # a way that worked somewhere (哪里有成功做法, 有没有现成的经验): not 经验 alone (凭经验办事)
                     r"|成功(?:的)?(?:做法|经验|例子|先例)|(?:好的|现成的?|成熟的?)经验"
                     r"|(?<![没未])(?:这么|这样)(?:干|做|搞)过")
# What kind of problem a situation is, asked in words (属于哪种问题, 算什么问题, 这正常吗, 这种考核靠谱吗,
# 这种情况该怎么看): the problem. Not 是什么问题 alone (两张皮是什么问题 asks what a term means), not 预算什么
# (预算什么情况下能调剂), not 普遍不高 (a statement), not 怎么看 inside a clause (考核怎么看实绩: how).
# 正常, 靠谱 ... stay query words (组织生活不正常 is what a problem says). Spaces may stand between the words.
_END = r"(?=$|[，。,.!?！？；;、 \t\r\n])"
DIAGNOSE_PATTERN = (r"(?:属于|算|算是|归于|是) ?(?:个|一个)? ?(?:哪种|哪类|哪一类|哪一种|哪方面|哪个方面|哪一方面) ?(?:的)?"
                    r" ?(?:问题|情况|毛病)"
                    r"|(?:属于|(?<![预核打测计结清总估盘])算|算是) ?(?:个|一个)? ?(?:什么|啥)(?:样)?(?:的)? ?(?:问题|情况|毛病)"
                    r"|(?:正常|靠谱|合理|普遍|对劲)(?:吗|么|不" + _END + r")"
                    r"|(正常|靠谱|合理|普遍)不\1|是不是(?:很|挺)?(?:普遍|正常|合理)"
                    r"|(?:怎么|咋|如何|怎样)看" + _END)
# A list asked for in spoken words (有对照表没, 有没有个表对着做, 整理一份逐项对照的要点, 按季度排开, 列个明细): the
# checklists, as 清单 and 单子 ask (LIST_WORDS). Not 一张表 alone (党建和业务放进一张表里安排: how to plan),
# not 对照检查 (a term), not 对着干 (to oppose).
LIST_PATTERN = (r"对照表|对照清单|一览表|(?:逐项|逐条|一项项|一条条)(?:对照|对着|列|排)"
                r"|(?:照着|对照着)(?:做|干|抓|查|办)|对着(?:做|抓|查|办)|有(?:没有)?(?:个|张|份)(?:单子|表)"
                r"|一份[^，。,.!?！？；;]{0,16}(?:要点|事项|要办的事|该办的事|该干的事|清单|表)"
                r"|(?:按季度|按月|逐月|按时间)(?:排|列)"
                # a detailed list, the set tasks, what to do in the year (列个明细, 要完成哪些规定动作, 平常该干哪些活),
                # which things to start from (该从哪些事抓起)
                r"|从(?:哪些|哪几)件?(?:事|活|工作)(?:抓起|做起|入手|干起)"
                r"|明细|规定动作|(?:一年到头|全年|一年|一整年|年初到年底|平常|平时)[^，。,.!?！？；;]{0,8}(?:(?:哪些|哪几)件?(?:事|活|工作)|(?:都|该|得|要)(?:干|做|抓)些?(?:啥|什么|哪些))")
# How to draw a list up (这个单子具体该怎么列, 清单咋写): a how-question about making one, answered by the
# countermeasure on drawing one up; with this, a list word or LIST_PATTERN does not ask for a checklist.
MAKE_LIST_PATTERN = r"(?:怎么|咋|如何|怎样)(?:才能)?(?:列|写|定|制定|拟|编|编制|起草|设计)"
# A query that ends in "that kind of practice / body / duty" describes a thing to be named (同一级党组织之间
# 你查我、我评你的那种做法, 机关党委专职副书记担的那份责任): the term, as when its name is asked for.
NAME_PATTERN = (r"(?:那种|那个|那份|那类|这种)(?:做法|制度|会|会议|责任|机构|说法|提法)(?=[ \t\r\n，。,.!?！？；;]*$)"
                # ... or in "what it is called" (各唱各的戏 这种现象的说法); not 说法 inside (这套说法里对我有啥要求)
                r"|的(?:说法|叫法|称呼)(?=[ \t\r\n，。,.!?！？；;]*$)")
# Intents read from the folded query as typed, by a regular expression (both sides compile them).
PATTERNS: dict[str, str] = {"why": WHY_PATTERN, "precedent": PRECEDENT_PATTERN, "diagnose": DIAGNOSE_PATTERN,
                            "list": LIST_PATTERN, "name": NAME_PATTERN}
# When a query has signs of several intents, the first of these wins.
# (diagnose before how: 这种情况该怎么看 holds the how-frame 怎么; its pattern is strict enough that a how-question
# with 普遍不高 or 怎么看出 is none)
INTENT_ORDER = ("case", "list", "rationale", "why", "diagnose", "precedent", "name", "how", "whether", "what", "complaint")   # (有没有好做法或案例: the reader named the type)
# Score factors by intent and result type.
INTENT_BOOSTS: dict[str, dict[str, float]] = {
    # a definition seldom says how; nor does a cause (why it happens) or a topic page for a training session,
    # though they may hold the reader's own words (党建责任层层递减怎么办: the cause says 层层递减)
    "how": {"countermeasure": 1.8, "case": 1.3, "checklist": 1.3, "term": 0.7, "cause": 0.5, "topic": 0.7},
    "why": {"cause": 2.8},
    "rationale": {"countermeasure": 1.8, "term": 1.4, "cause": 0.6},
    "what": {"term": 1.8},
    "name": {"term": 2.4},
    "list": {"checklist": 2.5},
    "complaint": {"problem": 1.8},
    "diagnose": {"problem": 1.8},
    "precedent": {"case": 2.0},
    "whether": {"countermeasure": 1.8, "level": 0.7, "term": 0.7},   # (as for how: a definition or a role's page seldom says whether)
}
# Intents that name a type: its pages come first (those that match, best first), then the rest. A reader
# who asks for 案例 wants cases, even when a countermeasure's title holds more of the query's words.
FIRST: dict[str, str] = {"case": "case"}
# Intents whose frames name a type of page: a query of nothing but such frames (案例, 对照表) searches them as
# words (怎么办 alone stays no query).
NAMING: tuple[str, ...] = ("case", "list")
# Spoken filler phrases: taken out, no intent. (Single function characters are the stop
# characters of ``segment.STOP_CHARS`` plus ``FILLER_CHARS``.)
FILLERS: tuple[str, ...] = (
    "请问", "关于", "应该", "应当", "需要", "有哪些", "哪些", "有什么", "什么", "我们", "咱们", "他们", "大家",
    "自己", "一下", "一个", "到底", "究竟", "老是", "总是", "就是", "还是", "能不能", "可不可以", "可以", "有没有",
    "要不要", "该不该", "能否", "可否",   # (not 行不行: 执行不行 would lose 执行)
    "是不是", "这个", "那个", "这些", "那些", "一些", "有的", "有些", "比较", "特别", "非常", "以后", "之后",
    "时候", "的时候", "出来", "东西", "经常", "一直", "已经", "这样", "那样", "这种", "那种", "这么", "那么",
    "怎么这么", "咋这么", "单位里",
    # how well something is done (活干得咋样没人管): a complement, not a how-question
    "得怎么样", "得咋样", "得好不好",
    "来着", "在哪", "在哪儿", "在哪里",
    "哪里", "哪儿",   # (有没有哪里这么干过: PRECEDENT_PATTERN reads the question; the word is no subject)
    # spoken adverbs of manner that say nothing of the subject (一股脑儿推给: not 一股 + 脑儿 as words)
    "一股脑", "一股脑儿", "一古脑", "一古脑儿", "一下子", "一口气", "三下五除二",
)
# Single characters that, between words, are almost always function words (会 as in 会层层递减).
FILLER_CHARS = "啥呀嘛哦哈呗啦喽会要能该还又才很太挺更最再让给"


def intent_rules() -> dict:
    """The lists above as the browser receives them."""
    return {"frames": {k: list(v) for k, v in FRAMES.items()}, "cues": {k: list(v) for k, v in CUES.items()},
            "order": list(INTENT_ORDER), "boosts": INTENT_BOOSTS, "first": FIRST, "naming": list(NAMING), "fillers": list(FILLERS),
            "fillerChars": FILLER_CHARS, "duty": list(DUTY_CUES), "patterns": PATTERNS,
            "listWords": list(LIST_WORDS), "complaintMarks": list(COMPLAINT_MARKS),
            "notMarks": list(NOT_MARKS), "questionMarks": list(QUESTION_MARKS), "whetherMarks": list(WHETHER_MARKS),
            "makeList": MAKE_LIST_PATTERN,
            "informationWords": list(INFORMATION_WORDS)}
