"""Write a first draft of the gold readings for a .src file, to be reviewed by hand (see ../realtext.md).

    .venv/bin/python bench/data/realtext/draft.py news    # writes news.gold (refuses to overwrite)

The draft reads word by word: jieba cuts the text; a word CC-CEDICT gives ONE reading gets it; a word with
several readings, or a character with several readings standing alone, is written `word=?a_b/c_d` for the
reviewer to decide (a few very frequent function characters get their usual reading, still reviewed).
Neither yuedu nor pypinyin's readings are consulted.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jieba

from common import HERE, cedict_check, is_han, read_src

jieba.setLogLevel(logging.ERROR)
DEFAULT = {"的": "de5", "了": "le5", "一": "yi1", "不": "bu4", "个": "ge4", "么": "me5", "们": "men5",
           "和": "he2", "上": "shang4", "会": "hui4", "要": "yao4", "大": "da4", "说": "shuo1", "过": "guo4",
           "里": "li3", "便": "bian4", "将": "jiang1", "把": "ba3", "没": "mei2", "看": "kan4", "几": "ji3",
           "那": "na4", "哪": "na3", "这": "zhe4", "是": "shi4", "于": "yu2", "与": "yu3", "并": "bing4",
           "等": "deng3", "从": "cong2", "向": "xiang4", "对": "dui4", "在": "zai4", "就": "jiu4", "也": "ye3",
           "又": "you4", "再": "zai4", "被": "bei4", "给": "gei3", "吗": "ma5", "呢": "ne5", "吧": "ba5",
           "啊": "a5", "呀": "ya5", "谁": "shei2", "作": "zuo4", "有": "you3", "人": "ren2", "我": "wo3",
           "他": "ta1", "她": "ta1", "你": "ni3", "到": "dao4", "来": "lai2", "去": "qu4", "多": "duo1",
           "年": "nian2", "日": "ri4", "月": "yue4", "电": "dian4", "为": None, "还": None, "都": None}
# Usual readings of frequent characters standing alone, applied in the draft and then re-read character by
# character in review (review_chars.py lists every occurrence of each with its context).
USUAL = {"着": "zhe5", "得": "de5", "地": "de5", "还": "hai2", "都": "dou1", "好": "hao3", "中": "zhong1",
         "只": "zhi3", "长": "chang2", "喝": "he1", "比": "bi3", "同": "tong2", "听": "ting1", "读": "du2",
         "见": "jian4", "正": "zheng4", "间": "jian1", "别": "bie2", "弄": "nong4", "离": "li2", "单": "dan1",
         "提": "ti2", "摸": "mo1", "泥": "ni2", "脏": "zang1", "罢": "ba5", "哦": "o4", "头": "tou2",
         "答": "da2", "匹": "pi1", "刺": "ci4", "居": "ju1", "食": "shi2", "草": "cao3", "凉": "liang2",
         "合": "he2", "横": "heng2", "种": "zhong4", "夹": "jia1", "涨": "zhang3", "柜": "gui4", "倘": "tang3",
         "亲": "qin1", "底": "di3", "子": "zi5", "为": "wei4", "场": "chang3", "干": "gan4", "家": "jia1",
         "处": "chu4", "数": "shu4", "发": "fa1", "少": "shao3", "重": "zhong4", "量": "liang4", "调": "diao4",
         "行": "xing2", "相": "xiang1", "当": "dang1", "应": "ying1", "乐": "le4", "分": "fen1", "差": "cha4",
         "空": "kong1", "传": "chuan2", "难": "nan2", "教": "jiao1", "便": "bian4", "觉": "jue2", "累": "lei4",
         "假": "jia3", "降": "jiang4", "强": "qiang2", "切": "qie1", "兴": "xing1", "似": "si4", "与": "yu3",
         "载": "zai4", "作": "zuo4", "露": "lu4", "冲": "chong1", "省": "sheng3", "血": "xue4", "薄": "bao2",
         "朝": "chao2", "背": "bei4", "称": "cheng1", "卷": "juan3", "曲": "qu1", "散": "san4", "扇": "shan4",
         "藏": "cang2", "转": "zhuan3", "结": "jie2", "盛": "sheng4", "系": "xi4", "倒": "dao3", "圈": "quan1",
         "供": "gong1", "哄": "hong1", "吓": "xia4", "闷": "men4", "挑": "tiao1", "折": "zhe2", "模": "mo2",
         "率": "lv4", "估": "gu1", "剥": "bo1", "削": "xue1", "磨": "mo2", "塞": "sai1", "钻": "zuan1"}


T2S: dict[str, str] = {}


def load_t2s() -> None:
    """Character map traditional -> simplified from CC-CEDICT's headword pairs (most frequent target),
    used only to cut and look up traditional text; the gold keeps the original characters."""
    import gzip
    from collections import Counter, defaultdict

    counts: dict[str, Counter] = defaultdict(Counter)
    with gzip.open(cedict_check._cedict_path(), "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ", 2)
            if len(parts) < 3 or line.startswith("#") or len(parts[0]) != len(parts[1]):
                continue
            for a, b in zip(parts[0], parts[1]):
                counts[a][b] += 1
    T2S.update({"説": "说", "裡": "里", "么": "么"})
    for a, c in counts.items():
        T2S.setdefault(a, c.most_common(1)[0][0])


def to_simp(text: str) -> str:
    return "".join(T2S.get(c, c) for c in text)


def readings(word: str) -> list[tuple[str, ...]]:
    found = set(cedict_check.cedict().get(word, ()))
    if T2S:
        found |= set(cedict_check.cedict().get(to_simp(word), ()))
    out = sorted({tuple(s.lower() for s in r) for r in found})
    return out


def char_token(ch: str) -> str:
    rs = readings(ch)
    ch_s = to_simp(ch)
    if ch == "一":
        return f"{ch}=yi1"
    if ch == "不":
        return f"{ch}=bu4"
    if len(rs) == 1:
        return f"{ch}={rs[0][0]}"
    if ch_s in DEFAULT and DEFAULT[ch_s]:
        return f"{ch}={DEFAULT[ch_s]}"
    if ch_s in USUAL and any(r[0] == USUAL[ch_s] for r in rs):
        return f"{ch}={USUAL[ch_s]}"
    if not rs:
        alt = sorted(cedict_check.char_readings_pypinyin().get(ch, set()))
        return f"{ch}=?{'/'.join(alt) or 'UNKNOWN'}"
    return f"{ch}=?{'/'.join(r[0] for r in rs)}"


def word_tokens(word: str) -> list[str]:
    if len(word) == 1:
        return [char_token(word)]
    rs = readings(word)
    if len(rs) == 1:
        syl = list(rs[0])
        for k, ch in enumerate(word):  # citation tones for 一 and 不 whatever the entry says
            if ch == "一":
                syl[k] = "yi1"
            elif ch == "不":
                syl[k] = "bu4"
        return [f"{word}={'_'.join(syl)}"]
    if len(rs) > 1:
        return [f"{word}=?{'/'.join('_'.join(r) for r in rs)}"]
    out, i = [], 0  # not a headword: longest CC-CEDICT pieces, left to right
    while i < len(word):
        for j in range(len(word), i, -1):
            if j - i == 1 or readings(word[i:j]):
                out += word_tokens(word[i:j])
                i = j
                break
    return out


def draft_para(text: str) -> list[str]:
    lines, cur = [], []
    simp = to_simp(text)
    words, pos = [], 0
    for w in jieba.cut(simp, HMM=False):  # cut the simplified form, keep the original characters
        words.append(text[pos:pos + len(w)])
        pos += len(w)
    for w in words:
        runs, buf = [], ""
        for ch in w:
            if buf and is_han(ch) != is_han(buf[-1]):
                runs.append(buf)
                buf = ""
            buf += ch
        if buf:
            runs.append(buf)
        for r in runs:
            if is_han(r[0]):
                cur += word_tokens(r)
            else:
                cur.append(r.replace(" ", "␣").replace("\n", "⏎"))
                if r[-1] in "。！？；…" or r.endswith("。”") or r.endswith("！”") or r.endswith("？”"):
                    lines.append(" ".join(cur))
                    cur = []
    if cur:
        lines.append(" ".join(cur))
    return lines


def main() -> int:
    genre = sys.argv[1]
    src = HERE / f"{genre}.src"
    out = HERE / f"{genre}.gold"
    if out.exists() and "--force" not in sys.argv:
        print(f"{out} exists; not overwriting (it holds reviewed work)")
        return 1
    if genre == "traditional":
        load_t2s()
    paras = read_src(src)
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# gold readings for {src.name}, one @para block per paragraph, in order; see ../realtext.md\n")
        for n, p in enumerate(paras, 1):
            f.write(f"@para {n}\n")
            for line in draft_para(p["text"]):
                f.write(line + "\n")
    flags = out.read_text(encoding="utf-8").count("=?")
    print(f"wrote {out}: {len(paras)} paragraphs, {flags} items to decide")
    return 0


if __name__ == "__main__":
    sys.exit(main())
