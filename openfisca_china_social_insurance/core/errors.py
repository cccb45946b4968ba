"""Errors raised for bad input: each names the input, the bad value and what is allowed."""

from pathlib import Path

#: The code of an error raised without one of its own (its Chinese text then quotes the English).
GENERIC = "input"


class InputError(ValueError):
    """An input the model cannot compute with.

    The message always says which input, which value (and for how many persons),
    and what is allowed, so that a caller can fix it without reading the code.
    `code` is the same in every language; an error with a code of its own in
    core/messages.yaml (`InputError.of`) can be shown in Chinese too (`in_language`).
    `field`, when given, is the input's path (e.g. "reforms[1].knobs.step") for callers
    that answer in a structured form (the Web API's {"error", "field"}).
    `persons`, when the model knows whom it refuses, is {person: the error that person
    alone would get (an InputError; a text is taken as one)}, keyed by the simulation's index (by the caller's name once
    `api.naming_persons` has named them): a batch can then drop every refused person at
    once instead of isolating each by trial.
    `variable` and `period`, when the model refuses a variable's value ("wage", "2025-08"; period
    None for the variable as a whole), say which input to give or fix: the Web API names it as a
    situation's path from them, whatever language the message is in.
    """

    def __init__(self, message, code=GENERIC, values=None, field=None, persons=None, within=None, variable=None, period=None):
        super().__init__(message)
        self.code = code
        self.values = values or {}
        self.field = field
        self.within = within
        self.persons = {key: as_error(error) for key, error in (persons or {}).items()}
        self.variable = variable
        self.period = period

    @classmethod
    def of(cls, code, **values):
        """The error `code` of the message catalogue, its English text filled with `values`."""
        from . import i18n

        return cls(i18n.error_text(code, "en", values), code, values)

    def at(self, field):
        """The error with its `field` (the input's path for structured answers): InputError.of(...).at("outputs")."""
        self.field = field
        return self

    def under(self, field, message=None):
        """The error as one of the input `field` (a profile of a request's profiles): "field: ..."
        in every language, its code and values kept; `message`, when given, its English."""
        inner = message or str(self)
        text = inner if inner.startswith(f"{field}:") else f"{field}: {inner}"
        # The field said before the Chinese text too, where the English gained it here or in `message`
        # ("profiles: person_1.name: ..."): the catalogue's text of the code does not say it.
        within = self.within if str(self).startswith(f"{field}:") else field
        return InputError(text, self.code, self.values, field, self.persons, within=within, variable=self.variable, period=self.period)

    def in_language(self, lang):
        """The message in `lang` ("en" or "zh"): the catalogue's text for a coded error, else the English one."""
        from . import i18n

        if lang == "en" or self.code == GENERIC:
            return str(self)
        text = i18n.error_text(self.code, lang, self.values, fallback=str(self))
        return f"{self.within}：{text}" if self.within else text


def check(ok, name, problem, allowed, values=None, period=None):
    """Raise InputError unless every element of the boolean array `ok` is true.

    `name` is the input refused (a variable, carried as the error's `variable`), `period` the
    period of its value when the refusal is about one (a year, a month: "wage 2025-08").
    `values`, when given, is the offending array: the first bad value is quoted.
    `problem` and `allowed` are texts (English, the key of their Chinese under `phrases:` in
    core/messages.yaml) or `i18n.phrase`s; `allowed` may also be a function of the index of the
    person named that gives one (what is allowed differs by person: a region's own cap).
    The message is the catalogue's `refused_input` (or `refused_value`, quoting the value), in
    English and Chinese, the input named by its variable's Chinese label in Chinese.
    """
    import numpy

    from .i18n import Named, phrase

    ok = numpy.asarray(ok).reshape(-1)
    if ok.all():
        return
    head = name if period is None else f"{name} {period}"
    flat = None if values is None else numpy.asarray(values).reshape(-1)

    def said(text):
        return text if isinstance(text, dict) else phrase(text)

    def message(count, index):
        allowed_here = allowed(index) if callable(allowed) else allowed
        parts = {"name": Named(head), "problem": said(problem), "allowed": said(allowed_here), "count": count, "person": person_number(index)}
        if flat is None:
            return InputError.of("refused_input", **parts)
        # A plain value in the message (11, not np.int32(11)); a date as YYYY-MM-DD.
        value = flat[index]
        value = str(value) if isinstance(value, numpy.datetime64) else (value.item() if isinstance(value, numpy.generic) else value)
        return InputError.of("refused_value", value=repr(value), **parts)

    raise refusal(~ok, message, name, period)


def person_number(index):
    """A person of a simulation by its index, as messages name it before the caller's names
    replace it (api.naming_persons): "person #3", "第 3 号人员"."""
    from . import i18n

    return i18n.both("person.number", index=int(index))


def refusal(refused, message, variable=None, period=None):
    """InputError refusing the persons where the boolean array `refused` is true, each named:
    `message(count, index)` is the error (or the English text) for `count` persons, the first at
    `index`; `variable` and `period`: the input refused, carried by the error and each person's."""
    import numpy

    indices = numpy.flatnonzero(refused)
    persons = {int(index): as_error(message(1, index)) for index in indices}
    error = as_error(message(indices.size, indices[0]), persons=persons)
    for each in (error, *persons.values()):
        each.variable, each.period = variable, period
    return error


def as_error(message, persons=None):
    """`message` as an InputError (a text is one without a code of its own), with `persons`."""
    error = message if isinstance(message, InputError) else InputError(message)
    if persons is not None:
        error.persons = persons
    return error


def read_text_file(path, what):
    """A user's text file (reforms, grids, population CSV, facts): see `decoded_text`; InputError
    naming the file if it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError.of("file_read", what=what, path=path, reason=error.strerror) from None
    return decoded_text(data, path, what)


def decoded_text(data, path, what):
    """The bytes of a user's file as text: UTF-8, with or without the byte-order mark Excel
    writes; InputError naming the file if it is not UTF-8 (a GBK file), rather than a
    UnicodeDecodeError traceback."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError.of("file_not_utf8", what=what, path=path, byte=f"{data[error.start]:02x}", position=error.start) from None
