// Upload: files or folders, dropped or chosen, sent one request per file (so each has its
// progress bar and its own result), one after another. Plain JS, wired here (CSP).
"use strict";

function row(name) {
  const tr = document.createElement("tr");
  const file = document.createElement("td");
  const bdi = document.createElement("bdi");
  bdi.textContent = name;
  file.appendChild(bdi);
  const bar = document.createElement("progress");
  bar.max = 100;
  bar.value = 0;
  const progress = document.createElement("td");
  progress.appendChild(bar);
  const result = document.createElement("td");
  result.className = "result";
  result.textContent = "waiting";
  tr.append(file, progress, result);
  document.querySelector("#upload-list tbody").appendChild(tr);
  return {tr, bar, result};
}

function send(item, csrf, ui) {
  return new Promise((resolve) => {
    const data = new FormData();
    data.append("file", item.file, item.file.name);
    data.append("path", item.path);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/upload");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) ui.bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { body = {status: "failed", reason: `server said ${xhr.status}`}; }
      if (!body.status) body = {status: "failed", reason: body.error || `server said ${xhr.status}`};
      ui.bar.value = 100;
      ui.tr.dataset.status = body.status;
      ui.result.replaceChildren();
      const status = document.createElement("strong");
      status.textContent = body.status;
      ui.result.appendChild(status);
      if (body.status === "failed") {
        ui.result.append(`: ${body.reason}`);
      } else {
        for (const id of body.documents || []) {
          const a = document.createElement("a");
          a.href = `/documents/${encodeURIComponent(id)}`;
          a.textContent = id;
          ui.result.append(" ", a);
        }
      }
      resolve(body.status);
    });
    xhr.addEventListener("error", () => {
      ui.result.textContent = "failed: the connection was lost";
      ui.tr.dataset.status = "failed";
      resolve("failed");
    });
    ui.result.textContent = "sending";
    xhr.send(data);
  });
}

async function uploadAll(items) {
  const zone = document.getElementById("dropzone");
  const summary = document.getElementById("upload-summary");
  const counts = {};
  const rows = items.map((item) => row(item.path));
  for (let i = 0; i < items.length; i++) {
    const status = await send(items[i], zone.dataset.csrf, rows[i]);
    counts[status] = (counts[status] || 0) + 1;
    summary.textContent = `${i + 1} of ${items.length} files: ` +
      Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ");
  }
}

// A dropped folder arrives as entries: walk them into (file, relative path) items.
async function walk(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((ok, fail) => entry.file(ok, fail));
    out.push({file, path: prefix + file.name});
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
    }
  }
}

function fromList(files) {
  return Array.from(files, (file) => ({file, path: file.webkitRelativePath || file.name}));
}

document.addEventListener("DOMContentLoaded", () => {
  const zone = document.getElementById("dropzone");
  if (!zone) return;
  for (const id of ["pick-files", "pick-folder"]) {
    const input = document.getElementById(id);
    input.addEventListener("change", () => { uploadAll(fromList(input.files)); input.value = ""; });
  }
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const entries = Array.from(e.dataTransfer.items || [], (i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    const items = [];
    if (entries.length) {
      for (const entry of entries) await walk(entry, "", items);
    } else {
      items.push(...fromList(e.dataTransfer.files));
    }
    uploadAll(items);
  });
});
