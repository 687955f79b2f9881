"""Plot settings for notebooks: a font with both Chinese and Cyrillic glyphs."""
from __future__ import annotations

import logging

PREFERRED = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "Microsoft YaHei", "PingFang SC")


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese and Russian labels; returns the font used, or None (with a
    warning saying which package to install) when the machine has none."""
    import matplotlib
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED:
        if name in available:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
            matplotlib.rcParams["axes.unicode_minus"] = False
            return name
    logging.getLogger("ruzh").warning(
        "No font with Chinese glyphs was found: Chinese labels will show as boxes. "
        "Install one, e.g. `apt-get install fonts-noto-cjk`.")
    return None
