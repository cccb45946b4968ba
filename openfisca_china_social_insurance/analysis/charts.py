"""What every chart shares: matplotlib without a display, a font that has the Chinese
glyphs, and saving in the format the file name asks for (or a clear refusal).

The CJK font is Noto Sans CJK, installed by scripts/bootstrap.sh from Debian's
fonts-noto-cjk (OFL; Debian keeps it up to date). Latin text stays in DejaVu Sans and
falls back to the CJK font glyph by glyph (matplotlib >= 3.6), so "Pension 养老金" renders
whole. Where no CJK font is found, charts keep the English half of their labels instead
of drawing empty boxes, and say so once.

Every chart draws a system and a status the same way:

- a system (the baseline, each reform) keeps one look in every chart and every panel
  (`system_styles`): the baseline dashed with round markers, black; each reform a line
  style, a marker and a colour of its own (the grid chart colours its bases instead), named
  in the legend with its line style. A series identical to an earlier one is named so in the
  legend (`identical`), and drawn so that both stay visible;
- a status (status_marks.py) is a filled or hollow point with its mark beside it, or a plain
  or hatched bar or span of years, with one legend key for each status present
  (`status_legend`).

A chart's `draw` function returns the matplotlib Figure (tests read its lines, markers,
colours, limits and legends) and `chart` saves it.
"""

import math
import warnings
from pathlib import Path

import numpy

from ..core import i18n
from ..core.errors import InputError
from .status_marks import HATCHES, MARKS

#: Fonts with the Simplified Chinese glyphs, first preferred (Debian's, then common desktop ones).
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")
#: Where fonts-noto-cjk puts it: matplotlib's font cache may predate the install.
CJK_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",)
#: The formats a chart is written in, by the file name's suffix.
FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg", ".pdf": "pdf"}

_font = []  # the CJK font found, once per process ([None] when there is none)


def cjk_font():
    """The name of an installed CJK font, or None."""
    if _font:
        return _font[0]
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        for path in CJK_FILES:
            if Path(path).is_file():
                font_manager.fontManager.addfont(path)
        installed = {font.name for font in font_manager.fontManager.ttflist}
        found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        warnings.warn("no CJK font found (bash scripts/bootstrap.sh installs fonts-noto-cjk): charts keep English labels", stacklevel=2)
    _font.append(found)
    return found


