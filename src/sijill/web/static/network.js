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

async function drawNetwork() {
  const holder = document.getElementById("network");
  if (!holder || typeof vis === "undefined") return;
  const response = await fetch(holder.dataset.src, {credentials: "same-origin"});
  const data = await response.json();
  const byId = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
  const note = document.getElementById("network-note");
  note.textContent = `${data.nodes.length} entities, ${data.edges.length} relations` +
    (data.derived ? " (derived from correspondence: no relations recorded in this window)" : "");
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, title: `${n.type}: ${n.documents} document(s)`,
    color: COLORS[n.type] || "#777", font: {color: "#222"}, shape: "dot",
    size: 8 + Math.min(20, n.documents * 2),
  })));
  const edges = new vis.DataSet(data.edges.map((e) => ({
    id: e.id, from: e.source, to: e.target, arrows: "to", label: e.type,
    width: Math.min(8, e.count), dashes: ["rejected", "denied", "proposed", "uncertain"].includes(e.status),
    font: {size: 10, align: "middle"},
  })));
  const network = new vis.Network(holder, {nodes, edges}, {
    physics: {stabilization: {iterations: 150}}, interaction: {hover: true},
  });
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
}

document.addEventListener("DOMContentLoaded", drawNetwork);
