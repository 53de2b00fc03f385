// Project details on the application page: autosave while typing. Without this script the form
// still works (plain POST). Input that does not validate yet is kept on the server as well and
// marked; nothing typed is lost.
(function () {
  "use strict";
  var form = document.getElementById("details-form");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = document.getElementById("details-status");
  var timer = null;
  var saving = false;
  var dirty = false;

  function say(message) { if (status) { status.textContent = message; } }

  function clearErrors() {
    var old = form.querySelectorAll("p.error[data-live]");
    for (var i = 0; i < old.length; i++) { old[i].remove(); }
    var marked = form.querySelectorAll("[aria-invalid][data-live]");
    for (var j = 0; j < marked.length; j++) {
      marked[j].removeAttribute("aria-invalid");
      marked[j].removeAttribute("data-live");
    }
  }

  function showErrors(errors) {
    var count = 0;
    Object.keys(errors).forEach(function (name) {
      var input = form.querySelector("[name='" + name.replace(/'/g, "") + "']");
      if (!input) { return; }
      count += 1;
      var note = document.createElement("p");
      note.className = "error";
      note.id = "d-" + name + "-live-error";
      note.setAttribute("data-live", "1");
      note.textContent = errors[name].join(" ");
      input.insertAdjacentElement("afterend", note);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("data-live", "1");
      var described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf(note.id) < 0) {
        described.push(note.id);
        input.setAttribute("aria-describedby", described.join(" ").trim());
      }
    });
    return count;
  }

  function save() {
    if (saving || !dirty) { return; }
    saving = true;
    dirty = false;
    say("Speichert …");
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        saving = false;
        clearErrors();
        if (data.saved) {
          say("Automatisch gespeichert; der Entwurf folgt Ihren Angaben.");
        } else {
          var n = showErrors(data.errors || {});
          say("Gespeichert, aber " + n + (n === 1 ? " Angabe ist" : " Angaben sind") +
              " noch nicht gültig (markiert).");
        }
        if (dirty) { schedule(); }
      })
      .catch(function () {
        saving = false;
        dirty = true;
        say("Keine Verbindung: noch nicht gespeichert. Bitte „Angaben speichern“ verwenden.");
      });
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1500);
  }

  form.addEventListener("input", function () { dirty = true; schedule(); });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty || saving) { event.preventDefault(); event.returnValue = ""; }
  });
}());
