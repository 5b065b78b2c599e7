// Lines of action (<details data-panel>): open the panel named in the address (#anchor),
// put an opened panel's anchor in the address bar without adding history entries,
// "Expand all / Collapse all", and every panel open when printing.
// Without this file the panels still open and close: it only improves them.

const panels = Array.from(document.querySelectorAll("details[data-panel]"));

// Panels changed by this script, not by the visitor: their toggle must not touch the address.
const quiet = new WeakSet();

function setOpen(panel, open) {
  if (panel.open !== open) {
    quiet.add(panel);
    panel.open = open;
  }
}

function openFromAddress({ focus }) {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  const panel = target && target.closest("details[data-panel]");
  if (!panel) return;
  setOpen(panel, true);
  panel.scrollIntoView({ block: "start", behavior: "instant" });
  if (focus) panel.querySelector("summary").focus({ preventScroll: true });
}

function clearAddressAnchor(panel) {
  if (window.location.hash === `#${panel.id}`) {
    const { pathname, search } = window.location;
    history.replaceState(history.state, "", pathname + search);
  }
}

if (panels.length) {
  for (const panel of panels) {
    panel.addEventListener("toggle", () => {
      if (quiet.has(panel)) {
        quiet.delete(panel);
        return;
      }
      if (panel.open) {
        history.replaceState(history.state, "", `#${panel.id}`);
      } else {
        clearAddressAnchor(panel);
      }
    });
  }

  window.addEventListener("hashchange", () => openFromAddress({ focus: true }));
  openFromAddress({ focus: false });

  const controls = document.querySelector("[data-panel-controls]");
  if (controls) {
    controls.hidden = false;
    controls.querySelector("[data-expand-all]").addEventListener("click", () => {
      for (const panel of panels) setOpen(panel, true);
    });
    controls.querySelector("[data-collapse-all]").addEventListener("click", () => {
      for (const panel of panels) setOpen(panel, false);
      for (const panel of panels) clearAddressAnchor(panel);
    });
  }

  // Print every panel open, then put them back as the visitor left them.
  let openBeforePrint = null;
  window.addEventListener("beforeprint", () => {
    openBeforePrint = panels.map((panel) => panel.open);
    for (const panel of panels) setOpen(panel, true);
  });
  window.addEventListener("afterprint", () => {
    if (!openBeforePrint) return;
    panels.forEach((panel, index) => setOpen(panel, openBeforePrint[index]));
    openBeforePrint = null;
  });
}
