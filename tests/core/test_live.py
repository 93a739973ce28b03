"""The live-widget layer: widgets in a kernel, an honest note with a working link in the static book."""

from __future__ import annotations

from metastasis.core import live


def test_static_build_shows_a_note_with_a_binder_link(monkeypatch):
    monkeypatch.setenv(live.STATIC_ENV, "1")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    built = []
    result = live.panel(lambda: built.append(1), title="Cascade simulator", stem="how-cancer-spreads",
                        what="Move the sliders.")
    assert result is None and built == [], "no widget may be built for the static page"
    html = shown[0].data
    assert "Try it live: Cascade simulator" in html
    assert "mybinder.org/v2/gh/" in html and "urlpath=lab/tree/book/how-cancer-spreads.md" in html


def test_live_kernel_builds_the_widget(monkeypatch):
    import ipywidgets as widgets

    monkeypatch.delenv(live.STATIC_ENV, raising=False)
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: None)
    box = live.panel(lambda: widgets.IntSlider(value=3), title="T", stem="x", what="W")
    assert isinstance(box, widgets.VBox) and box.children[1].value == 3


def test_reset_button_restores_defaults():
    import ipywidgets as widgets

    slider = widgets.FloatSlider(value=0.2)
    button = live.reset_button({"p": slider}, {"p": 0.5})
    slider.value = 0.9
    button.click()
    assert slider.value == 0.5
