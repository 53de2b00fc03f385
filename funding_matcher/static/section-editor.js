// Section editor: live character count and autosave while typing. Without this script the
// form still works (plain POST with the version it was loaded with). A save never overwrites a
// newer version: the server answers 409 and the script stops saving and tells the user.
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
  var timer = null;
  var saving = false;
  var stopped = false;
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

  function save() {
    if (stopped || saving || text.value === saved || text.readOnly) { return; }
    saving = true;
    var body = new FormData();
    body.append("csrf_token", token ? token.value : "");
    body.append("version", version.value);
    body.append("text", text.value);
    var sent = text.value;
    say("Speichert …");
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (result) {
        saving = false;
        if (result.status === 200) {
          version.value = result.data.version;
          saved = sent;
          say("Automatisch gespeichert (Version " + result.data.version + ").");
          var note = document.getElementById("prefill-note");
          if (note) { note.remove(); }
          if (text.value !== saved) { schedule(); }
        } else if (result.status === 409) {
          stopped = true;
          say("Nicht gespeichert: Der Abschnitt wurde inzwischen anderswo geändert. " +
              "Bitte auf „Speichern“ klicken, um beide Fassungen zu vergleichen.");
        } else {
          say("Automatisches Speichern fehlgeschlagen; bitte „Speichern“ verwenden.");
        }
      })
      .catch(function () {
        saving = false;
        say("Keine Verbindung: Ihr Text ist noch nicht gespeichert. Bitte „Speichern“ verwenden.");
      });
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1500);
  }

  text.addEventListener("input", function () { count(); schedule(); });
  form.addEventListener("submit", function () { stopped = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!stopped && text.value !== saved) { event.preventDefault(); event.returnValue = ""; }
  });
  count();
}());
