// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Printing: every link of the page's content carries its full address for print.css.
window.addEventListener("beforeprint", () => {
  for (const link of document.querySelectorAll(".site-main a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("/")) link.dataset.printHref = link.href;
  }
});

// Small screens: the library's filters start closed behind "Filters (n)", results first.
if (window.matchMedia("(max-width: 59.99rem)").matches) {
  for (const filters of document.querySelectorAll("details[data-filters]")) filters.open = false;
}
