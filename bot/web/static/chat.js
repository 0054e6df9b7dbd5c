/* Taalbrug chat box: sends messages to /api/chat and shows the Dutch answer and the cue.
   Plain JavaScript, no build step. */
(function () {
  "use strict";
  var form = document.getElementById("taalbrug-form");
  var input = document.getElementById("taalbrug-input");
  var log = document.getElementById("taalbrug-log");
  var status = document.getElementById("taalbrug-status");
  var endpoint = "/api/chat";

  function sessionId() {
    var key = "taalbrug-session";
    var id = null;
    try { id = sessionStorage.getItem(key); } catch (e) { /* storage blocked */ }
    if (!id) {
      var bytes = new Uint8Array(16);
      (window.crypto || window.msCrypto).getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      try { sessionStorage.setItem(key, id); } catch (e) { /* keep it in memory */ }
    }
    return id;
  }
  var session = sessionId();

  function add(kind, text, lang, dir, buttons) {
    var item = document.createElement("li");
    item.className = kind;
    item.lang = lang || "nl";
    item.dir = dir || "ltr";
    item.textContent = text;  // never innerHTML: messages are text
    if (buttons && buttons.length) {
      var box = document.createElement("div");
      box.className = "buttons";
      buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.title;
        btn.addEventListener("click", function () { send(b.payload, b.title); });
        box.appendChild(btn);
      });
      item.appendChild(box);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function showError(text) {
    status.textContent = text;
    status.hidden = false;
  }

  function send(text, shown) {
    status.hidden = true;
    add("user", shown || text, document.documentElement.lang, "auto");
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: session, text: text, languages: navigator.languages || [navigator.language] })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      (result.body.messages || []).forEach(function (m) { add(m.kind, m.text, m.lang, m.dir, m.buttons); });
      if (!result.ok && !(result.body.messages || []).length) {
        showError(result.body.error || "Er ging iets mis.");
      }
      return result.ok;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    send(text).then(function (ok) {
      if (ok) { input.value = ""; }
      input.focus();
    }, function () {
      // Network error: keep the typed message so the resident can send it again.
      showError("De server is niet bereikbaar. Uw bericht staat er nog. Probeer het opnieuw.");
      input.focus();
    });
  });
})();
