// Translators and reviewers do not stop a synced translation or turn it into an alias
// (editors decide those; the server refuses them): wagtail-localize's editor footer shows
// both buttons to everyone, so they are removed here, and with them an emptied menu.
(() => {
  const editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  const forbidden = [
    '[data-w-action-url-value*="/localize/translate/"][data-w-action-url-value$="/disable/"]',
    'a[href*="/localize/page/"][href*="/convert_to_alias/"]',
  ].join(",");
  const prune = () => {
    editor.querySelectorAll(forbidden).forEach((node) => node.remove());
    editor.querySelectorAll("footer .w-dropdown").forEach((menu) => {
      const content = menu.querySelector(".w-dropdown__content");
      if (content && !content.children.length) menu.remove();
    });
  };
  prune();
  new MutationObserver(prune).observe(editor, { childList: true, subtree: true });
})();
