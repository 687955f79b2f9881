// ruzh serve: a little progressive enhancement. Every page works without this file.
"use strict";

// Glossary: results as you type, from the same page the plain form gets.
function liveSearch(input) {
  const form = input.form, id = input.dataset.live;
  let timer = null, pending = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (pending) pending.abort();
      pending = new AbortController();
      const url = form.action + "?" + new URLSearchParams(new FormData(form));
      try {
        const answer = await fetch(url, {signal: pending.signal});
        const page = new DOMParser().parseFromString(await answer.text(), "text/html");
        const fresh = page.getElementById(id), shown = document.getElementById(id);
        if (fresh && shown) { shown.replaceWith(fresh); enhance(fresh); history.replaceState(null, "", url); }
      } catch (e) { if (e.name !== "AbortError") throw e; }
    }, 150);
  });
}

// Copy buttons: shown only where they work.
function copyButtons(root) {
  if (!navigator.clipboard) return;
  for (const button of root.querySelectorAll("button.copy")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(button.dataset.copy);
      button.textContent = "copied";
      setTimeout(() => { button.textContent = "copy"; }, 1200);
    });
  }
}

// Document: a sentence and its linked sentences light up together on hover or focus.
function sentenceLinks(root) {
  const toggle = (event, on) => {
    const s = event.target.closest(".s[data-link]");
    const row = s && s.closest(".row");
    if (!row) return;
    for (const other of row.querySelectorAll(`.s[data-link="${s.dataset.link}"]`)) other.classList.toggle("on", on);
  };
  for (const [type, on] of [["mouseover", true], ["mouseout", false], ["focusin", true], ["focusout", false]]) {
    root.addEventListener(type, (event) => toggle(event, on));
  }
}

// Review: a changed filter applies at once.
function autoFilter(root) {
  for (const select of root.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.submit());
  }
}

function enhance(root) { copyButtons(root); }

document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-live]")) liveSearch(input);
  enhance(document);
  sentenceLinks(document);
  autoFilter(document);
});
