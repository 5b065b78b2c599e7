// Right-to-left text in the admin for right-to-left languages (wagtail-localize issue #197).
// wagtail-localize's editor names its locales in its props; Wagtail's edit views name the
// object's language in the status side panel (our override of its locale template).
(() => {
  const RTL = new Set(["ar", "fa", "he", "ur"]);
  const mark = (nodes, language) => nodes.forEach((node) => {
    node.setAttribute("dir", "rtl");
    node.setAttribute("lang", language);
  });
  const watch = (root, apply) => {
    apply();
    new MutationObserver(apply).observe(root, { childList: true, subtree: true });
  };

  const editor = document.querySelector(".js-translation-editor[data-props]");
  if (editor) {
    let props;
    try { props = JSON.parse(editor.dataset.props); } catch { return; }
    const target = props.locale && props.locale.code;
    const source = props.sourceLocale && props.sourceLocale.code;
    watch(editor, () => {
      // Each segment: <li><p>source</p><div>translation or its textarea</div>…</li>
      if (RTL.has(target)) mark(editor.querySelectorAll("li > p + div, textarea"), target);
      if (RTL.has(source)) mark(editor.querySelectorAll("li > p:first-of-type"), source);
    });
    return;
  }

  const marker = document.querySelector("[data-content-locale]");
  // Wagtail's edit form (page or snippet); not the editing-sessions form before it.
  const form =
    document.querySelector("form[data-edit-form]") || document.querySelector("#page-edit-form");
  if (!marker || !form) return;
  const language = marker.dataset.contentLocale;
  if (!RTL.has(language)) return;
  watch(form, () => mark(
    form.querySelectorAll("input[type=text], textarea, [contenteditable=true]"), language
  ));
})();
