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
    A `count` of persons is also `{persons}`, counted in `lang` (count_persons)."""
    entry = catalogue()["errors"].get(code)
    if entry is None:
        return fallback
    counted = {"persons": count_persons(values["count"], lang)} if "count" in values else {}
    return entry[lang].format(**{**counted, **{key: in_lang(value, lang) for key, value in values.items()}})


def both(key, /, **values):
    """The catalogue's text `key` in every language, {"en": ..., "zh": ...}: a value of an error
    whose words differ by language (a file and line, a suggestion), picked by error_text."""
    return {lang: text(key, lang, **values) for lang in LANGS}


def in_lang(value, lang):
    """`value` in `lang` where it is a text in every language (`both`), else as it is."""
    return value[lang] if isinstance(value, dict) and set(value) == set(LANGS) else value


def count_persons(count, lang="en"):
    """A number of persons as a message says it: "1 person", "2 persons"; "1 人" (never "1 person(s)")."""
    return text("count.persons." + ("one" if count == 1 else "many"), lang, count=count)


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
