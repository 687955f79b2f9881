"""Each repair of extraction damage, on fragments taken from the sample."""
from __future__ import annotations

from ruzh.corpus import repair


def test_strip_markup():
    assert repair.strip_markup("<b>ПОЛИТИЧЕСКОЕ ВЗАИМОДЕЙСТВИЕ</b>") == "ПОЛИТИЧЕСКОЕ ВЗАИМОДЕЙСТВИЕ"
    assert repair.strip_markup("**ШАНХАЙСКАЯ ОРГАНИЗАЦИЯ СОТРУДНИЧЕСТВА  ") == "ШАНХАЙСКАЯ ОРГАНИЗАЦИЯ СОТРУДНИЧЕСТВА"
    assert repair.strip_markup("### СОТРУДНИЧЕСТВО В ОБЛАСТИ БЕЗОПАСНОСТИ") == "СОТРУДНИЧЕСТВО В ОБЛАСТИ БЕЗОПАСНОСТИ"
    assert repair.strip_markup("## 第 1 号决议") == "第 1 号决议"
    assert repair.is_rule("---") and not repair.is_rule("2016-2020")


def test_heading_text():
    assert repair.heading_text("<b>政治合作</b>\t\t\t") == "政治合作"
    assert repair.heading_text("## ИНФОРМАЦИОННОЕ ИЗМЕРЕНИЕ") == "ИНФОРМАЦИОННОЕ ИЗМЕРЕНИЕ"
    assert repair.heading_text("1.\tПроработка вопросов\tГосударства-члены ШОС\tМИД") is None
    assert repair.heading_text("**Президент  ") is None  # bold text, but not a whole heading


def test_remove_cjk_spaces():
    assert repair.remove_cjk_spaces("上合组织成员国外交 部，上合组织秘书处") == "上合组织成员国外交部，上合组织秘书处"
    assert repair.remove_cjk_spaces("2016 年 6 月 24 日，塔什干") == "2016年6月24日，塔什干"
    assert repair.remove_cjk_spaces("上合组织地区反恐怖机 构执委会") == "上合组织地区反恐怖机构执委会"
    assert repair.remove_cjk_spaces("ASEAN 东盟") == "ASEAN 东盟"  # Latin keeps its space


def test_fullwidth_punctuation():
    assert repair.normalize_chinese("上合组织成员国主管机关, 上合组织地区反恐怖机构") == \
        "上合组织成员国主管机关，上合组织地区反恐怖机构"
    assert repair.fullwidth_punctuation("政府首脑(总理)理事会") == "政府首脑（总理）理事会"
    assert repair.fullwidth_punctuation("组织清单)。") == "组织清单）。"
    assert repair.fullwidth_punctuation("共 1,000 人") == "共 1,000 人"
    assert repair.fullwidth_punctuation("机制(SCO)") == "机制(SCO)"


def test_rejoin_broken_word_keeps_compound_hyphen():
    joined = repair.join_fragment("защищенной информационно-", "телекоммуникационной системы", "ru")
    assert joined.text == "защищенной информационно-телекоммуникационной системы"
    assert joined.how == "rejoined-word"


def test_rejoin_broken_word_drops_line_end_hyphen():
    joined = repair.join_fragment("деятельность органи-", "зации", "ru")
    assert joined.text == "деятельность организации"


def test_hanging_hyphen_is_not_a_broken_word():
    assert repair.join_fragment("теле-", "и радиовещания", "ru").text == "теле- и радиовещания"


def test_chinese_word_broken_at_a_cell_break():
    assert repair.join_fragment("上合组织成员国外交", "部，上合组织秘书处", "zh").text == "上合组织成员国外交部，上合组织秘书处"
    assert repair.join_fragment("加强外", "交协调", "zh").text == "加强外交协调"


def test_repeated_fragment_is_dropped():
    joined = repair.join_fragment("上合组织成员国主管机关, 上合组织地区反恐怖机构", "怖机构", "zh")
    assert joined.text.endswith("上合组织地区反恐怖机构")
    assert (joined.how, joined.dropped) == ("repeated-fragment", ["怖机构"])


def test_words_on_both_sides_of_a_break_kept_once():
    joined = repair.join_fragment("Компетентные органы", "органы государств-членов ШОС", "ru")
    assert joined.text == "Компетентные органы государств-членов ШОС"
    assert joined.dropped == ["органы"]


def test_restated_tail_is_replaced_by_its_fuller_form():
    joined = repair.join_fragment("Соответствующие министерства и ведомства государств-членов ШОС",
                                  "государств-членов, наблюдателей и партнеров по диалогу ШОС", "ru")
    assert joined.text == ("Соответствующие министерства и ведомства государств-членов, "
                           "наблюдателей и партнеров по диалогу ШОС")
    assert joined.dropped == ["государств-членов ШОС"]


def test_ordinary_continuations_are_appended():
    assert repair.join_fragment("Государства-члены", "ШОС", "ru").text == "Государства-члены ШОС"
    assert repair.join_fragment("Компетентные органы государств-членов, наблюдателей и партнеров по",
                                "диалогу ШОС, РАТС ШОС", "ru").how == "joined"
    par = repair.join_fragment("встреч секретарей советов безопасности и т.д.", "Регулярное проведение", "ru")
    assert par.text == "встреч секретарей советов безопасности и т.д.\nРегулярное проведение"


def test_normalize_row_shifted_and_duplicated_cells():
    shifted = repair.normalize_row("22\t继续协助联合国相关机构制定并落实区域禁毒计划。\t上合组织成员国\t\t上合组织成员国主管机关".split("\t"))
    assert (shifted.participants, shifted.executors) == ("上合组织成员国", "上合组织成员国主管机关")
    duplicated = repair.normalize_row("59\t落实方案。\t上合组织成员国\t上合组织成员国\t上合组织成员国 卫生部".split("\t"))
    assert (duplicated.participants, duplicated.executors) == ("上合组织成员国", "上合组织成员国 卫生部")
    assert ("duplicate-cell", "上合组织成员国", True) in duplicated.notes
    trailing = repair.normalize_row("70\t落实扩员。\t上合组织成员国\t上合组织成员国外交部\t".split("\t"))
    assert (trailing.text, trailing.executors, trailing.notes) == ("落实扩员。", "上合组织成员国外交部", [])


def test_drop_stuttered_words():
    text, dropped = repair.drop_stuttered_words("Государства-члены, члены, наблюдатели и партнеры по диалогу ШОС")
    assert text == "Государства-члены, наблюдатели и партнеры по диалогу ШОС"
    assert dropped == ["члены,"]
    assert repair.drop_stuttered_words("Государства-члены ШОС и государства-члены ООН")[1] == []


def test_join_unbalanced_blocks():
    blocks, sizes = repair.join_unbalanced_blocks(
        ["关于批准《〈上海合作组织至2025年发展战略〉", "2016—2020年落实行动计划》", "上海合作组织成员国元首理事会决定："])
    assert blocks == ["关于批准《〈上海合作组织至2025年发展战略〉2016—2020年落实行动计划》", "上海合作组织成员国元首理事会决定："]
    assert sizes == [2, 1]
    never_closed, sizes = repair.join_unbalanced_blocks(["《没有结尾", "第二段", "第三段", "第四段", "第五段"])
    assert sizes == [1, 1, 1, 1, 1]
