// The network page: fetch /api/network and draw it with vis-network (from the pyvis
// package, served under /vendor/vis). An edge shows its evidence; a node opens its page.
"use strict";

const COLORS = {person: "#2f6fb0", organization: "#b0562f", place: "#3f8f4f", party: "#6d5aa8"};

function evidenceList(edge, byId) {
  const box = document.createElement("div");
  const h = document.createElement("h2");
  h.textContent = `${byId[edge.source].label} — ${edge.type} → ${byId[edge.target].label}`;
  const p = document.createElement("p");
  p.className = "muted";
  p.textContent = `${edge.status} · ${edge.count} document(s)`;
  const list = document.createElement("ol");
  list.className = "hits";
  for (const ev of edge.evidence) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `/documents/${encodeURIComponent(ev.doc)}?evidence=${ev.start}-${ev.end}#evidence`;
    a.textContent = `“${ev.text}”`;
    a.className = "evidence";
    li.append(a, ` ${ev.date || "undated"}`);
    list.appendChild(li);
  }
  box.append(h, p, list);
  return box;
}

let current = null;

function setNote(data) {
  const note = document.getElementById("network-note");
  note.textContent = `Showing ${data.edges.length} of ${data.total_edges} edges ` +
    `(${data.nodes.length} of ${data.total_nodes} entities)` +
    (data.derived ? " — derived from correspondence: no relations recorded in this window" : "");
  const more = document.getElementById("show-more");
  more.hidden = data.edges.length >= data.total_edges;
}

function typeLabel(n) {
  return n.type === "organization" ? "organisation" : n.type;
}

async function drawNetwork(src) {
  const holder = document.getElementById("network");
  if (!holder || typeof vis === "undefined") return;
  holder.dataset.ready = "false";
  const response = await fetch(src, {credentials: "same-origin"});
  const data = await response.json();
  const byId = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
  setNote(data);
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, title: `${n.label} — ${typeLabel(n)}, ${n.documents} document(s)`,
    color: COLORS[n.type] || "#777", font: {color: "#222", size: 13}, shape: "dot",
    size: 8 + Math.min(20, n.documents * 2), group: n.type,
  })));
  const edges = new vis.DataSet(data.edges.map((e) => ({
    id: e.id, from: e.source, to: e.target, arrows: "to", label: e.type,
    title: `${e.type}, ${e.count} document(s)`,
    width: Math.min(8, e.count), dashes: ["rejected", "denied", "proposed", "uncertain"].includes(e.status),
    font: {size: 10, align: "middle"},
  })));
  if (current) current.destroy();
  const network = new vis.Network(holder, {nodes, edges}, {
    physics: {stabilization: {iterations: 150}}, interaction: {hover: true},
  });
  current = network;
  network.once("stabilizationIterationsDone", () => network.fit());
  const edgesById = Object.fromEntries(data.edges.map((e) => [e.id, e]));
  network.on("click", (params) => {
    const info = document.getElementById("edge-info");
    if (params.nodes.length) {
      const node = byId[params.nodes[0]];
      if (node.url) window.location.href = node.url;
    } else if (params.edges.length) {
      info.replaceChildren(evidenceList(edgesById[params.edges[0]], byId));
    }
  });
  holder.dataset.ready = "true";
  holder.dataset.edges = String(data.edges.length);
  holder.dataset.total = String(data.total_edges);
  holder.dataset.limit = String(data.limit);
}

// The filter's state as the page's URL and the API's query: the slider, "show more" and
// the form all redraw through here, and the URL can be shared.
function redraw(changes) {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === "") params.delete(k); else params.set(k, v);
  }
  history.replaceState(null, "", `/network?${params}`);
  const holder = document.getElementById("network");
  holder.dataset.src = `/api/network?${params}`;
  for (const [k, id] of [["from", "net-from"], ["to", "net-to"], ["limit", "net-limit"]]) {
    const input = document.getElementById(id);
    if (input) input.value = params.get(k) || "";
  }
  return drawNetwork(holder.dataset.src);
}

function wireControls() {
  const more = document.getElementById("show-more");
  more.addEventListener("click", () => {
    const holder = document.getElementById("network");
    redraw({limit: String(Number(holder.dataset.limit || 400) * 2)});
  });
  const slider = document.getElementById("time-slider");
  if (!slider) return;
  const from = document.getElementById("slide-from");
  const to = document.getElementById("slide-to");
  const label = document.getElementById("slide-label");
  const changed = () => {
    let a = Number(from.value), b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    label.textContent = `${a}–${b}`;
    const whole = String(a) === slider.dataset.first && String(b) === slider.dataset.last;
    redraw({from: whole ? null : String(a), to: whole ? null : String(b)});
  };
  for (const input of [from, to]) {
    input.addEventListener("input", () => { label.textContent = `${from.value}–${to.value}`; });
    input.addEventListener("change", changed);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("network");
  if (!holder) return;
  wireControls();
  drawNetwork(holder.dataset.src);
});
