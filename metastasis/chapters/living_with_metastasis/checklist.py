"""Questions for the care team: a checklist to tick, print or download (no kernel, no network)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from metastasis.core import data

STORAGE_KEY = "metastasis-ch7-questions"
TOPIC_ORDER = ["Understanding my situation", "Treatment and trade-offs", "Symptoms and side effects",
               "Feelings and support", "Money and work", "Planning ahead", "For family and caregivers",
               "Finding reliable information"]

_CHECKLIST_CSS = """
.course-checklist fieldset{border:1px solid #cccccc;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
.course-checklist legend{font-weight:600;font-size:1.05rem;padding:0 .3rem;margin:0;width:auto}
.course-checklist .q{display:flex;gap:.6rem;align-items:flex-start;margin:.45rem 0}
.course-checklist .q input{margin-top:.3rem;width:1.15rem;height:1.15rem;flex:none}
.course-checklist .why{display:block;font-size:.88em;color:#444444}
.course-checklist .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0}
.course-checklist button{font:inherit;padding:.35rem .8rem;border:1px solid #555555;border-radius:4px;
  background:#ffffff;color:#111111;cursor:pointer}
.course-checklist button:focus-visible,.course-checklist input:focus-visible{
  outline:3px solid #0072B2;outline-offset:2px}
.course-checklist .mylist{border:2px solid #0072B2;border-radius:6px;padding:.5rem 1rem;background:#f4f9fd}
.course-checklist .mylist h4{margin:.4rem 0 .2rem;font-size:1rem}
.course-checklist .course-checklist-title{font-size:1.15rem}
.course-checklist .note{font-size:.9em;color:#444444}
.course-checklist .own{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.course-checklist .own input{flex:1 1 16rem;font:inherit;padding:.3rem}
@media print{
  body *{visibility:hidden}
  .course-checklist .mylist,.course-checklist .mylist *{visibility:visible}
  .course-checklist .mylist{position:absolute;left:0;top:0;width:100%;border:none;background:#ffffff}
  .course-checklist .print-notes{display:block!important;border-top:1px solid #000000;margin-top:1rem;height:8rem}
}
"""

_CHECKLIST_JS = """
(function(){
  var root = document.getElementById(%(root)s);
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var KEY = %(key)s, TOPICS = %(topics)s;
  var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type=checkbox]'));
  var own = [];
  function store(){ try { return window.localStorage; } catch (e) { return null; } }
  function save(){
    var s = store(); if (!s) { return; }
    var ticked = boxes.filter(function(b){ return b.checked; }).map(function(b){ return b.value; });
    try { s.setItem(KEY, JSON.stringify({ticked: ticked, own: own})); } catch (e) {}
  }
  function load(){
    var s = store(); if (!s) { return; }
    try {
      var v = JSON.parse(s.getItem(KEY) || 'null');
      if (v) { boxes.forEach(function(b){ b.checked = v.ticked.indexOf(b.value) >= 0; }); own = v.own || []; }
    } catch (e) {}
  }
  function chosen(){
    var groups = {};
    boxes.forEach(function(b){
      if (b.checked) { (groups[b.dataset.topic] = groups[b.dataset.topic] || []).push(b.dataset.text); }
    });
    if (own.length) { groups['My own questions'] = own.slice(); }
    return groups;
  }
  function asText(){
    var g = chosen(), lines = ['Questions for my care team', ''];
    TOPICS.concat(['My own questions']).forEach(function(t){
      if (g[t]) { lines.push(t); g[t].forEach(function(q){ lines.push('[ ] ' + q); }); lines.push(''); }
    });
    if (lines.length === 2) { lines.push('(No questions chosen yet.)'); }
    lines.push('From "Metastasis, explained", chapter "Living with metastasis". Educational, not medical advice.');
    return lines.join('\\n');
  }
  function render(){
    var list = root.querySelector('.mylist-body'), g = chosen();
    list.textContent = '';
    var any = false;
    TOPICS.concat(['My own questions']).forEach(function(t){
      if (!g[t]) { return; }
      any = true;
      var h = document.createElement('h4'); h.textContent = t; list.appendChild(h);
      var ul = document.createElement('ul');
      g[t].forEach(function(q){ var li = document.createElement('li'); li.textContent = q; ul.appendChild(li); });
      list.appendChild(ul);
    });
    if (!any) {
      var p = document.createElement('p');
      p.textContent = 'No questions chosen yet. Tick the ones you want to ask.';
      list.appendChild(p);
    }
    var n = boxes.filter(function(b){ return b.checked; }).length + own.length;
    root.querySelector('.count').textContent = String(n);
  }
  boxes.forEach(function(b){ b.addEventListener('change', function(){ save(); render(); }); });
  root.querySelector('.add-own').addEventListener('click', function(){
    var input = root.querySelector('.own input'), v = input.value.trim();
    if (v) { own.push(v); input.value = ''; save(); render(); }
  });
  root.querySelector('.print').addEventListener('click', function(){ window.print(); });
  root.querySelector('.download').addEventListener('click', function(){
    var blob = new Blob([asText()], {type: 'text/plain;charset=utf-8'});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'questions-for-my-care-team.txt';
    document.body.appendChild(a); a.click();
    setTimeout(function(){ URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  root.querySelector('.clear').addEventListener('click', function(){
    boxes.forEach(function(b){ b.checked = false; }); own = [];
    var s = store(); if (s) { try { s.removeItem(KEY); } catch (e) {} }
    render();
  });
  root.asText = asText;
  load(); render();
})();
"""


@dataclass
class HtmlBlock:
    """A piece of HTML for the page (no plotly figure), with the same obligations as a figure: a text
    alternative is the HTML itself, and ``source`` names where its content comes from."""

    html: str
    source: str
    name: str
    alt: str

    def _repr_html_(self) -> str:
        return self.html

    def _ipython_display_(self):
        from IPython.display import display

        display({"text/html": self.html, "text/plain": self.alt}, raw=True)


def questions_checklist() -> HtmlBlock:
    """Questions a reader can tick, then print or download as a text file. Works offline; ticks are kept in
    this browser's localStorage only, and "Clear all" deletes them."""
    qs = data.load("care_questions")
    root = "course-questions-checklist"
    parts = [f"<style>{_CHECKLIST_CSS}</style>",
             f'<section class="course-checklist" id="{root}" aria-labelledby="{root}-title">',
             f'<h3 id="{root}-title" class="course-checklist-title">Your checklist</h3>',
             '<p class="note">Tick the questions you want to ask. Your list appears below; print it or download '
             'it to take to your appointment. Your ticks are stored only in this browser, so that they are still '
             'there if you come back. Nothing is sent anywhere. "Clear all" deletes them.</p>']
    for topic in TOPIC_ORDER:
        group = qs[qs["topic"] == topic]
        if group.empty:
            continue
        parts.append(f"<fieldset><legend>{html.escape(topic)}</legend>")
        for _, row in group.iterrows():
            qid = html.escape(row["question_id"])
            parts.append(
                f'<div class="q"><input type="checkbox" id="{root}-{qid}" value="{qid}" '
                f'data-topic="{html.escape(topic, quote=True)}" data-text="{html.escape(row["question"], quote=True)}">'
                f'<label for="{root}-{qid}">{html.escape(row["question"])}'
                f'<span class="why">{html.escape(row["why_ask"])}</span></label></div>')
        parts.append("</fieldset>")
    parts.append(
        '<div class="own"><label for="' + root + '-own">Add your own question:</label>'
        '<input type="text" id="' + root + '-own" maxlength="300" autocomplete="off">'
        '<button type="button" class="add-own">Add to my list</button></div>'
        '<div class="actions" role="group" aria-label="Your list">'
        '<button type="button" class="print">Print my list</button>'
        '<button type="button" class="download">Download my list (.txt)</button>'
        '<button type="button" class="clear">Clear all</button></div>'
        '<div class="mylist" aria-live="polite"><h4>My questions (<span class="count">0</span>)</h4>'
        '<div class="mylist-body"><p>No questions chosen yet. Tick the ones you want to ask.</p></div>'
        '<div class="print-notes" style="display:none">Notes:</div></div>'
        '<noscript><p class="note">The buttons need JavaScript. You can still print this page and tick the '
        'questions by hand.</p></noscript>')
    script = _CHECKLIST_JS % {"root": json.dumps(root), "key": json.dumps(STORAGE_KEY),
                              "topics": json.dumps(TOPIC_ORDER)}
    parts.append(f"<script>{script}</script></section>")
    src = ("Questions written by the course authors; each is tied to a source cited in this chapter. "
           + data.source_line("care_questions"))
    parts.append('<details class="course-figure-data"><summary>Sources for these questions</summary>'
                 f'<p class="course-figure-source">{src}</p></details>')
    return HtmlBlock(html="".join(parts), source=src, name="questions-checklist",
                     alt=f"A checklist of {len(qs)} questions for the care team, grouped by topic, with print and "
                         f"download buttons.")