def pyplot():
    """matplotlib's pyplot on the Agg backend, with the CJK font as fallback of DejaVu Sans."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    cjk = cjk_font()
    plt.rcParams["font.family"] = ["DejaVu Sans"] + ([cjk] if cjk else [])
    return plt


def english(label):
    """The English part of a label "中文 English" (for a machine without a CJK font)."""
    return "".join(ch for ch in label if ord(ch) < 0x2E80).strip() or label


def text(label):
    """The label as it can be drawn: whole with a CJK font, its English part without."""
    return label if cjk_font() else english(label)


def check_path(path, option="--chart"):
    """A path whose suffix names a format of FORMATS, in a folder that exists."""
    if path is None:
        return None
    allowed = ", ".join(FORMATS)
    if Path(path).suffix.lower() not in FORMATS:
        raise InputError.of("chart_suffix", option=option, path=str(path), allowed=allowed)
    if not Path(path).resolve().parent.is_dir():
        raise InputError.of("chart_folder", option=option, path=str(path))
    return path


def save(figure, path, option="--chart", **options):
    """Write the figure in the format its suffix names; a path that cannot be written is an InputError."""
    check_path(path, option)
    try:
        figure.savefig(path, format=FORMATS[Path(path).suffix.lower()], **options)
    except OSError as error:
        raise InputError.of("chart_write", option=option, path=str(path), reason=error.strerror) from None
    finally:
        from matplotlib import pyplot as plt

        plt.close(figure)
    return path


def chart_lang(lang):
    """The language a chart is drawn in: English where no CJK font can draw Chinese."""
    return i18n.check_lang(lang) if cjk_font() else "en"


def label(key, lang, **values):
    """A chart text of the catalogue (core/messages.yaml, text.chart.KEY) in `lang`."""
    return i18n.text(f"chart.{key}", lang, **values)


# -- systems ------------------------------------------------------------------

#: (name of the line style, its matplotlib dashes, marker) of the baseline, then of each reform in turn.
LINE_STYLES = (
    ("dashed", (0, (5, 3)), "o"),
    ("solid", "-", "s"),
    ("dash_dot", "-.", "^"),
    ("dotted", ":", "D"),
    ("dash_dot_dot", (0, (6, 2, 1, 2, 1, 2)), "v"),
)
#: The baseline's colour, then the reforms' (matplotlib's tab10 without its grey).
COLOURS = ("black", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf")


class SystemStyle:
    """How one system is drawn in every chart: colour, line style (with its name) and marker."""

    def __init__(self, number):
        # The baseline (0) is dashed; the reforms take the other styles in turn, and the colours in turn.
        self.number = number
        self.style_name, self.linestyle, self.marker = LINE_STYLES[0 if number == 0 else 1 + (number - 1) % (len(LINE_STYLES) - 1)]
        self.colour = COLOURS[0 if number == 0 else 1 + (number - 1) % (len(COLOURS) - 1)]

    def name(self, label_text, lang, same_as=None):
        """The system's name in a legend, with its line style: "baseline (dashed)"; with
        `same_as`, a second line says it is identical to that system."""
        name = label("system", lang, name=label_text, style=label(f"styles.{self.style_name}", lang))
        return name if same_as is None else f"{name}\n{label('identical', lang, other=same_as)}"

    def width(self, count):
        """The line width among `count` systems drawn over each other: the baseline thin and on
        top, each reform wider the earlier it comes, so that identical lines all show."""
        return 1.6 if self.number == 0 else 2.6 + 1.4 * (count - 1 - self.number)

    def zorder(self, count):
        """Reforms in their order, the baseline over them all."""
        return 2 + (self.number or count)


def system_styles(labels):
    """{label: SystemStyle}: the first label is the baseline."""
    return {name: SystemStyle(number) for number, name in enumerate(labels)}


def system_name(label_text, number, lang, names=None):
    """The baseline by its name in `lang`, a reform by its title in `lang` as tables name it (the
    Chinese half of a built-in reform's name, reform_files.title_of_label), else by its label.
    `names` ({label: name}, such as the command line's reform_titles) names a system otherwise (a
    baseline with reforms applied, a reform file's title); a Chinese name is not drawn in English."""
    given = (names or {}).get(label_text)
    if given and not (lang == "en" and i18n.has_chinese(given)):
        return given
    if number == 0:
        return label("baseline", lang)
    from .reform_files import title_of_label

    return title_of_label(label_text, lang) or label_text


def identical(series):
    """{label: the first earlier label whose values are the same to the fen} among the
    {label: values} given in order: a series drawn exactly over another."""
    import numpy

    found, seen = {}, []
    for name, values in series.items():
        values = numpy.round(numpy.asarray(values, dtype=float), 2)
        same = next((earlier for earlier, before in seen
                     if before.shape == values.shape and numpy.array_equal(before, values, equal_nan=True)), None)
        if same is not None:
            found[name] = same
        seen.append((name, values))
    return found


def amount_axis(axes, bottom=0):
    """The y axis of amounts (yuan, persons, 100 million yuan): ticks with thousands separators and
    as many decimals as their step needs, from `bottom` (None: left as drawn). A panel whose
    values are all 0 gets one tick, 0, on an axis from 0 to 1: matplotlib's ±0.05 range
    labelled every one of its ticks "0"."""
    from matplotlib.ticker import Formatter

    class Amounts(Formatter):
        ticks = ()

        def set_locs(self, locs):
            self.ticks = list(locs)

        def __call__(self, value, pos=None):
            steps = [abs(after - before) for before, after in zip(self.ticks, self.ticks[1:]) if after != before]
            step = min(steps, default=1)
            decimals = 0 if step >= 1 else min(6, -int(math.floor(math.log10(step) + 1e-9)))
            text = f"{value:,.{decimals}f}"
            return "0" if float(value) == 0 else text

    low, high = axes.dataLim.intervaly
    if not (numpy.isfinite(low) and numpy.isfinite(high)) or (low == 0 and high == 0):
        axes.set_ylim(0, 1)
        axes.set_yticks([0])
    elif bottom is not None:
        axes.set_ylim(bottom=bottom)
    axes.yaxis.set_major_formatter(Amounts())


# -- statuses -----------------------------------------------------------------


def point_style(status, colour):
    """The matplotlib keywords of a point of this status: filled when official (or unknown,
    as a table leaves it unmarked), hollow otherwise."""
    if MARKS.get(status, ""):
        return {"markerfacecolor": "white", "markeredgecolor": colour, "markeredgewidth": 1.6}
    return {"markerfacecolor": colour, "markeredgecolor": "black", "markeredgewidth": 0.6}


def mark_point(axes, x, y, status, colour):
    """The status's mark (* ? †) beside a point that is not official, as a table prints it."""
    mark = MARKS.get(status, "")
    if mark:
        axes.annotate(mark, (x, y), xytext=(5, 3), textcoords="offset points", fontsize=10, color=colour, gid="status-mark")


def area_style(status):
    """The matplotlib keywords of a bar or span of this status: plain when official, hatched otherwise."""
    return {"hatch": HATCHES.get(status, "") or None}


def status_legend(target, statuses, kind, lang, **options):
    """One legend key for each status present (in the order official, estimated, unverified,
    projected), drawn as the chart draws it: `kind` "point" (filled or hollow, with the mark)
    or "area" (plain or hatched). Returns the legend, or None when no status is given."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    present = [status for status in MARKS if status in set(statuses)]
    if not present:
        return None
    if kind == "point":
        handles = [Line2D([], [], linestyle="none", marker="o", markersize=8, **point_style(status, "dimgrey")) for status in present]
    else:
        handles = [Patch(facecolor="white", edgecolor="dimgrey", **area_style(status)) for status in present]
    labels = [label(f"status_keys.{kind}.{status}", lang) for status in present]
    return target.legend(handles, labels, title=label("status_title", lang), **options)
