// Keeps what a person types into a long field as a draft on the server (pd_platform/drafts.py), a
// moment after they stop typing, so a reload, another form sent on the same page, or a lost connection
// loses nothing. Until the server has the text it is kept in this browser, and sent when the connection
// is back. A field opts in with data-keeps-draft (its key) and data-draft-url; the page renders the kept
// text into the field, so this script only has to send. The forms work without it.
(function () {
  var fields = Array.prototype.slice.call(document.querySelectorAll("[data-keeps-draft][data-draft-url]"));
  if (!fields.length) return;
  var PREFIX = "pd-form-draft:";
  var WAIT_MS = 1000;

  function read(field) {
    try {
      var kept = localStorage.getItem(PREFIX + field.dataset.keepsDraft);
      return kept ? JSON.parse(kept) : null;
    } catch (e) { return null; }
  }
  function keep(field, sent) {
    try {
      localStorage.setItem(PREFIX + field.dataset.keepsDraft, JSON.stringify({ text: field.value, sent: !!sent }));
    } catch (e) { /* storage full or off: the server copy is all there is */ }
  }
  function forget(field) {
    try { localStorage.removeItem(PREFIX + field.dataset.keepsDraft); } catch (e) { /* nothing kept */ }
  }

  function csrfToken(field) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = (field.form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function statusOf(field) {
    if (!field._draftStatus) {
      var status = document.createElement("p");
      status.className = "draft-status";
      status.id = (field.id || field.name) + "-draft-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", status);
      field._draftStatus = status;
    }
    return field._draftStatus;
  }
  function say(field, text, linkUrl) {
    var status = statusOf(field);
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
  var KEPT_HERE = "Not saved yet: kept in this browser, and saved when the connection is back.";

  function save(field, leaving) {
    clearTimeout(field._draftTimer);
    var text = field.value;
    if (text === field._draftSaved) return;
    var body = new URLSearchParams();
    body.append("key", field.dataset.keepsDraft);
    body.append("text", text);
    var sending = fetch(field.dataset.draftUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(field), "Accept": "application/json" },
      body: body,
      credentials: "same-origin",
      keepalive: !!leaving,
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, data: data }; },
          function () { return { ok: false, data: {} }; }
        );
      })
      .then(function (result) {
        if (result.ok) {
          field._draftSaved = text;
          if (field.value === text) forget(field);
          say(field, result.data.saved_at ? "Draft saved at " + result.data.saved_at + "." : "");
        } else {
          say(field, result.data.error || KEPT_HERE, result.data.login_url);
        }
      })
      .catch(function () { say(field, KEPT_HERE); })
      .then(function () { if (field._draftInFlight === sending) field._draftInFlight = null; });
    field._draftInFlight = sending;
  }

  fields.forEach(function (field) {
    var savedAt = field.dataset.draftSavedAt;
    field._draftSaved = field.value; // what the page holds (the saved draft, or the text as it is) needs no draft
    var kept = read(field);
    if (kept && kept.sent && !savedAt && !field.dataset.draftFormReturned) {
      forget(field); // the form was sent and accepted: its draft is gone on the server too
    } else if (kept && kept.text !== field.value) {
      field.value = kept.text;
      say(field, "Put back the text you typed that was not saved yet.");
      save(field);
    } else {
      if (kept) forget(field);
      if (savedAt) say(field, "Your draft, saved at " + savedAt + ".");
    }
    statusOf(field);

    field.addEventListener("input", function () {
      keep(field);
      if (navigator.onLine === false) say(field, KEPT_HERE);
      clearTimeout(field._draftTimer);
      field._draftTimer = setTimeout(function () { save(field); }, WAIT_MS);
    });
    field.addEventListener("blur", function () { save(field); });
  });

  // A form sent: name its fields' drafts, so the server drops them once it accepts the form, and keep
  // the text here marked as sent, in case it comes back refused. A save still on its way is waited for
  // (it must not land after the form and bring the draft back). Other fields' unsaved text goes out now.
  // Listening on window, after the form's own checks: a form they stopped is not sent.
  window.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    var form = event.target;
    var pending = fields
      .filter(function (field) { return field.form === form && field._draftInFlight; })
      .map(function (field) { return field._draftInFlight; });
    if (pending.length && !form._draftsSettled) {
      event.preventDefault();
      var submitter = event.submitter && !event.submitter.disabled ? event.submitter : null;
      Promise.race([Promise.all(pending), new Promise(function (done) { setTimeout(done, 3000); })]).then(function () {
        form._draftsSettled = true;
        if (submitter) form.requestSubmit(submitter); else form.requestSubmit();
      });
      return;
    }
    form._draftsSettled = false;
    form._sending = true;
    form.querySelectorAll("input[name=_kept_drafts]").forEach(function (old) { old.remove(); });
    fields.forEach(function (field) {
      if (field.form === form) {
        var named = document.createElement("input");
        named.type = "hidden";
        named.name = "_kept_drafts";
        named.value = field.dataset.keepsDraft;
        form.appendChild(named);
        clearTimeout(field._draftTimer);
        if (field.value) keep(field, true);
      } else {
        save(field, true);
      }
    });
  });
  window.addEventListener("pagehide", function () {
    fields.forEach(function (field) { if (!field.form || !field.form._sending) save(field, true); });
  });
  window.addEventListener("online", function () {
    fields.forEach(function (field) { if (read(field)) save(field); });
  });
})();
