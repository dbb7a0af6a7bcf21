// Small and plain: what a mark in the text is, and copying the citation. No inline handlers
// (the Content-Security-Policy forbids them); everything is wired here.
"use strict";

function showMarks(target) {
  const info = document.getElementById("mark-info");
  const list = document.getElementById("marks");
  if (!info || !list) return;
  info.replaceChildren();
  for (const index of target.dataset.marks.split(" ")) {
    const item = list.querySelector(`li[data-index="${CSS.escape(index)}"]`);
    if (item) {
      const copy = item.cloneNode(true);
      info.appendChild(copy);
    }
  }
  info.hidden = false;
}

function wireMarks() {
  const text = document.getElementById("doctext");
  if (!text) return;
  text.addEventListener("click", (event) => {
    const mark = event.target.closest(".mark[data-marks]");
    if (mark) showMarks(mark);
  });
  text.addEventListener("keydown", (event) => {
    const mark = event.target.closest(".mark[data-marks]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showMarks(mark);
    }
  });
  const evidence = text.querySelector(".k-evidence");
  if (evidence) {
    evidence.id = "evidence";
    evidence.scrollIntoView({block: "center"});
  }
}

function wireCopy() {
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(source.value);
      } catch {
        source.select();  // no clipboard access (plain http): leave it selected to copy
      }
      button.textContent = "Copied";
    });
  }
}

// An original beside its translation: scrolling one pane scrolls the other to the same
// share of its length (the two texts run in parallel, not line for line).
function wirePairScroll() {
  const view = document.getElementById("pair-view");
  if (!view) return;
  const panes = [document.getElementById("doctext"), document.getElementById("pairtext")];
  let leader = null;
  for (const pane of panes) {
    pane.addEventListener("scroll", () => {
      if (leader && leader !== pane) return;  // the echo of our own scroll
      leader = pane;
      const other = panes.find((p) => p !== pane);
      const range = pane.scrollHeight - pane.clientHeight;
      const share = range > 0 ? pane.scrollTop / range : 0;
      other.scrollTop = share * (other.scrollHeight - other.clientHeight);
      window.clearTimeout(wirePairScroll.timer);
      wirePairScroll.timer = window.setTimeout(() => { leader = null; }, 120);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  wireMarks();
  wireCopy();
  wirePairScroll();
});
