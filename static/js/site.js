// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Printing: every link of the page's content carries its full address for print.css.
window.addEventListener("beforeprint", () => {
  for (const link of document.querySelectorAll(".site-main a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("/")) link.dataset.printHref = link.href;
  }
});

// Wide screens: the library's filters show at once (site.css does it from the first paint
// where ::details-content is understood; older browsers get them opened here).
if (window.matchMedia("(min-width: 60rem)").matches && !CSS.supports("selector(::details-content)")) {
  for (const filters of document.querySelectorAll("details[data-filters]")) filters.open = true;
}


// Small screens: the header's Menu and language buttons (the CSS shows them below 48rem).
// One list open at a time; Escape closes it and gives the focus back to its button.
const header = document.querySelector(".site-header");
if (header) {
  const toggles = [...header.querySelectorAll("[data-toggle]")];
  const setOpen = (button, open) => {
    header.classList.toggle(`is-${button.dataset.toggle}-open`, open);
    button.setAttribute("aria-expanded", String(open));
  };
  for (const button of toggles) {
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      for (const other of toggles) if (other !== button) setOpen(other, false);
      setOpen(button, open);
    });
  }
  header.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = toggles.find((button) => button.getAttribute("aria-expanded") === "true");
    if (!open) return;
    setOpen(open, false);
    open.focus();
  });
}
