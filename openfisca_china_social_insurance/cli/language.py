"""The language of the command line: `--lang zh|en` anywhere on the line, else the locale's.

The entry point takes `--lang` out of the arguments before the command parses them, so that
the help (`shebao compare --help --lang zh`) is already in that language and every command
accepts the option without declaring it again.
"""

from ..core import i18n

_chosen = []  # the language of this run, once chosen
_given = []  # True once --lang was on the command line (not the locale's default)


def current():
    """The language of this run: the one chosen, else the locale's."""
    return _chosen[0] if _chosen else i18n.default_lang()


def given():
    """Whether --lang was on the command line (`shebao web` opens in Chinese otherwise)."""
    return bool(_given and _given[0])


def use(lang):
    _chosen[:] = [i18n.check_lang(lang)]
    return lang


def take(args):
    """(language, the arguments without --lang): --lang X or --lang=X, the last one wins."""
    lang, rest, index = None, [], 0
    while index < len(args):
        arg = args[index]
        if arg == "--":  # what follows is no option
            rest += args[index:]
            break
        if arg == "--lang":
            if index + 1 == len(args):
                i18n.check_lang("", "--lang")
            lang, index = args[index + 1], index + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        index += 1
    _given[:] = [lang is not None]
    return (i18n.check_lang(lang) if lang is not None else i18n.default_lang()), rest


def translate_help(command, lang, path=""):
    """Replace the help of `command`, its options and subcommands by the catalogue's in `lang`."""
    text = i18n.help_text(path, None, lang)
    if text:
        command.help = text
        command.short_help = None
    for param in command.params:
        text = i18n.help_text(path, param.name, lang)
        if text and hasattr(param, "help"):
            param.help = text
    text = i18n.help_text(path, "help", lang)
    if text:  # click adds --help itself, when the help is asked for: its text set there
        original = command.get_help_option

        def get_help_option(ctx, original=original, text=text):
            option = original(ctx)
            if option is not None:
                option.help = text
            return option

        command.get_help_option = get_help_option
    for name, sub in getattr(command, "commands", {}).items():
        translate_help(sub, lang, f"{path}.{name}" if path else name)


def t(key, **values):
    """The catalogue's text `key` in this run's language."""
    return i18n.text(key, current(), **values)
