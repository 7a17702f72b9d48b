/* Review page: select words of the revision to comment on them, and insert banked comments.
   - In [data-passage-text][data-selectable], a selection fills the passage form (words, start and
     end offsets counted in the text, skipping the comment numbers) and shows "Comment on this passage".
   - [data-bank] becomes a listbox: a number key or Enter inserts that comment where the cursor was
     in the last comment box used (the feedback box at first); the ids inserted are sent with the form. */
(function () {
  "use strict";

  function textOffset(container, node, offset) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentElement.closest("[data-skip]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var count = 0, current;
    if (node.nodeType !== Node.TEXT_NODE) {
      // A position between children: count the text before that child.
      var range = document.createRange();
      range.setStart(container, 0);
      range.setEnd(node, offset);
      var before = range.cloneContents();
      before.querySelectorAll("[data-skip]").forEach(function (el) { el.remove(); });
      return before.textContent.length;
    }
    while ((current = walker.nextNode())) {
      if (current === node) { return count + offset; }
      count += current.data.length;
    }
    return count;
  }

  function plainText(container) {
    var clone = container.cloneNode(true);
    clone.querySelectorAll("[data-skip]").forEach(function (el) { el.remove(); });
    return clone.textContent;
  }

  var text = document.querySelector("[data-passage-text][data-selectable]");
  var form = document.getElementById("passage-form");
  if (text && form) {
    var bar = document.querySelector("[data-passage-selection]");
    var quote = bar.querySelector("[data-passage-quote]");
    var words = form.querySelector("[data-passage-words]");
    var startField = form.querySelector("[data-passage-start]");
    var endField = form.querySelector("[data-passage-end]");
    var full = plainText(text);
    var pending;
    var readSelection = function () {
      var selection = document.getSelection();
      if (!selection.rangeCount || selection.isCollapsed) { return; }
      var range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
      var start = textOffset(text, range.startContainer, range.startOffset);
      var end = textOffset(text, range.endContainer, range.endOffset);
      var chosen = full.slice(start, end);
      if (!chosen.trim()) { return; }
      words.value = chosen.trim();
      startField.value = start;
      endField.value = end;
      quote.textContent = "“" + (chosen.length > 120 ? chosen.slice(0, 119).trim() + "…" : chosen.trim()) + "”";
      bar.hidden = false;
    };
    document.addEventListener("selectionchange", function () {
      clearTimeout(pending);
      pending = setTimeout(readSelection, 120);
    });
    // A quick click on the button may come before the pause after the selection ends.
    bar.addEventListener("pointerdown", readSelection);
    bar.querySelector("[data-passage-comment]").addEventListener("click", function () {
      var box = form.querySelector("#passage-comment");
      box.focus();
      box.scrollIntoView({ block: "center" });
    });
    words.addEventListener("input", function () { startField.value = ""; endField.value = ""; });
  }

  var bank = document.querySelector("[data-bank]");
  if (!bank) { return; }
  var status = document.querySelector("[data-bank-status]");
  var options = Array.prototype.slice.call(bank.querySelectorAll("[data-bank-id]"));
  var targets = "textarea[name=feedback], textarea[name=comment], input[name$=_comment]";
  var lastField = document.querySelector("textarea[name=feedback]");
  var active = 0;
  var inserted = new Map(); // form -> Set of bank ids inserted into its fields

  bank.setAttribute("role", "listbox");
  bank.setAttribute("tabindex", "0");
  options.forEach(function (option) {
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.addEventListener("click", function () { insert(option); });
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(targets)) { lastField = event.target; }
  });

  function labelOf(field) {
    var label = field.id && document.querySelector("label[for='" + field.id + "']");
    return label ? label.textContent.trim() : "the comment box";
  }

  function choose(index) {
    if (!options.length) { return; }
    active = (index + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
    bank.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function insert(option) {
    var field = lastField;
    if (!field) { return; }
    var words = option.getAttribute("data-text");
    var at = typeof field.selectionStart === "number" ? field.selectionStart : field.value.length;
    var until = typeof field.selectionEnd === "number" ? field.selectionEnd : at;
    var before = field.value.slice(0, at);
    if (before && !/\s$/.test(before)) { words = " " + words; }
    field.setRangeText(words, at, until, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
    if (field.form) {
      if (!inserted.has(field.form)) { inserted.set(field.form, new Set()); }
      inserted.get(field.form).add(option.getAttribute("data-bank-id"));
    }
    status.textContent = "Inserted into “" + labelOf(field) + "”.";
    field.focus();
  }

  bank.addEventListener("focus", function () { choose(active); });
  bank.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "ArrowDown") { choose(active + 1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { choose(active - 1); event.preventDefault(); }
    else if (event.key === "Home") { choose(0); event.preventDefault(); }
    else if (event.key === "End") { choose(options.length - 1); event.preventDefault(); }
    else if (event.key === "Enter" || event.key === " ") { if (options[active]) { insert(options[active]); } event.preventDefault(); }
    else if (/^[1-9]$/.test(event.key)) {
      var option = options[Number(event.key) - 1];
      if (option) { choose(Number(event.key) - 1); insert(option); event.preventDefault(); }
    }
  });

  document.addEventListener("submit", function (event) {
    var ids = inserted.get(event.target);
    if (!ids) { return; }
    ids.forEach(function (id) {
      var option = document.getElementById("bank-" + id);
      var words = option && option.getAttribute("data-text");
      var still = Array.prototype.some.call(event.target.querySelectorAll(targets), function (f) { return words && f.value.indexOf(words) >= 0; });
      if (!still) { return; }
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "bank_used";
      hidden.value = id;
      event.target.appendChild(hidden);
    });
  }, true);
})();
