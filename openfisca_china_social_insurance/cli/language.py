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
    """Replace the help of `command`, its options and subcommands by the catalogue's in `lang`,
    and (in Chinese) the framework's own words around them: Usage, Options, [default: ...],
    the type of each option's value, and the usage errors (use_framework_language)."""
    text = i18n.help_text(path, None, lang)
    if text:
        command.help = text
        command.short_help = None
    for param in command.params:
        text = i18n.help_text(path, param.name, lang)
        if text and hasattr(param, "help"):
            param.help = text
        _translate_type(param, lang)
    help_text = i18n.help_text(path, "help", lang)
    if help_text:  # click adds --help itself, when the help is asked for: its text set there
        original = command.get_help_option

        def get_help_option(ctx, original=original, text=help_text):
            option = original(ctx)
            if option is not None:
                option.help = text
                _translate_type(option, lang)
            return option

        command.get_help_option = get_help_option
    if lang == "zh":
        command.options_metavar = _framework("[OPTIONS]", lang)
        if hasattr(command, "subcommand_metavar"):
            command.subcommand_metavar = _framework("COMMAND [ARGS]...", lang)
        usage = command.get_usage

        def get_usage(ctx, usage=usage):
            text = usage(ctx)
            return _framework("Usage: ", lang) + text[len("Usage: "):] if text.startswith("Usage: ") else text

        command.get_usage = get_usage
    for name, sub in getattr(command, "commands", {}).items():
        translate_help(sub, lang, f"{path}.{name}" if path else name)


def _framework(english, lang):
    """The framework's (typer's, click's) own text in `lang` (core/messages.yaml, framework)."""
    return english if lang == "en" else i18n.catalogue()["framework"]["texts"].get(english, english)


def _translate_type(param, lang):
    """In Chinese, the type shown beside an option or argument (<str>, <int>...) in Chinese too."""
    if lang == "en" or not hasattr(param, "display_type_rich"):
        return
    types = i18n.catalogue()["framework"]["types"]
    original = param.display_type_rich

    def display_type_rich(ctx, original=original):
        shown = original(ctx)
        return types.get(shown, shown)

    param.display_type_rich = display_type_rich


_framework_english = {}  # the framework's English texts, kept to restore them


def use_framework_language(lang):
    """The words typer prints around the help and in its usage errors (the panels' titles,
    "[default: ...]", "Missing option '--year'.") in `lang`: typer keeps them in module
    constants and f-strings, so they are set here once the language is known."""
    from typer import rich_utils

    constants = i18n.catalogue()["framework"]["constants"]
    if not _framework_english:
        _framework_english.update({name: getattr(rich_utils, name) for name in constants})
        _framework_english["rich_format_error"] = rich_utils.rich_format_error
    for name in constants:
        setattr(rich_utils, name, _framework_english[name] if lang == "en" else constants[name])
    original = _framework_english["rich_format_error"]
    if lang == "en":
        rich_utils.rich_format_error = original
        return

    def rich_format_error(error, original=original):
        message = error.format_message()
        error.format_message = lambda: usage_error_text(message, lang)
        original(error)

    rich_utils.rich_format_error = rich_format_error


def usage_error_text(message, lang):
    """A usage error of typer (a missing option, an unknown one, a value that does not parse) in `lang`."""
    if lang == "en":
        return message
    import re

    for entry in i18n.catalogue()["framework"]["errors"]:
        found = re.fullmatch(entry["en"], message, flags=re.DOTALL)
        if found:
            values = {name: usage_error_text(value, lang) if name == "reason" else value or "" for name, value in found.groupdict().items()}
            return entry["zh"].format(**values) + (entry.get("zh_more", "").format(**values) if found.groupdict().get("more") else "")
    return message


def t(key, **values):
    """The catalogue's text `key` in this run's language."""
    return i18n.text(key, current(), **values)
