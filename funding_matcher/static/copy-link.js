// "Adresse kopieren": copies the text of the field named in data-copy and says so in the
// status element next to it (screen readers hear it through role="status").
document.querySelectorAll("[data-copy]").forEach(function (button) {
  button.addEventListener("click", function () {
    var id = button.getAttribute("data-copy");
    var field = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    function done(text) { if (status) { status.textContent = text; } }
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { done("Kopiert."); },
        function () { done("Bitte mit Strg+C kopieren (markiert)."); }
      );
    } else {
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      done(copied ? "Kopiert." : "Bitte mit Strg+C kopieren (markiert).");
    }
  });
});
