// Section editor: live character count and autosave while typing. Without this script the
// form still works (plain POST with the version it was loaded with). A save never overwrites a
// newer version: the server answers 409 and the script stops saving and tells the user.
// Nothing typed is lost: until the server has it, the text is kept in this browser
// (localStorage) and offered again when the page opens, whatever went wrong (signed out,
// no connection, a save that could not be applied).
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form) { return; }
  var text = document.getElementById("text");
  var version = document.getElementById("version");
  var counter = document.getElementById("char-count");
  var status = document.getElementById("autosave-status");
  var limit = parseInt(form.getAttribute("data-limit") || "0", 10);
  var url = form.getAttribute("data-autosave-url");
  var token = form.querySelector("input[name=csrf_token]");
  var backupKey = "fm-entwurf:" + location.pathname;
  var timer = null;
  var saving = false;
  var stopped = false;
  var retryIn = 5000;
  var saved = text.value;

  function count() {
    var n = text.value.length;
    var message = n.toLocaleString("de-DE") + " Zeichen";
    if (limit) {
      message += " von höchstens " + limit.toLocaleString("de-DE");
      if (n > limit) { message += " – " + (n - limit).toLocaleString("de-DE") + " zu viel"; }
    }
    counter.textContent = message;
    counter.classList.toggle("error", limit > 0 && n > limit);
  }

  function say(message) { if (status) { status.textContent = message; } }

  function keep() {
    try {
      if (text.value === saved) { localStorage.removeItem(backupKey); return; }
      localStorage.setItem(backupKey, JSON.stringify({ text: text.value, base: saved }));
    } catch (e) { /* private mode: the page still warns before leaving */ }
  }

  function retry(message) {
    say(message);
    clearTimeout(timer);
    timer = setTimeout(save, retryIn);
    retryIn = Math.min(retryIn * 2, 60000);
  }

  function save() {
    if (stopped || saving || text.value === saved || text.readOnly) { return; }
    saving = true;
    var body = new FormData();
    body.append("csrf_token", token ? token.value : "");
    body.append("version", version.value);
    body.append("text", text.value);
    var sent = text.value;
    say("Speichert …");
    fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { status: response.status, data: data }; },
          function () { return { status: response.status, data: {} }; });
      })
      .then(function (result) {
        saving = false;
        if (result.status === 200) {
          retryIn = 5000;
          version.value = result.data.version;
          saved = sent;
          keep();
          say("Automatisch gespeichert (Version " + result.data.version + ").");
          var note = document.getElementById("prefill-note");
          if (note) { note.remove(); }
          if (text.value !== saved) { schedule(); }
        } else if (result.status === 409) {
          stopped = true;
          say("Nicht gespeichert: Der Abschnitt wurde inzwischen anderswo geändert. " +
              "Bitte auf „Speichern“ klicken, um beide Fassungen zu vergleichen.");
        } else if (result.status === 401) {
          retry("Nicht gespeichert: Sie sind abgemeldet. Ihr Text bleibt in diesem Fenster; " +
                "melden Sie sich in einem anderen Tab an, dann wird er hier gespeichert.");
        } else if (result.status === 403 || result.status === 404 || result.status === 410) {
          stopped = true;
          say("Nicht gespeichert: " + (result.data.message || "Kein Zugang mehr zu diesem Antrag.") +
              " Ihr Text bleibt in diesem Fenster und in diesem Browser; kopieren Sie ihn, " +
              "bevor Sie die Seite verlassen.");
        } else if (result.status === 400 || result.status === 413) {
          stopped = true;
          say("Nicht gespeichert: " + (result.data.error || "ungültige Eingabe") +
              ". Bitte auf „Speichern“ klicken, dann zeigt die Seite, was zu ändern ist.");
        } else {
          retry("Nicht gespeichert (Fehler " + result.status + "); ein neuer Versuch folgt. " +
                "Ihr Text bleibt in diesem Browser.");
        }
      })
      .catch(function () {
        saving = false;
        retry("Keine Verbindung zum Server: Ihr Text bleibt in diesem Browser und wird " +
              "gespeichert, sobald die Verbindung wieder steht.");
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  function offerBackup() {
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(backupKey) || "null"); } catch (e) { stored = null; }
    if (!stored || typeof stored.text !== "string" || stored.text === text.value) {
      try { localStorage.removeItem(backupKey); } catch (e) { /* nothing kept */ }
      return;
    }
    var box = document.createElement("div");
    box.className = "notice";
    box.setAttribute("role", "status");
    var p = document.createElement("p");
    p.textContent = "In diesem Browser liegt ein nicht gespeicherter Text dieses Abschnitts (" +
      stored.text.length.toLocaleString("de-DE") + " Zeichen).";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Nicht gespeicherten Text übernehmen";
    button.addEventListener("click", function () {
      text.value = stored.text;
      box.remove();
      count();
      save();
    });
    box.appendChild(p);
    box.appendChild(button);
    form.parentNode.insertBefore(box, form);
  }

  text.addEventListener("input", function () { count(); keep(); schedule(); });
  form.addEventListener("submit", function () { stopped = true; keep(); });
  window.addEventListener("beforeunload", function (event) {
    if (!stopped && text.value !== saved) { event.preventDefault(); event.returnValue = ""; }
  });
  offerBackup();
  count();
}());
