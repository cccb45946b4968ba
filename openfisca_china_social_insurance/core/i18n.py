"""Texts in Chinese and English: one catalogue (messages.yaml) read by key.

Two languages, `zh` and `en`. The default follows the locale, as a terminal program's
should: LC_ALL, then LC_MESSAGES, then LANG; a value starting with "zh" is Chinese,
anything else English.
"""

import functools
import os
import re
from pathlib import Path

import yaml

LANGS = ("zh", "en")
CATALOGUE = Path(__file__).with_name("messages.yaml")


@functools.cache
def catalogue():
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def default_lang(environ=None):
    """zh when the locale is Chinese, else en."""
    environ = os.environ if environ is None else environ
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return "zh" if locale.lower().startswith("zh") else "en"


def check_lang(lang, option="--lang"):
    from .errors import InputError

    if lang not in LANGS:
        raise InputError.of("lang", option=option, value=lang, allowed=", ".join(LANGS))
    return lang


def text(key, lang, /, **values):
    """The catalogue's text `key` (dotted, under `text:`) in `lang`, filled with `values`."""
    entry = catalogue()["text"]
    for part in key.split("."):
        entry = entry[part]
    return entry[lang].format(**values)


def error_text(code, lang, values, fallback=None):
    """The error `code` in `lang`; an error without an entry keeps `fallback` (its English message).
    A `count` of persons is also `{persons}`, counted in `lang` (count_persons); `refused`, the
    names of the persons refused (api.naming_persons), is said after the message."""
    entry = catalogue()["errors"].get(code)
    if entry is None:
        return fallback
    counted = {"persons": count_persons(values["count"], lang)} if "count" in values else {}
    message = entry[lang].format(**{**counted, **{key: in_lang(value, lang) for key, value in values.items()}})
    if values.get("refused"):
        message += refused_text(values["refused"], lang)
    return message


def refused_text(names, lang):
    """" Refused: 'a', 'b', 'c' and 4 more." after a message naming several persons (the first three)."""
    shown = ", ".join(repr(name) for name in names[:3])
    more = text("refused.more", lang, count=len(names) - 3) if len(names) > 3 else ""
    return text("refused.names", lang, names=shown, more=more)


def both(key, /, **values):
    """The catalogue's text `key` in every language, {"en": ..., "zh": ...}: a value of an error
    whose words differ by language (a file and line, a suggestion), picked by error_text."""
    return {lang: text(key, lang, **values) for lang in LANGS}


def in_lang(value, lang):
    """`value` in `lang` where it is a text in every language (`both`, `phrase`) or an input
    named by its key (`Named`), else as it is."""
    if isinstance(value, Named):
        return value.said(lang)
    return value[lang] if isinstance(value, dict) and set(value) == set(LANGS) else value


def phrase(english, /, **values):
    """A part of a message in every language, {"en": ..., "zh": ...}: `english` is the part's
    template and its key under `phrases:` in the catalogue, as gettext keys a message by its
    source text; `values` fill it in each language (a value may be a `both` or a `phrase` too).
    A part missing from the catalogue stays English (tests/test_chinese_refusals.py finds it)."""
    zh = catalogue()["phrases"].get(english, english)
    return {lang: template.format(**{key: in_lang(value, lang) for key, value in values.items()})
            for lang, template in (("en", english), ("zh", zh))}


class Named(str):
    """An input named by its key or path (`birth_date`, `wang.career[0].from`, `wage 2025-09`):
    the key in English; in Chinese the key after the Chinese name of what it names (a model
    variable's label, a profile field's name under `fields:` in the catalogue), so that the
    officer reads the term and can still find the field."""

    def said(self, lang):
        if lang == "en":
            return str(self)
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", self)
        label = next((found for found in map(field_label, reversed(words)) if found), None)
        return f"{label}（{self}）" if label else str(self)


#: name -> the variable's label ("中文 English"), set by the package once its variables load
#: (core knows no variable): see openfisca_china_social_insurance.__init__.
variable_labels = None


def field_label(key, lang="zh"):
    """The Chinese name of an input: a profile field's (catalogue `fields:`), else a model variable's label, else None."""
    fields = catalogue()["fields"]
    if key in fields:
        return fields[key]
    label = variable_labels(key) if variable_labels else None
    return half(label, lang) if label and has_chinese(label) else None


def count_persons(count, lang="en"):
    """A number of persons as a message says it: "1 person", "2 persons"; "1 人" (never "1 person(s)")."""
    return text("count.persons." + ("one" if count == 1 else "many"), lang, count=count)


def reference_text(name, reference, lang="en"):
    """A variable's legal basis (`reference`, as its file writes it: a text or a list), or in Chinese
    the catalogue's (`references:`, articles as 第N条) where it has one."""
    if lang == "zh" and name in catalogue()["references"]:
        return catalogue()["references"][name]
    reference = reference or []
    return "; ".join(reference) if isinstance(reference, list) else str(reference)


def help_text(command, param, lang):
    """The Chinese help of a command (param None) or of one of its options, or None to keep the
    code's English. `command` is the path of the command: "compare", "regions.diff", "" for shebao."""
    if lang == "en":
        return None
    node = catalogue()["help"]
    for part in filter(None, command.split(".")):
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            break
    node = node if isinstance(node, dict) else {}
    if param is None:
        return node.get("_")
    return node.get(param) or catalogue()["help"]["options"].get(param)


#: A Chinese character or a CJK punctuation mark (、。，：；（）《》〔〕…).
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def has_chinese(text):
    """Whether `text` holds a Chinese character or punctuation mark."""
    return bool(_CJK.search(str(text or "")))


def half(text, lang):
    """The `lang` half of a bilingual text "中文 English" (a variable's label, a parameter's
    description, a reform's name, a grid's erratum). The English half starts at the first
    space between Chinese (or a %) and a capital letter ("基础养老金 Basic pension"), or
    else at the first such space after which no Chinese follows ("……（账户储存额 9,780.00）。 100%
    row: ..."). A text with no such split is returned whole: it is in one language."""
    text = "" if text is None else str(text)
    candidates = [match.start() for match in re.finditer(r"\s+", text) if _CJK.search(text[:match.start()])]
    split = next((start for start in candidates if re.match(r"\s+[A-Z]", text[start:]) and (_CJK.match(text[start - 1]) or text[start - 1] == "%")), None)
    if split is None:
        split = next((start for start in candidates if not _CJK.search(text[start:]) and re.search("[A-Za-z]", text[start:])), None)
    if split is None:
        return text
    return text[:split].strip() if lang == "zh" else text[split:].strip()
