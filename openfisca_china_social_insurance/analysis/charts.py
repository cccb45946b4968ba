"""What every chart shares: matplotlib without a display, a font that has the Chinese
glyphs, and saving in the format the file name asks for (or a clear refusal).

The CJK font is Noto Sans CJK, installed by scripts/bootstrap.sh from Debian's
fonts-noto-cjk (OFL; Debian keeps it up to date). Latin text stays in DejaVu Sans and
falls back to the CJK font glyph by glyph (matplotlib >= 3.6), so "Pension 养老金" renders
whole. Where no CJK font is found, charts keep the English half of their labels instead
of drawing empty boxes, and say so once.
"""

import warnings
from pathlib import Path

from ..core.errors import InputError

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
