// Curation by name: entity type-ahead over the whole archive, evidence picked by selecting
// words in the reader, a confirmation before an undo. Plain JS, no inline handlers (CSP).
"use strict";

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// An input with data-suggest="HIDDEN_ID" offers entities as one types; choosing one puts
// its id in the hidden input. A name typed without choosing is resolved by the server.
function wirePicker(input) {
  const hidden = document.getElementById(input.dataset.suggest);
  const own = document.createElement("datalist");
  own.id = `${input.id || input.name}-suggestions`;
  const fixed = input.getAttribute("list") ? document.getElementById(input.getAttribute("list")) : null;
  input.after(own);
  input.setAttribute("list", own.id);
  const ids = new Map();
  const fill = (results) => {
    own.replaceChildren();
    ids.clear();
    if (fixed) {
      for (const opt of fixed.querySelectorAll("option")) {
        own.appendChild(opt.cloneNode(true));
        ids.set(opt.value, opt.dataset.id);
      }
    }
    const seen = new Map();
    for (const r of results) seen.set(r.name, (seen.get(r.name) || 0) + 1);
    for (const r of results) {
      const value = seen.get(r.name) > 1 ? `${r.name} (${r.id})` : r.name;
      if (ids.has(value)) continue;
      const opt = document.createElement("option");
      opt.value = value;
      opt.label = `${r.type} · ${r.mentions} mentions${r.aliases.length ? " · also " + r.aliases.join(", ") : ""}`;
      own.appendChild(opt);
      ids.set(value, r.id);
    }
    if (hidden && ids.has(input.value)) hidden.value = ids.get(input.value);
  };
  fill([]);
  const ask = debounce(async () => {
    const q = input.value.trim();
    if (q.length < 2) return;
    const params = new URLSearchParams({q});
    if (input.dataset.type) params.set("type", input.dataset.type);
    try {
      const response = await fetch(`/api/entities/suggest?${params}`, {credentials: "same-origin"});
      if (response.ok) fill((await response.json()).results);
    } catch { /* offline: the server resolves the typed name */ }
  }, 150);
  input.addEventListener("input", () => {
    if (hidden) hidden.value = ids.get(input.value) || "";
    ask();
  });
  input.addEventListener("change", () => { if (hidden) hidden.value = ids.get(input.value) || ""; });
}

// Offset in the document's text of a point of a selection: each rendered stretch carries
// its own offset (data-o), and the characters before the point inside it are counted.
function textOffset(node, offset) {
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest("[data-o]");
  if (!el) return null;
  const range = document.createRange();
  range.setStart(el, 0);
  range.setEnd(node, offset);
  return Number(el.dataset.o) + range.toString().length;
}

function wireSelection() {
  const form = document.getElementById("relation-form");
  if (!form) return;
  const shown = document.getElementById("rel-evidence-shown");
  const update = () => {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const inside = (n) => (n.nodeType === Node.TEXT_NODE ? n.parentElement : n).closest("#doctext, .notetext");
    if (!inside(range.startContainer) || !inside(range.endContainer)) return;
    let start = textOffset(range.startContainer, range.startOffset);
    let end = textOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    let words = range.toString();
    const lead = words.length - words.trimStart().length;
    const trail = words.length - words.trimEnd().length;
    if (words.length === end - start) {  // nothing cut out between the ends (no note marker)
      start += lead; end -= trail; words = words.trim();
    }
    form.elements.start.value = start;
    form.elements.end.value = end;
    form.elements.evidence.value = words;
    shown.textContent = words;
    shown.classList.remove("muted");
    document.getElementById("rel-offsets").textContent = `(characters ${start}–${end})`;
    document.getElementById("rel-submit").disabled = false;
  };
  document.addEventListener("selectionchange", debounce(update, 100));
}

function wireConfirm() {
  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
}

function scrollToEvidence() {
  const evidence = document.querySelector(".k-evidence");
  if (evidence && !document.getElementById("evidence")) {
    evidence.id = "evidence";
    evidence.scrollIntoView({block: "center"});
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-suggest]")) wirePicker(input);
  wireSelection();
  wireConfirm();
  scrollToEvidence();
});
