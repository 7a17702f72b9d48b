// Saves what a participant types as a draft, a moment after they stop typing, so a reload
// or a lost connection loses nothing. Until the server has it, the text is also kept in this
// browser, and comes back on the next visit (for example after signing in again when the
// session has ended). The form works without it.
(function () {
  var form = document.querySelector("form[data-draft-url]");
  if (!form) return;
  var field = form.querySelector("textarea[name=source]");
  var status = form.querySelector(".draft-status");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var storageKey = "pd-draft:" + form.dataset.draftUrl;
  var timer = null;
  var lastSaved = field.value;

  function keep(text) {
    try { localStorage.setItem(storageKey, text); } catch (e) { /* storage full or off */ }
  }
  function forget() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing kept */ }
  }
  function kept() {
    try { return localStorage.getItem(storageKey); } catch (e) { return null; }
  }

  // Signing in again gives a new CSRF token: read the current one from its cookie.
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : tokenInput.value;
  }

  function say(text, linkUrl) {
    status.textContent = text;
    if (linkUrl) {
      var link = document.createElement("a");
      link.href = linkUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Sign in again (opens a new tab)";
      status.appendChild(document.createTextNode(" "));
      status.appendChild(link);
    }
  }

  function save() {
    var text = field.value;
    if (text === lastSaved) return;
    keep(text);
    var body = new URLSearchParams();
    body.append("source", text);
    fetch(form.dataset.draftUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
      body: body,
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, data: data }; },
          function () { return { ok: false, data: {} }; }
        );
      })
      .then(function (result) {
        if (result.ok) {
          lastSaved = text;
          if (field.value === text) forget();
          say("Draft saved " + result.data.saved_at + ".");
        } else {
          say(result.data.error || "Could not save the draft just now; your text is kept in this browser.",
              result.data.login_url);
        }
      })
      .catch(function () {
        say("Could not save the draft just now; your text is kept in this browser.");
      });
  }

  var unsaved = kept();
  if (unsaved !== null && unsaved !== field.value) {
    field.value = unsaved;
    say("Restored the text you typed that was not saved yet.");
    save();
  } else if (unsaved !== null) {
    forget();
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    keep(field.value);
    timer = setTimeout(save, 1500);
  });
  field.addEventListener("blur", save);
  form.addEventListener("submit", function () {
    tokenInput.value = csrfToken();
    forget();
  });
})();
