namespace Minxin.Importer.Reading;

/// <summary>
/// Names for figures: the words around a number with the verbs and function words taken off, so that
/// "新增婴幼儿托位460个" names 婴幼儿托位 and "累计培训2899人次" names 培训.
/// </summary>
internal static class Names
{
    /// <summary>A list number, a period or an as-of date the words open with ("1.临时救助金", "1-8月累计发放", "截至9月底完成"): not part of a name.</summary>
    private static readonly System.Text.RegularExpressions.Regex Opening = new(
        @"^(?:\d{1,2}\s*[.、）)]|[（(]\d{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]是|(?:\d{4}\s*年)?\d{1,2}\s*月?\s*[—–\-~至到]+\s*\d{1,2}\s*月份?"
        + @"|截[至止]\s*(?:目前|\d{4}\s*年)?\s*(?:\d{1,2}\s*月\s*(?:底|末|份|\d{1,2}\s*[日号])?)?)\s*[，,]?\s*",
        System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // Function words carry no name and always go; longest first.
    private static readonly string[] FunctionWords =
    [
        "前三季度", "今年以来", "年初以来", "年度目标", "全年目标", "目标任务", "全年任务", "年度任务", "截至目前", "一季度", "二季度", "三季度", "四季度", "上半年", "已累计", "累计", "共计", "合计", "总计", "目前",
        "现已", "已经", "其中", "全年", "今年", "本年", "应完成", "计划", "目标", "任务", "下达", "实际", "为", "对", "向", "给", "和",
        "及", "与", "并", "、", "已", "共", "达", "约",
    ];

    // Verbs go only when a name is left after them: "累计培训" names 培训. Longest first: 组织开展 before 开展.
    private static readonly string[] Verbs =
    [
        "组织开展", "成功举办", "累计推动", "新增", "新建", "新设", "建成", "完成", "开展", "发放", "打造", "实施", "推动", "举办", "提供", "组织",
        "惠及", "覆盖", "服务", "确定", "深入", "检查", "查处", "扣押", "没收", "清理", "制定", "受理", "审核", "慰问", "帮助", "帮扶", "救助",
        "安装", "更换", "改造", "提升", "建设", "配备", "实现", "达到", "培训", "落实", "投入", "完善", "增设", "创建", "开设",
        "升级改造", "改扩建", "改建", "扩建", "新开", "新辟", "整治", "打通", "配送", "推进",
    ];

    // "为全区中小学配备图书": after 为/向/对/给 comes who benefits, then the verb, then the thing counted.
    private static readonly string[] Beneficiary = ["为", "向", "对", "给"];

    // Verbs a figure's words can consist of alone ("已完工5条", "已建成8个"): they count the item's own thing as done.
    private static readonly string[] DoneVerbs =
        ["完成", "完工", "建成", "竣工", "投用", "建成投用", "建成开放", "开放", "投入使用", "新增", "新建", "改造", "完成改造", "整治", "完成整治", "开通", "打通", "新开", "交付"];

    // Words after a noun that say what is done with it: 公园绿地建设, 公共厕所新建改建. Not 开工: begun is not done.
    private static readonly string[] TrailingVerbs = ["新建改建", "新建改造", "建设", "新建", "改建", "工作", "任务"];

    /// <summary>Verbs between a name and its figure: "体检率达到70%", "覆盖率保持100%".</summary>
    public static readonly string[] VerbsBeforeFigure = ["已达到", "达到", "已达", "已超", "超过", "接近", "保持在", "保持", "稳定在", "提高到", "提升到", "提升至", "提高至", "达", "为", "超"];

    /// <summary>Where a name after a number stops: at a verb or a particle.</summary>
    private static readonly string[] AfterStops =
        ["进行", "完成", "提供", "发放", "开展", "实现", "达到", "投保", "参加", "签订", "办理", "享受", "接受", "建设", "正在", "开始", "启动", "全部", "投入", "已", "均", "都", "的", "并", "和", "及", "与", "等", "，", "、", "；", "。", "：", "（", "("];

    private static readonly string[] ChangeWords = ["同比下降", "同比增长", "同比上升", "下降", "上升", "增长", "提高", "降低", "减少", "增加"];

    public static string Strip(string words)
    {
        var name = Opening.Replace(words.Trim(), "");
        if (name.StartsWith('在'))
        {
            // 在有关街镇更新和新建…, 在居民小区开展…: the place, then the thing.
            var place = name.IndexOfAny(['镇', '区', '村', '县']);
            if (place > 0 && place < 8 && name.Length - place > 3)
            {
                name = name[(place + 1)..];
            }
        }
        var beneficiary = false;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var word in FunctionWords)
            {
                if (name.StartsWith(word, StringComparison.Ordinal))
                {
                    beneficiary |= Beneficiary.Contains(word);
                    name = name[word.Length..].TrimStart();
                    changed = true;
                    break;
                }
            }
            foreach (var word in Verbs)
            {
                if (!changed && name.StartsWith(word, StringComparison.Ordinal) && name.Length - word.Length >= 2)
                {
                    name = WithoutLeadingNote(name[word.Length..].TrimStart());
                    changed = true;
                    break;
                }
            }
        }
        if (beneficiary)
        {
            name = AfterBeneficiary(name);
        }
        // "半程马拉松等全民健身赛事活动": the examples before 等 are not the name.
        var et = name.LastIndexOf('等');
        if (et > 0 && name.Length - et > 2)
        {
            name = name[(et + 1)..];
        }
        return name.Trim('，', '、', '；', '：', ' ');
    }

    /// <summary>"（改扩建）中小学" names 中小学: a bracketed note after the verb is not the name.</summary>
    private static string WithoutLeadingNote(string name)
    {
        if (name.Length > 0 && name[0] is '（' or '(')
        {
            var close = name.IndexOfAny(['）', ')']);
            if (close is > 0 and <= 8 && name.Length - close > 2)
            {
                return name[(close + 1)..].TrimStart();
            }
        }
        return name;
    }

    /// <summary>"为全区中小学配备图书" names 图书: what is given, not to whom.</summary>
    private static string AfterBeneficiary(string name)
    {
        foreach (var verb in Verbs)
        {
            var at = name.IndexOf(verb, StringComparison.Ordinal);
            if (at > 0 && name.Length - at - verb.Length >= 2)
            {
                return name[(at + verb.Length)..];
            }
        }
        return name;
    }

    /// <summary>"商铺租用率达", "体检率达到" name 商铺租用率, 体检率: the verb before a figure is not part of its name.</summary>
    public static string WithoutVerbBeforeFigure(string name)
    {
        foreach (var word in VerbsBeforeFigure)
        {
            if (name.EndsWith(word, StringComparison.Ordinal) && name.Length > word.Length + 1)
            {
                return name[..^word.Length];
            }
        }
        return name;
    }

    /// <summary>The noun right after a figure: "名持证残疾人完成…" gives 持证残疾人.</summary>
    public static string After(string text, int start, int end)
    {
        var limit = Math.Min(end, start + 24);
        var stop = limit;
        foreach (var word in AfterStops)
        {
            var at = text.IndexOf(word, start, limit - start, StringComparison.Ordinal);
            if (at >= 0 && at < stop)
            {
                stop = at;
            }
        }
        for (var i = start; i < stop; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                stop = i;
                break;
            }
        }
        return text[start..stop].Trim();
    }

    /// <summary>The name, or for a figure the text gave no name, one that says what it counts.</summary>
    public static string Or(string name, string unit) => name.Length > 0 ? name : unit == "%" ? "比例" : "数量（" + unit + "）";

    public static bool IsChange(string name) => ChangeWords.Any(w => name == w || name.EndsWith(w, StringComparison.Ordinal) && name.Length <= w.Length + 1);

    /// <summary>"已完工5条": words that only say the item's own thing was done, naming nothing else.</summary>
    public static bool IsDoneVerb(string name) => DoneVerbs.Contains(name);

    /// <summary>"已开工10个": words that say only that so many were begun.</summary>
    public static bool IsStartVerb(string name) => name is "开工" or "动工" or "启动" or "进场" or "开始" or "签约" or "招标" or "开工建设";

    /// <summary>A name that is no name: nothing, or only a verb ("完成", "改造", "培训").</summary>
    public static bool IsVerb(string name) => name.Length == 0 || DoneVerbs.Contains(name) || Verbs.Contains(name);

    /// <summary>"其余3条正在施工", "剩余2家正在装修", "二是另1家正在招标": the part not yet done, not progress.</summary>
    public static bool IsRemainder(string before) => Opening.Replace(before.Trim(), "") is "其余" or "剩余" or "剩下" or "尚余" or "另有" or "另" or "还有";

    /// <summary>
    /// How many characters two names share at their ends: the head noun of a Chinese phrase is at its end. Brackets
    /// ("口袋公园（小游园）") and the verbs after a noun ("公园绿地建设") are left out of the comparison.
    /// </summary>
    public static (int Shared, int Shorter) CommonEnd(string a, string b)
    {
        var (x, y) = (Head(a), Head(b));
        return (SharedEnd(x, y), Math.Min(x.Length, y.Length));
    }

    private static string Head(string name)
    {
        var open = name.IndexOfAny(['（', '(']);
        if (open > 0 && name.EndsWith('）') || open > 0 && name.EndsWith(')'))
        {
            name = name[..open];
        }
        foreach (var verb in TrailingVerbs)
        {
            if (name.EndsWith(verb, StringComparison.Ordinal) && name.Length - verb.Length >= 2)
            {
                return name[..^verb.Length];
            }
        }
        return name;
    }

    private static int SharedEnd(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[a.Length - 1 - n] == b[b.Length - 1 - n])
        {
            n++;
        }
        return n;
    }

    /// <summary>An indicator key: the name without spaces, braces or %, at most 40 characters, unique in its item.</summary>
    public static string Key(string name, string unit, ICollection<string> taken)
    {
        var key = new string(name.Where(c => !char.IsWhiteSpace(c) && c is not ('{' or '}' or '%')).ToArray());
        if (key.Length == 0)
        {
            key = unit == "%" ? "比例" : "数量";
        }
        if (key.Length > 36)
        {
            key = key[^36..];
        }
        var candidate = key;
        if (taken.Contains(candidate))
        {
            candidate = key + (unit == "%" ? "比例" : unit);
        }
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = key + n;
        }
        taken.Add(candidate);
        return candidate;
    }
}
