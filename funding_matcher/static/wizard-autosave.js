// Wizard: every step saves what is typed while typing, also what is not valid yet (kept as
// the step's pending input, shown with its message on the next visit). A new project's draft
// is created by the first typing; the page then continues on the draft's own address.
(function () {
  "use strict";
  var form = document.getElementById("wizard-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var url = form.getAttribute("data-autosave-url");
  var timer = null;
  var saving = false;
  var dirty = false;
  var submitting = false;

  function say(message) { if (status) { status.textContent = message; } }

  function save() {
    if (saving) { timer = setTimeout(save, 500); return; }
    if (!dirty) { return; }
    saving = true;
    dirty = false;
    say("Speichert …");
    fetch(url, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { status: response.status, data: data }; },
          function () { return { status: response.status, data: {} }; });
      })
      .then(function (result) {
        saving = false;
        if (result.status !== 200) {
          dirty = true;
          say("Nicht gespeichert: " + (result.data.message || result.data.error ||
              "Fehler " + result.status) + " Ihre Eingaben stehen noch hier; bitte „Speichern " +
              "und weiter“ verwenden.");
          return;
        }
        if (!result.data.saved) { say("Noch nichts eingegeben."); return; }
        if (result.data.autosave_url && result.data.autosave_url !== url) {
          // The draft exists now: further saves and the buttons go to it.
          url = result.data.autosave_url;
          form.setAttribute("data-autosave-url", url);
          form.setAttribute("action", result.data.step_url);
          if (window.history && history.replaceState) {
            history.replaceState(null, "", result.data.step_url);
          }
        }
        var discard = document.getElementById("discard-draft");
        if (discard && result.data.discard_url) {
          discard.setAttribute("href", result.data.discard_url);
          discard.hidden = false;
        }
        var n = result.data.problems;
        say(n ? "Automatisch gespeichert – noch nicht vollständig (" +
                (n === 1 ? "eine Angabe" : n + " Angaben") + " zu prüfen beim Weitergehen)."
              : "Automatisch gespeichert.");
      })
      .catch(function () {
        saving = false;
        dirty = true;
        say("Keine Verbindung: noch nicht gespeichert; ein neuer Versuch folgt.");
        timer = setTimeout(save, 5000);
      });
  }

  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && (dirty || saving)) { event.preventDefault(); event.returnValue = ""; }
  });
}());
