"""Single characters and words read by context, added when the first real-text batches' held-out half
was turned into tuning data (stop 21): each sentence here is read wrongly without its rule or row
(the colloquial readings XHC gives a character used alone, the modal 应, 地 ending a noun, the
suffix 子, and the model kept off a dictionary's neutral tone)."""

from __future__ import annotations

import pytest

from test_readings import reading

CASES = [
    # polyphone_rules.r_bao: 剥 bāo, 薄 báo used alone (XHC); bō / bó stay in the compounds
    ("奶奶坐在门口剥豆子。", "剥", "bao1"),
    ("这张纸很薄，冰也薄。", "薄", "bao2"),
    ("这种纸太薄了。", "薄", "bao2"),
    ("这是一个薄弱环节。", "薄弱", "bo2 ruo4"),
    # r_shao: 少 shǎo alone; shào lives in words
    ("这里夏天多雨而少风。", "少", "shao3"),
    ("他年少时就离开了家乡。", "年少", "nian2 shao4"),
    # r_ying: the modal before a verb
    ("各单位应加强安全检查。", "应", "ying1"),
    ("他应了一声就走了。", "应", "ying4"),
    # r_di: a noun of jieba's dictionary ending in 地 "place"
    ("这片湖是城市的水源地或备用水源。", "水源地", "shui3 yuan2 di4"),
    ("他高兴地跑了。", "地", "de5"),
    # r_zi: the suffix after a one-character noun cut off by the segmenter
    ("她把壶子放在炉子上。", "壶子", "hu2 zi5"),
    ("在这三个子分期中，细胞合成蛋白质。", "子", "zi3"),
    # context.tsv rows: 干 gàn before 不了, 长 zhǎng a generation, 扎 zā a ribbon, 转 zhuàn round
    ("老板说我干不了这种事。", "干", "gan4"),
    ("他比我长一辈。", "长", "zhang3"),
    ("他的头发比我长。", "长", "chang2"),
    ("小姑娘头上扎着红头绳。", "扎", "za1"),
    ("陀螺转了几个圈才倒下。", "转", "zhuan4"),
    # segment_splits.tsv: 家|种|了, not 家种 "home-bred"
    ("他们家种了三亩地。", "种", "zhong4"),
    # polyphone_rules.w_tongxing: 同行 tóngxíng "go together" after an adverb
    ("我们便同行到了车站。", "同行", "tong2 xing2"),
    ("他是我的同行。", "同行", "tong2 hang2"),
    # r_tong: 通 tòng a bout of an action, tōng a phone call or letter
    ("他听了以后便是一通咳嗽。", "通", "tong4"),
    ("我给他打了一通电话。", "通", "tong1"),
    # r_guo: aspect 过 after a verb of two characters
    ("这些种子都是仔细挑选过的。", "过", "guo5"),
    # _guo_complement: V过来 is the complement wherever it stands
    ("这块地是从邻村流转过来的。", "过来", "guo4 lai5"),
    ("他从对面过来了。", "过来", "guo4 lai2"),
    # _causative_jiao: 教 jiào sending or making someone (the written language of Lu Xun's time)
    ("他雇了一辆车，教他拉到城门去。", "教", "jiao4"),
    ("母亲给了我路费，教我去寻一个学校。", "教", "jiao4"),
    ("老师教我们唱歌。", "教", "jiao1"),
    # _complement: a locative (里, 中) before 出来 is no verb: 出来 is the verb "come out"
    ("他是城里出来的人。", "出来", "chu1 lai2"),
    # context.tsv: 场 cháng a threshing ground, 兴 xìng "mood"
    ("门口的土场上晒着稻谷。", "场", "chang2"),
    ("他看见了月亮，大发诗兴。", "兴", "xing4"),
    # r_di: 地 after an AABB reduplication the segmenter cut apart
    ("小猫便伶伶俐俐地跳下来了。", "地", "de5"),
    # segment_splits.tsv: 合力|干|事, not 干事 "an official"
    ("大家要团结共事、合力干事。", "干事", "gan4 shi4"),
    # w_nali: 那里 written for 哪里 in a question about a place (Lu Xun's time), a word of one reading otherwise
    ("现在又到了那里呢？", "那里", "na3 li5"),
    ("现在又到了那裡呢？", "那裡", "na3 li5"),
    ("你在那里干什么？", "那里", "na4 li5"),
    ("你们那里呢？", "那里", "na4 li5"),
    ("他就住在那里。", "那里", "na4 li5"),
    # 看 in COMMON: the model keeps off pypinyin's 看门 kānmén
    ("他在这家工厂看门好多年了。", "看门", "kan1 men2"),
    # w_duoge: a number, 多 "-odd" and the measure word 个, not the word 多个 "many"
    ("全国有1400多个县参加了这项工作。", "多个", "duo1 ge4"),
    ("这里形成了十多个产业。", "多个", "duo1 ge4"),
    ("他参加了多个项目。", "多个", "duo1 ge5"),
    # r_de_dei: a noun, 得 and a reduplicated verb: děi "must"
    ("这个问题得问问专家才行。", "得", "dei3"),
    ("这件事得想想再说。", "得", "dei3"),
    # decisions.tsv: 不 the adverb in a CC-CEDICT word CC-CEDICT reads light (no potential complement)
    ("他对此毫不介意。", "毫不介意", "hao2 bu4 jie4 yi4"),
    ("好久不见，你还好吗？", "好久不见", "hao3 jiu3 bu4 jian4"),
    ("我实在看不起这种人。", "看不起", "kan4 bu5 qi3"),
    # the statistical model never turns a dictionary's neutral tone into a full one (CPP's habit)
    ("几个小丫头在院子里玩。", "丫头", "ya1 tou5"),
    # stop 22, from the everyday batch-2 dev half --------------------------------------------
    # r_zhe: 着 before 眼睛 / after a one-character verb is the particle, not 着眼 / 着重 zhuó
    ("她用手帕蒙着眼睛。", "着", "zhe5"),
    ("他扛着重物上楼。", "扛着", "kang2 zhe5"),
    ("我们要着手解决这个问题。", "着手", "zhuo2 shou3"),
    ("大家都为你着想。", "着想", "zhuo2 xiang3"),
    # segment_splits.tsv: 拉着|手, not 着手 "set about"; 地上|铺|了, not 上铺 "upper bunk"
    ("两个孩子拉着手走了。", "手", "shou3"),
    ("两个孩子拉着手走了。", "着", "zhe5"),
    ("我们在地上铺了一块地毯。", "铺", "pu1"),
    ("我睡上铺。", "上铺", "shang4 pu4"),
    # r_wei: 为 before 这 / 那 is "for"; BENEFACTIVE += 忙 发愁 …
    ("老师为这次比赛忙了好几天。", "为", "wei4"),
    ("他们为那件事发愁。", "为", "wei4"),
    ("以这个为标准。", "为", "wei2"),
    # w_laxia: 落下 là "leave behind" after a warning or before what is left (XHC 落 là)
    ("出门的时候别落下东西。", "落下", "la4 xia4"),
    ("太阳落下了。", "落下", "luo4 xia4"),
    # lexicon.tsv: 屏住 bǐngzhù (the model read píng)
    ("大家屏住了呼吸。", "屏住", "bing3 zhu4"),
    # w_yihang: 一行 yī háng "one row" after 排成 / 写 or before 字; the party travelling together stays yīxíng
    ("同学们排成一行。", "一行", "yi1 hang2"),
    ("他写了一行字。", "一行", "yi1 hang2"),
    ("代表团一行五人抵达北京。", "一行", "yi1 xing2"),
    ("我对这一行完全不熟悉。", "一行", "yi1 hang2"),
    ("干一行爱一行。", "爱一行", "ai4 yi1 hang2"),
    # w_yichang: 一场 cháng for a rain, an illness (XHC), chǎng for a film or match
    ("昨晚下了一场大雨。", "一场", "yi1 chang2"),
    ("他大病了一场。", "一场", "yi1 chang2"),
    ("我们看了一场电影。", "一场", "yi1 chang3"),
    # w_yijuan: 一卷 juǎn "a roll", juàn "a volume"
    ("桌子上放着一卷卫生纸。", "一卷", "yi1 juan3"),
    ("这本书的第一卷写得最好。", "卷", "juan4"),
    # r_he: 和 huó before 好了面 (knead), héhǎo "make up" elsewhere
    ("她和好了面，开始包饺子。", "和好", "huo2 hao3"),
    ("他们吵完架很快就和好了。", "和好", "he2 hao3"),
    # segment_splits.tsv: 把|床|铺, not 床铺 "bedding"
    ("起床以后要把床铺好。", "铺", "pu1"),
    ("床铺上放着一个枕头。", "床铺", "chuang2 pu4"),
    # from the stop-22 traditional batch (朱自清《春》), seen after its first measurement ------------
    # r_er: the erhua r ending a word no dictionary lists (桃儿, 赶趟儿); ér in words and after a name
    ("满是桃儿、杏儿。", "桃儿", "tao2 r5"),
    ("他们也赶趟儿似的。", "赶趟儿", "gan3 tang4 r5"),
    ("他是个幸运儿。", "幸运儿", "xing4 yun4 er2"),
    ("她有一个女儿。", "女儿", "nv3 er2"),
    # _complement: 起来 after an adjective (jieba: b, or a noun ending in a colour) is the complement
    ("太阳的脸红起来了。", "起来", "qi5 lai5"),
    ("大家都高兴起来了。", "起来", "qi5 lai5"),
    # r_bei: 背 after an animal or 手 / 刀 is the noun "back"
    ("牛背上坐着一个牧童。", "背", "bei4"),
    # w_renjia: 人家 before 屋顶 / 院子 … is "households" (rénjiā)
    ("人家屋顶上全笼着一层薄烟。", "人家", "ren2 jia1"),
    # r_de_dei: a colour before 得 is an adjective, not a noun that "must"
    ("小草也青得逼你的眼。", "得", "de5"),
    # r_di: 地里 "in the fields"; 地 after an ABB adjective
    ("还有地里工作的农夫。", "地", "di4"),
    ("冻得红惨惨地，仍然瑟缩着。", "地", "de5"),
    # segment_splits.tsv: 乡下|去, not 下去; 老老小小 one word (lexicon.tsv)
    ("我们到乡下去。", "乡下", "xiang1 xia5"),
    ("家家户户，老老小小，都出来了。", "老老小小", "lao3 lao3 xiao3 xiao3"),
    # context.tsv: 迷藏 cáng cut apart from 捉
    ("孩子们捉了几回迷藏。", "藏", "cang2"),
    # lexicon.tsv: 晕过去 yūn "faint" (pypinyin's phrase has yùn)
    ("他晕过去了。", "晕过去", "yun1 guo4 qu5"),
    # w_zhaoying: 照应 zhàoying "look after" after 好好 or before a person; zhàoyìng "correlate" otherwise
    ("又嘱托茶房好好照应我。", "照应", "zhao4 ying5"),
    ("前后文要互相照应。", "照应", "zhao4 ying4"),
    # lexicon.tsv: 好喝懒做 hào (as 好吃懒做), 太阳宫 the place: yáng
    ("他的坏脾气，便是好喝懒做。", "好喝懒做", "hao4 he1 lan3 zuo4"),
    ("北京地铁17号线太阳宫站。", "太阳宫", "tai4 yang2 gong1"),
    # context.tsv: rail lines named by their cities' first characters: 福厦 Xià(men), 济郑 Jǐ(nan)
    ("贵南、福厦、济郑高铁等相继开通。", "厦", "xia4"),
    ("贵南、福厦、济郑高铁等相继开通。", "济", "ji3"),
    # _complement: a verb, 了, then 起来 is the complement (笑了起来 xiào le qilai)
    ("大家听了都笑了起来。", "起来", "qi5 lai5"),
    ("他慢慢地站了起来。", "起来", "qi3 lai5"),  # as CC-CEDICT's own word 站起来 zhàn qǐlai
    ("早晨起来，他先去跑步。", "起来", "qi3 lai5"),
    # from the stop-22 literature held batch (百草园, 呼兰河传), seen after its first measurement --------
    # segment.complement_cut: a verb glued to 出 with 来 alone is the verb and the complement 出来
    ("那伸出来的手在手背上有无数的裂口。", "出来", "chu5 lai5"),
    ("报告指出来自各地的代表都到了。", "来自", "lai2 zi4"),
    # r_bei: 手背 the noun, wherever the segmenter cut; 背上书包 the verb
    ("那伸出来的手在手背上有无数的裂口。", "背上", "bei4 shang4"),
    ("他把书包背上就走了。", "背上", "bei1 shang4"),
    # r_di: 地 closing an adverbial phrase with 毫无 / 毫不, even before a comma
    ("它们毫无方向地，便随时随地乱飞。", "地", "de5"),
    # w_renjia: 沿着人家 "along the houses"
    ("清早起来沿着人家去叫卖。", "人家", "ren2 jia1"),
    # context.tsv: 盛豆腐 chéng, 系一条长绳 jì, 蒙亮 mēng
    ("就把盛豆腐的方木盘贴在地上。", "盛", "cheng2"),
    ("天刚一蒙亮，他就起来了。", "蒙", "meng1"),
    # from reading 鲁迅《明天》 (not in any set) with the engine's undecided readings listed --------------
    # context.tsv: 单 Shàn the surname before a kinship term; 纸角上 jiǎo; 两帖 tiē (doses); 奔过去 bēn
    ("单四嫂子抱着他的宝儿。", "单", "shan4"),
    ("他指着纸角上的几个字说道。", "角", "jiao3"),
    ("先去吃两帖。", "两帖", "liang3 tie1"),
    # r_guo: a one-character verb, 过 and 了 closing the clause is the aspect
    ("神签也求过了，单方也吃过了。", "过", "guo5"),
    ("他走过了那条街。", "过", "guo4"),
    # _guo_complement: a one-character verb and 过去 closing the clause is the complement
    ("他抱着孩子直向何家奔过去。", "过去", "guo4 qu5"),
    ("三天过去了。", "过去", "guo4 qu4"),
    # _complement: 再 before 起来 is no verb: 起来 "get up"
    ("他再起来慢慢地走。", "起来", "qi3 lai5"),
    # from reading 鲁迅《兔和猫》 the same way ----------------------------------------------------------
    # context.tsv: 一弹 tán (a flick), 倒不打紧 dào (the adverb), 铺些 / 所铺 pū
    ("他们便用后脚在地上使劲的一弹。", "弹", "tan2"),
    ("鸦鹊倒不打紧。", "倒", "dao4"),
    ("墙倒不了。", "倒", "dao3"),
    ("里面铺些稻草。", "铺", "pu1"),
    ("怕还是临蓐时候所铺的罢。", "铺", "pu1"),
    # r_zi: a tool cut off before 子 (锄|子 chúzi)
    ("伊终于出来取了锄子。", "子", "zi5"),
    # r_zhe: a two-character verb and the particle (希望着), not 应该着手
    ("却也希望着意外的见了小白兔的。", "着", "zhe5"),
    ("我们应该着手解决。", "着手", "zhuo2 shou3"),
    # r_guo: 曾经 / 没 … V过: experience, the aspect; 走过桥 "across"
    ("我曾经害过猫。", "过", "guo5"),
    ("他走过桥就到了。", "走过", "zou3 guo4"),
    # from the stop-22 second held batches (阿长与山海经, 荷塘月色, 雪, 记念刘和珍君), seen after measuring --
    ("她也曾告诉过我这个名称。", "过", "guo5"),
    ("说人长短不是好事情。", "好", "hao3"),
    ("他上下摇动，或者点着对手或自己的鼻尖。", "点着", "dian3 zhe5"),
    ("他把火点着了。", "点着", "dian3 zhao2"),
    ("他大声笑将起来。", "起来", "qi5 lai5"),
    ("这是万不可钻过去的。", "过去", "guo4 qu5"),
    ("我一个人，背着手踱着。", "背着", "bei4 zhe5"),
    ("他背着孩子回家。", "背着", "bei1 zhe5"),
    ("像今晚上，一个人在这苍茫的月下。", "晚上", "wan3 shang5"),
    ("而叶子却更见风致了。", "更", "geng4"),
    ("脸上的胭脂也褪尽了。", "尽", "jin4"),
    ("即将到来的春节连假，农业部统计。", "假", "jia4"),
    ("那里还能有什么言语？", "那里", "na3 li5"),
    ("那里有很多人。", "那里", "na4 li5"),
    # from reading 鲁迅《鸭的喜剧》 with the engine's undecided readings listed --------------------------
    # verbs.tsv after 里 / 以: 院子里种白菜 zhòng; the verb said twice (数了数)
    ("他便要劝诱他就在院子里种白菜。", "种", "zhong4"),
    ("是仲密所掘，以种荷花的荷池。", "种", "zhong4"),
    ("他数了数桌上的书。", "数", "shu3"),
    # w_chengqing: 澄清 dèngqīng where water settles
    ("全池已经是浑水，过了半天，澄清了。", "澄清", "deng4 qing1"),
    ("我们要澄清这个事实。", "澄清", "cheng2 qing1"),
    # from reading 鲁迅《在酒楼上》 the same way ---------------------------------------------------------
    ("而且微雪又飞舞起来了。", "起来", "qi5 lai5"),
    ("他早上起来了。", "起来", "qi3 lai5"),
    ("她很能干，家计倒渐渐的稳当起来了。", "倒", "dao4"),
    ("窗外只有墙壁，帖着枯死的莓苔。", "帖", "tie1"),
    ("不比朔雪的粉一般干，大风一吹。", "干", "gan1"),
    ("一直挨到现在，趁着年假的闲空。", "挨", "ai2"),
    ("一直挨到现在，趁着年假的闲空。", "假", "jia4"),
    # from everyday batch 5 (a data helper's sentences), seen after its first measurement (87.22 %) ----
    ("这个箱子有多重？", "多重", "duo1 zhong4"),
    ("这是一个多重的问题。", "多重", "duo1 chong2"),
    ("你抄的时候落了一行。", "一行", "yi1 hang2"),
    ("这个药一天得吃三次。", "得", "dei3"),
    ("这家店的服务太差了。", "差", "cha4"),
    ("我中午想睡一会儿觉。", "觉", "jiao4"),
    ("这周我一点空都没有。", "空", "kong4"),
    ("这条丝巾怎么系才好看？", "系", "ji4"),
    ("这个饭盒能盛多少米饭？", "盛", "cheng2"),
    ("小心，别划着手。", "着", "zhao2"),
    ("把鸡圈在院子里，别让它们乱跑。", "圈", "juan1"),
    ("两国贸易增长54%，中蒙、中俄班列增多。", "蒙", "meng3"),
    # from the stop-22 third held batches (五猖会, 父亲的病, 綠, 再別康橋 …), seen after measuring --------
    ("读下去。两句一行，大约读了二三十行。", "一行", "yi1 hang2"),
    ("一家城外人家的闺女生了病。", "人家", "ren2 jia1"),
    ("他的水肿是逐日利害。", "利害", "li4 hai5"),
    ("这件事的利害关系很复杂。", "利害", "li4 hai4"),
    ("现在社会上都骂官僚，而学生骂得尤利害。", "利害", "li4 hai5"),
    # from reading 鲁迅《肥皂》 with the undecided readings listed
    ("四铭太太正在斜日光中背着北窗糊纸锭。", "背着", "bei4 zhe5"),
    ("便反背着两手在空院子里来回的踱方步。", "背着", "bei4 zhe5"),
    ("亏煞你的学堂，倒教得什么也没有。", "倒", "dao4"),
    ("便挑定了那绿的一块。", "挑", "tiao1"),
    # from reading 鲁迅《离婚》 the same way
    ("已经闹了整三年，打过多少回架。", "过", "guo5"),
    ("慰老爷不是劝过我四回么？", "过", "guo5"),
    ("他走过我身边。", "走过", "zou3 guo4"),
    ("酒席能塞得人发昏么？", "塞", "sai1"),
    ("爱姑不由得越加局促不安起来了。", "起来", "qi5 lai5"),
    ("早望见门口一列地泊着四只乌篷船。", "地", "de5"),
    ("他家有一块地种了玉米。", "地", "di4"),
    # from reading 鲁迅《奔月》 the same way
    ("那马并且和它背上的主人同时垂了头。", "背上", "bei4 shang4"),
    ("看看嫦娥，兀自摊开了四肢沉睡着。", "着", "zhe5"),
    ("他是早就废止了朝食的。", "朝", "zhao1"),
    # from the stop-22 fourth held batches (琐记, 白光, 許地山《春底林野》, 總統府), seen after measuring
    ("漫遊底薄雲從這峰飛過那峰。", "底", "de5"),
    ("阿桐底左手盤在邕邕底脖上。", "底", "de5"),
    ("另一个希波克拉底的主要贡献。", "底", "di3"),
    ("他把箱子底翻了过来。", "底", "di3"),
    ("委实有点记不清楚了。", "清楚", "qing1 chu5"),
    ("没有见，单站在试院的照壁前。", "单", "dan1"),
    ("他发见了这姿势。", "发见", "fa1 xian4"),
    ("也藉這個場合表達感謝。", "藉", "jie4"),
    ("在它底蔭下避避光焰。", "蔭", "yin1"),
    # from reading 鲁迅《伤逝》 with the undecided readings listed
    ("一听到皮鞋的高底尖触着砖路的清响。", "底", "di3"),
    ("我推开盛香油的瓶子和醋碟。", "盛", "cheng2"),
    # from the stop-22 fifth held batches (春风沉醉的晚上, 一小幅的穷乐图, 故都的秋, 總統府), seen after measuring
    ("一样的凶恶裁缝之外。", "裁缝", "cai2 feng5"),
    ("住在这里的人都迁移了过去。", "过去", "guo4 qu5"),
    ("骨坳里还黏着一丝半缕。", "黏着", "nian2 zhe5"),
    ("挨肩儿，头对头儿，拨拨挑挑。", "儿", "r5"),
    ("宏儿和我靠着船窗。", "儿", "er2"),
    ("也能看得到很高很高的碧绿的天色。", "得到", "de5 dao4"),
    ("他得到了一本书。", "得到", "de2 dao4"),
    ("小朋友都能更了解自己。", "更", "geng4"),
    ("像半個環兒擁著。", "兒", "r5"),
    ("再也尋它不著。", "著", "zhao2"),
    ("居然覺著有些遠呢。", "覺著", "jue2 zhe5"),
    ("魯迅著有許多小說。", "著", "zhu4"),
    ("那榆蔭下的一潭。", "蔭", "yin1"),
    ("大概要数迎神赛会的时候。", "数", "shu3"),
    # from reading 鲁迅《弟兄》 with the undecided readings listed (stop 23)
    ("独自背了一口棺材，从大门外一径背到堂屋里去。", "背", "bei1"),
    ("从大门外一径背到堂屋里去。", "背", "bei1"),
    ("他背了一首诗。", "背", "bei4"),
    ("而且背上冷冰冰的还有许多汗。", "背上", "bei4 shang4"),
    ("而且背上冷冰冰的还有许多汗。", "汗", "han4"),
    ("他背上书包走了。", "背上", "bei1 shang4"),
    ("他将钱和药方交给跟着进来的伙计。", "和", "he2"),
    ("他一听到这低微高兴的吟声，便失望，愤怒，几乎要奔上去叱骂他。", "奔", "ben1"),
    ("东城的美亚药房！一定得到那里去。", "得到", "dei3 dao4"),
    ("“像你们的弟兄，那里有呢。”益堂说。", "那里", "na3 li5"),
    ("“那里……。”益堂摇头说。", "那里", "na3 li5"),
    ("我们那里有呢。", "那里", "na4 li5"),
    ("“那里。”他指着山说。", "那里", "na4 li5"),
    ("我说你该将沛兄的事讲给他们，教他们学学他。", "教", "jiao4"),
    ("这真教人担心。", "教", "jiao4"),
    ("老师教他游泳。", "教", "jiao1"),
    # the stop-22 held batches' errors still left at the start of stop 23
    ("先生可曾为刘和珍写了一点没有？", "为", "wei4"),
    ("也要为第一线人员充实装备。", "为", "wei4"),
    ("他曾为公司总经理。", "为", "wei2"),
    ("全笼着一层薄烟。", "薄", "bao2"),
    ("是一个秋季的薄阴的天气。", "薄", "bao2"),
    ("你能做我的妻子吗？", "妻子", "qi1 zi5"),
    ("冬天是一件旧外套，寒颤颤的，有一回上火车去。", "颤", "zhan4"),
    ("回头熬老豆腐吃。", "熬", "ao1"),
    ("所谓福橘，元旦辟头的磨难。", "辟", "pi1"),
    ("道：“嗄，邕邕来了。”", "嗄", "a2"),
    ("也和着声音底高低。", "和", "he4"),
    ("这是桃花落下的瓣哪。", "哪", "na5"),
    ("你现在在哪？", "哪", "na3"),
    ("桃儿、杏儿、梨儿！花下成千成百的蜜蜂。", "梨儿", "li2 r5"),
    ("共有沙田、麻涌、沙角、长安和内河五大港区。", "涌", "chong1"),
    ("人群涌向广场。", "涌向", "yong3 xiang4"),
    # from reading 鲁迅《呐喊·自序》 with the undecided readings listed
    ("后来也亲历或旁观过几样更寂寞更悲哀的事，都为我所不愿追怀。", "为", "wei2"),
    ("我们为他所骗。", "为", "wei2"),
    ("他为此所做的努力。", "为此", "wei4 ci3"),
    ("现在你大嚷起来，惊起了较为清醒的几个人，使这不幸的少数者来受无可挽救的临终的苦楚，你倒以为对得起他们么？", "倒", "dao4"),
    ("你倒要说说看。", "倒", "dao4"),
    ("从密叶缝里看那一点一点的青天。", "缝里", "feng4 li3"),
    # from reading 郁达夫《江南的冬景》 with the undecided readings listed
    ("凡在北国过过冬天的人，总都知道围炉煮茗。", "过过", "guo4 guo5"),
    ("而有地炉、暖炕等设备的人家，不管它门外面是雪深几尺。", "人家", "ren2 jia1"),
    ("有谁从小康人家而坠入困顿的么？", "人家", "ren2 jia1"),
    ("他有点怕人家的狗。", "人家", "ren2 jia5"),
    # from reading 朱自清《给亡妇》 with the undecided readings listed
    ("告诉你，我夏天回家来着：迈儿长得结实极了。", "结实", "jie1 shi5"),
    ("五儿全家夸她长得好看。", "五儿", "wu3 er2"),
    ("我瞧你的觉老没睡足。", "觉", "jiao4"),
    ("连觉也没有好好儿睡过。", "觉", "jiao4"),
    ("白天里还得做菜，照料孩子，很少得空儿。", "得空儿", "de2 kong4 r5"),
    ("不过教你怎么晓得，我平常从来没和你谈过些个！", "教", "jiao4"),
    ("教你怎么做饭。", "教", "jiao1"),
    ("你临终时也和母亲谈过，这孩子是只可以养着玩儿的。", "过", "guo5"),
    ("那一个夏天他病的时候多，你成天儿忙着。", "成天儿", "cheng2 tian1 r5"),
    ("可是你病中为他操的那一份儿心也够瞧的。", "份儿", "fen4 r5"),
    # from reading 徐志摩《我所知道的康桥》 with the undecided readings listed
    ("有一个果子园，你可以躺在累累的桃李荫下吃茶。", "累累", "lei2 lei2"),
    ("他罪行累累。", "累累", "lei3 lei3"),
    ("有时仰卧着看天空的行云，有时反仆着搂抱大地的温软。", "仆", "pu1"),
    # from reading 萧红《小城三月》 with the undecided readings listed
    ("五天不出屋，树发芽了，再过五天不看树，树长叶了。", "长", "zhang3"),
    ("假若它晚到一刻，太阳会变色的，大地会干成石头。", "干", "gan1"),
    ("野孩子一升一斗的在拾。", "斗", "dou3"),
    ("春天从老远的地方跑来了，只向人的耳朵吹一句小小的声音：“我来了呵”。", "呵", "a5"),
    ("他呵呵笑了。", "呵呵", "he1 he1"),
    # from a helper's full reading of 鲁迅《铸剑》 (stop 23)
    ("后来是简直不理他了，格支格支地径自咬。", "地", "de5"),
    ("只沿着水瓮内壁，抓着，团团地转圈子。", "地", "de5"),
    ("性情还是那样，不冷不热地，一点也不变。", "地", "de5"),
    ("周围是一步一步地静下去了。", "地", "de5"),
    ("他严冷地说。", "地", "de5"),
    ("这块地种了玉米。", "地", "di4"),
    ("加上了路上将有刺客的密报。", "将", "jiang1"),
    ("你的仇人早从东门还宫，下令捕拿你了。", "还", "huan2"),
    ("仗义，同情，那些东西，先前曾经干净过，现在却都成了放鬼债的资本。", "过", "guo5"),
    ("他便重行叠好，裹了剑，放在枕边。", "重", "chong2"),
    ("和挑葱卖菜的一同混入城里。", "挑", "tiao1"),
    ("上城卖菜的村人，一个个挑着空担出城回家去了。", "担", "dan4"),
    ("他便将头骨倒在金盘里。", "倒", "dao4"),
    ("腰间还依稀看见佩着和他背上一样的青剑。", "背上", "bei4 shang4"),
    ("他并不言语，只向眉间尺冷冷地一笑。", "言语", "yan2 yu5"),
    ("像是猛火焚烧着。", "着", "zhe5"),
    ("哗拉拉地腾上一道白气的时候。", "哗", "hua1"),
    # from the stop-23 traditional batch 1 (風箏, 阿Q正傳), seen after measuring
    ("因为我以为这是没出息孩子所做的。", "没出息", "mei2 chu1 xi5"),
    ("远处的蟹风筝突然落下来了，他惊呼。", "落下来", "luo4 xia4 lai5"),
    ("竹骨，还没有糊上纸，凳上是一对做眼睛用的小风轮。", "糊", "hu2"),
    ("知道游戏是儿童最正当的行为。", "正当", "zheng4 dang4"),
    ("正当他要走的时候，电话响了。", "正当", "zheng4 dang1"),
    ("他只是很重很重地堕着，堕着。", "重地", "zhong4 de5"),
    ("『有过这样的事么？』", "过", "guo5"),
    ("他什么也记不得了。", "不得", "bu4 de2"),
    ("独有和别人口角的时候，间或被人剥去了衣服。", "口角", "kou3 jue2"),
    ("以为不值一笑的神情。夫文童者，将来恐怕要变秀才者也。", "夫", "fu2"),
    # from a helper's full reading of 鲁迅《采薇》《理水》 (stop 23)
    ("有的当他们名人，有的当他们怪物，有的当他们古董。", "当", "dang4"),
    ("当他来的时候，我走了。", "当", "dang1"),
    ("那么，我们可就成了为养老而养老了。", "为", "wei4"),
    ("不肯安分守己，‘为艺术而艺术’。", "为", "wei4"),
    ("只有些小畜生还要嚷，人心在坏下去哩。", "还", "hai2"),
    ("只有些小畜生还要嚷，人心在坏下去哩。", "哩", "li5"),
    ("这是上头的命令，怪不着我们的。", "着", "zhao2"),
    ("心里忐忑，嘴里不说，仍是走，到得傍晚。", "得", "de2"),
    ("他到得很早。", "得", "de5"),
    ("手里端着一个瓦罐子，向这面跑来了。", "子", "zi5"),
    ("因为他也是诗人，已经做好一本诗集子。", "子", "zi5"),
    ("“怎么了呀？”伯夷这才转过脸去看。", "过", "guo4"),
    ("他满脸显出失望的颜色，转过头去，对小穷奇说。", "过", "guo4"),
    ("“我今天去拜访过了。”", "过", "guo5"),
    ("听说前几时还开过一个展览会。", "过", "guo5"),
    ("有几个又扑上去，想抢下他们咬过的糕饼来。", "过", "guo5"),
    ("“我讨过老婆，四天就走，”禹回答说。", "过", "guo5"),
    ("“吓，这回可真是大家要吃太平饭了。”", "吓", "he4"),
    ("“老先生，您好哇！”", "哇", "wa5"),
    ("他也喜欢弄文学，村中都是文盲。", "弄", "nong4"),
    ("他愈嚼，就愈皱眉，直着脖子咽了几咽，倒哇的一声吐出来了。", "倒", "dao4"),
    ("因为参观者倒在逐渐的减少。", "倒", "dao4"),
    ("伯夷吹了又吹，终于拗下一角来。", "拗", "ao3"),
    ("“对啦对啦，这些话可真好！”皋陶称赞道。", "啦", "la5"),
    ("回家去都摇头，说是“不好看”，上了一个大当。", "当", "dang4"),
    ("在树身上写上抹杀阿禹的考据，足足化掉了三九廿七天工夫。", "化", "hua1"),
    ("首先是一乘白彩的大轿，总该有八十一人抬着罢。", "乘", "sheng4"),
    ("他原是妲己的舅公的干女婿，做着祭酒。", "干", "gan1"),
    ("眼见它渐渐的干下去，正是一块糕。", "干", "gan1"),
    ("黑脸黄须，腿弯微曲，双手捧着一片乌黑的大石头。", "曲", "qu1"),
    # from a helper's full reading of 鲁迅《非攻》《出关》, 朱自清, 郁达夫 (stop 23)
    ("“耕柱子！给我和起玉米粉来！”", "和", "huo2"),
    ("“对咧。”墨子说。", "咧", "lie5"),
    ("在壁厨里摸出一把盐渍藜菜干，一柄破铜刀。", "干", "gan1"),
    ("他削三寸的木头，就可以载重五十石。", "削", "xiao1"),
    ("他削三寸的木头，就可以载重五十石。", "石", "dan4"),
    ("宋是小国，怎禁得这么一攻。", "禁", "jin1"),
    ("他穿过厨下，到得后门外的井边。", "得", "de2"),
    ("楚王非常高兴，便教侍臣赶快去拿木片来。", "教", "jiao4"),
    ("“哼，还是这些老套。真教人听得头痛，讨厌……”", "教", "jiao4"),
    ("就规规矩矩的站定，垂着手，叫一声“先生”。", "着", "zhe5"),
    ("他深深的倒抽了一口气。", "倒", "dao4"),
    ("只听得竹竿子碰着屋檐响。", "子", "zi5"),
    ("孔子……“没有遇着能干的主子。”", "着", "zhao2"),
    ("为面子起见，人们只好熬着。", "为", "wei4"),
    ("去了两三丈远，还辨得出白发，黄袍，青牛。", "得出", "de5 chu1"),
    ("他得出了结论。", "得出", "de2 chu1"),
    ("签子手用签子在牛屁股上刺了一下，牛把尾巴一卷，就放开脚步。", "一卷", "yi1 juan3"),
    ("“那里那里，”孔子谦虚的说。", "那里", "na3 li5"),
    ("“他那里会有恋爱故事呢？”", "那里", "na3 li5"),
    ("“这老头子究竟是到那里去，去干什么的？”", "那里", "na3 li5"),
    ("老羊皮袍却没有垫着，不知道弄到那里去了。", "那里", "na3 li5"),
    ("他只静静地微仰着头，小声儿回答。", "儿", "r5"),
    ("我因为一天晚上，没有盖被睡觉，惹了一场很重的病。", "一场", "yi1 chang2"),
    ("这才解决了这一场大纠纷。", "一场", "yi1 chang2"),
    ("突然间接着我这一封信，你或者会惊异起来。", "突然间", "tu1 ran2 jian1"),
    ("我牵过他的小手，又摸过他的圆下巴。", "过", "guo5"),
    ("当夜便开了一个王公大臣会议。", "当夜", "dang4 ye4"),
    ("别人可不知道里面装的是什么。", "不", "bu4"),
    # from the stop-23 literature batch 2 (柔石, 闻一多), seen after measuring
    ("或向什么人家的小姐借些款。", "人家", "ren2 jia1"),
    ("将衣服或首饰去暂时当一当，免得王狼来逼。", "当一当", "dang4 yi1 dang4"),
    ("他只不过用笔写写文章，用嘴说说话。", "说说", "shuo1 shuo5"),
    ("他们的心怎样长的！", "长", "zhang3"),
    ("杀死几个就可以了事，就可以把这事情解决。", "了", "liao3"),
    ("有什么理由拿出来讲啊！", "出来", "chu5 lai5"),
    ("这些意见来自各方。", "来自", "lai2 zi4"),
    # from the stop-23 traditional batch 2 (槳聲燈影裡的秦淮河, 行政院), seen after measuring
    ("燈的多少，明暗，彩色的濃淡。", "多少", "duo1 shao3"),
    ("在這薄靄和微漪裏，聽著那悠然的間歇的槳聲。", "薄", "bao2"),
    ("小船上更覺清雋罷了。", "雋", "juan4"),
    ("那輻射著的黃黃的散光，反暈出一片朦朧的煙靄。", "暈", "yun4"),
    ("這是《板橋雜記》裏所載的。", "載", "zai3"),
    ("明年調高最低工資；為全民減稅，個人基本生活費調高。", "為", "wei4"),
    ("家庭照顧假可以「小時」為單位申請。", "假", "jia4"),
    # from the stop-23 literature batch 3 (回忆鲁迅先生, 秦淮河), seen after measuring
    ("鲁迅先生从那圆转椅上转过来，向着我。", "过来", "guo4 lai5"),
    ("但那淡蓝色的栏干，空敞的舱，也足系人情思。", "栏干", "lan2 gan1"),
    ("他通过来信告诉我。", "来信", "lai2 xin4"),
    # from a helper's full reading of 鲁迅《示众》《高老夫子》 (stop 23)
    ("只见背心上一行一行地写着些大大小小的什么字。", "一行", "yi1 hang2"),
    ("他去旅游，一行五人。", "一行", "yi1 xing2"),
    ("他刚刚低头要钻的时候，便听得有人说。", "钻", "zuan1"),
    ("是一个工人似的粗人，正在低声下气地请教那秃头老头子。", "地", "de5"),
    ("待到重归平静，胖大汉再看白背心的脸的时候。", "重", "chong2"),
    ("旋转孩子来使他正对白背心，一手指点着，说道。", "着", "zhe5"),
    ("圆阵立刻散开，都错错落落地走过去。", "地", "de5"),
    ("老妈子抱了孩子从屋檐阴下蹩过去了。", "过去", "guo4 qu5"),
    ("他放下镜子，怨愤地吁一口气。", "吁", "xu1"),
    ("是《中国历史教科书》的编纂者竟太不为教员设想。", "为", "wei4"),
    ("似乎是一位谪降红尘的花神。", "降", "jiang4"),
    ("兄弟以为振兴女学是顺应世界的潮流，但一不得当，即易流于偏。", "得当", "de2 dang4"),
    ("可是逐渐胡涂起来。", "起来", "qi5 lai5"),
    ("便抓过来和《中国历史教科书》一同塞入抽屉里。", "过来", "guo4 lai5"),
    # from the everyday batch 8 (a helper's, stop 23: 97.13 % at first), seen after measuring
    ("医生连夜为病人做了手术。", "为", "wei4"),
    ("房租这个月得按时交。", "得", "dei3"),
    ("柴火终于着了。", "着", "zhao2"),
    ("厨师在菜上放了几片薄荷叶。", "薄", "bo4"),
    ("搬家时他落了一个箱子在旧房子里。", "落", "la4"),
    ("他晕车，在路上吐了两次。", "吐", "tu4"),
    ("他吐了一口痰。", "吐", "tu3"),
    # from a helper's full reading of 鲁迅《幸福的家庭》《长明灯》《头发的故事》《狗·猫·鼠》 (stop 23)
    ("以先他早已想过，须得捞几文稿费维持生活了。", "得", "dei3"),
    ("但又自暴自弃似的写下一行题目道。", "一行", "yi1 hang2"),
    ("而且受过高等教育，优美高尚。", "受过", "shou4 guo5"),
    ("我虽然没有见过这部书，但想来他们也一定都爱看。", "都", "dou1"),
    ("“吁……。”他很长的嘘一口气。", "吁", "xu1"),
    ("总而言之，无论那里人吃一碗蛇和猫。", "那里", "na3 li5"),
    ("他看见眼前浮出一朵乌花，从左眼的左角漂到右。", "角", "jiao3"),
    ("还是尽说‘熄掉他熄掉他’。", "尽", "jin3"),
    ("“这样的东西，打死了就完了，吓！”", "吓", "he4"),
    ("就在墙上画有一个小三角形和一串短短的细线的下面，划添了两条线。", "划", "hua4"),
    ("他不小心划了一道口子。", "划", "hua2"),
    ("将樱桃似的小口一张，道：“吧！”", "吧", "ba1"),
    ("使阔亭的眼光赶紧辟易了。", "辟", "bi4"),
    ("但自然还有多少更深的蛰居人的耳朵里心里是全没有。", "多少", "duo1 shao3"),
    ("但自然还有多少更深的蛰居人的耳朵里心里是全没有。", "更深", "geng4 shen1"),
    ("你还有多少钱？", "多少", "duo1 shao5"),
    ("还要用手捋着下颏上的白胡须。", "捋", "lv3"),
    ("“那倒，确是，一个妥当的，办法。”老娃说。", "倒", "dao4"),
    ("“我说出来罢，那是……”", "那是", "na4 shi4"),
    ("呵，后来不是全屯动了公愤，和他老子去吵闹了么？", "呵", "he1"),
    ("几个少年一击不中，在监牢里身受一个多月的苦刑。", "中", "zhong4"),
    ("几个少年怀着远志，忽然踪影全无，连尸首也不知那里去了。", "那里", "na3 li5"),
    ("何以偏要在额上帖起‘蝮蛇’两个大字。", "帖", "tie1"),
    ("结怨也结得没有意思。", "得", "de5"),
    ("这件事得问问老师。", "得", "dei3"),
    ("日本的猫善于成精，传说中的“猫婆”，那食人的惨酷确是更可怕。", "中", "zhong1"),
    ("大家称为“老鼠数铜钱”的，便知道它的可怕的屠伯已经光降了。", "数", "shu3"),
    ("假如我出而为人们驱除这憎恶，打伤或杀害了它。", "为", "wei4"),
    # from the stop-23 literature batch 4 (好的故事, 过客) and traditional batch 3 (釣台的春晝, 日記), seen after measuring
    ("许多美的人和美的事，错综起来像一天云锦。", "美的", "mei3 de5"),
    ("美的集团发布了财报。", "美的", "mei3 di2"),
    ("许多美的人和美的事，错综起来像一天云锦。", "起来", "qi5 lai5"),
    ("随着每一打桨，各各夹带了闪烁的日光。", "一打", "yi1 da3"),
    ("大红花和斑红花，都在水里面浮动，该是村女种的罢。", "种", "zhong4"),
    ("约十岁，紫发，乌眼珠。", "发", "fa4"),
    ("衣裤皆破碎，赤足著破鞋。", "著", "zhuo2"),
    ("因爲近在咫尺，以爲什麽時候要去就可以去。", "以爲", "yi3 wei2"),
    ("卻沒有向這一方面走過。", "走過", "zou3 guo5"),
    ("他从桥上走过。", "走过", "zou3 guo4"),
    ("半途遇着了一道道觀外圍的女牆。", "觀", "guan4"),
    ("栅門卻呀的一聲，早已開開了。", "呀", "ya1"),
    ("大江開的，門外頭是一條一丈來寬的石砌步道。", "外頭", "wai4 tou5"),
    ("石牆之上，鋪的是二三尺寬的石板。", "鋪", "pu1"),
    ("昨晚上接到郵局的通知書。", "晚上", "wan3 shang5"),
    # from a helper's full reading of Taiwan and Hong Kong government texts (stop 23)
    ("相信各個部會都會一體遵循。", "都", "dou1"),
    ("這是一個國際大都會。", "都會", "du1 hui4"),
    ("造成了中央跟地方的合作困難。", "地方", "di4 fang1"),
    ("大家不應再拖延。", "應", "ying1"),
    ("因屬天然災害之不可抗力因素，得不受再次申請年限之限制。", "得", "de2"),
    ("你，得向他道歉。", "得", "dei3"),
    ("隨全國豬隻禁運禁宰，為平穩國內豬肉供應，杜文珍表示。", "為", "wei4"),
    ("隨全國豬隻禁運禁宰，為平穩國內豬肉供應，杜文珍表示。", "豬隻", "zhu1 zhi1"),
    ("政府正統籌公私營力量，為居民提供所需應急住宿支援。", "為", "wei4"),
    ("副院長江啟臣表示。", "院長", "yuan4 zhang3"),
    ("接種率持續提升。", "率", "lv4"),
    ("衛福部將持續推動。", "將", "jiang1"),
    ("鞏固香港國際金融中心地位。", "地位", "di4 wei4"),
]


@pytest.mark.parametrize("text, word, expected", CASES, ids=[f"{w}:{t[:8]}" for t, w, _ in CASES])
def test_read_in_context(text, word, expected):
    assert reading(text, word) == expected
