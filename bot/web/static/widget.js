/* Taalbrug website widget. Embed with one tag:
     <script src="https://GATEWAY/static/widget.js" data-municipality="voorbeeldegem" defer></script>
   Plain JavaScript, no build step, no dependencies. It talks to GATEWAY/api/chat
   (CORS allow-list: TAALBRUG_ALLOWED_ORIGINS), keeps the session in
   sessionStorage, shows the plain Dutch answer and the cue in the resident's
   language with the right direction, quick replies, a language picker with
   each language's own name, "read aloud" (nl-BE voice when available), a
   privacy notice, and a clear error that keeps the typed message. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || document.getElementById("taalbrug")) { return; }
  var base = new URL(script.src, document.baseURI).origin;
  var municipality = script.getAttribute("data-municipality") || undefined;
  var STORE = "taalbrug-session";
  var DUTCH_UI = {
    title: "Vraag het aan de gemeente", placeholder: "Typ uw vraag", send: "Versturen", language: "Taal",
    read_aloud: "Voorlezen", close: "Chat sluiten", not_helpful: "Dit helpt mij niet",
    language_auto: "Mijn taal herkennen", you: "U",
    privacy: "Typ geen naam, adres of telefoonnummer. We bewaren vragen zonder persoonsgegevens.",
    offline: "De server is niet bereikbaar. Uw bericht staat er nog. Probeer het opnieuw."
  };
  var languages = {};   // code -> {endonym, dir, speech, ui}
  var order = [];
  var current = "nl";   // the conversation's language (from the server)
  var choice = null;    // a language the resident picked
  var busy = false;
  var polling = null;   // timer while a staff member may answer (handover)
  var since = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }  // text only: never innerHTML
    return node;
  }

  function sessionId() {
    var id = null;
    try { id = window.sessionStorage.getItem(STORE); } catch (e) { /* storage blocked */ }
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = "w-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      try { window.sessionStorage.setItem(STORE, id); } catch (e) { /* keep it for this page */ }
    }
    return id;
  }

  function ui(key) {
    var lang = languages[choice || current];
    var text = lang && lang.ui && lang.ui[key];
    return text ? { text: text, lang: choice || current, dir: lang.dir } : { text: DUTCH_UI[key], lang: "nl", dir: "ltr" };
  }

  function label(node, key, attr) {
    var t = ui(key);
    if (attr) { node.setAttribute(attr, t.text); } else { node.textContent = t.text; }
    node.lang = t.lang;
    if (!attr) { node.dir = t.dir; }
  }

  /* ---- the DOM ---- */
  var root = el("div", { id: "taalbrug", "class": "tb-root" });
  var launcher = el("button", { type: "button", "class": "tb-launcher", "aria-expanded": "false", "aria-controls": "tb-panel" });
  var launcherText = el("span");
  var icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "20");
  icon.setAttribute("height", "20");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  var bubble = document.createElementNS("http://www.w3.org/2000/svg", "path");
  bubble.setAttribute("d", "M4 4h16v11H8l-4 4z");
  bubble.setAttribute("fill", "currentColor");
  icon.appendChild(bubble);
  launcher.appendChild(icon);
  launcher.appendChild(launcherText);
  var panel = el("section", { id: "tb-panel", "class": "tb-panel", role: "dialog", "aria-labelledby": "tb-title", hidden: "" });
  var head = el("div", { "class": "tb-head" });
  var title = el("h2", { id: "tb-title", "class": "tb-title" });
  var close = el("button", { type: "button", "class": "tb-close" }, "\u00D7");
  head.appendChild(title);
  head.appendChild(close);
  var pick = el("div", { "class": "tb-pick" });
  var pickLabel = el("label", { "for": "tb-language" });
  var select = el("select", { id: "tb-language" });
  pick.appendChild(pickLabel);
  pick.appendChild(select);
  var privacy = el("p", { id: "tb-privacy", "class": "tb-privacy" });
  var log = el("div", { "class": "tb-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var alert = el("p", { "class": "tb-alert", role: "alert", hidden: "" });
  var form = el("form", { "class": "tb-form", autocomplete: "off" });
  var inputLabel = el("label", { "for": "tb-input", "class": "tb-visually-hidden" });
  var input = el("textarea", { id: "tb-input", rows: "2", maxlength: "2000", "aria-describedby": "tb-privacy" });
  var sendButton = el("button", { type: "submit", "class": "tb-send" });
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(sendButton);
  [head, pick, privacy, log, alert, form].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(panel);
  root.appendChild(launcher);

  function relabel() {
    label(launcherText, "title");
    label(title, "title");
    label(close, "close", "aria-label");
    label(pickLabel, "language");
    label(privacy, "privacy");
    label(inputLabel, "placeholder");
    label(input, "placeholder", "placeholder");
    label(sendButton, "send");
    var auto = select.querySelector("option[value='']");
    if (auto) { label(auto, "language_auto"); }
  }

  function fillPicker() {
    select.textContent = "";
    var auto = el("option", { value: "" });
    select.appendChild(auto);
    order.forEach(function (code) {
      var option = el("option", { value: code, lang: code, dir: languages[code].dir }, languages[code].endonym);
      select.appendChild(option);
    });
    select.value = choice || "";
  }

  /* ---- messages ---- */
  function speak(text) {
    var synth = window.speechSynthesis;
    if (!synth) { return; }
    var utterance = new window.SpeechSynthesisUtterance(text);
    var voices = synth.getVoices();
    var voice = voices.filter(function (v) { return /^nl[-_]BE$/i.test(v.lang); })[0] ||
      voices.filter(function (v) { return /^nl\b/i.test(v.lang); })[0];
    if (voice) { utterance.voice = voice; }
    utterance.lang = voice ? voice.lang : "nl-BE";
    synth.cancel();
    synth.speak(utterance);
  }

  function addMessage(m) {
    var item = el("div", { "class": "tb-msg tb-" + (m.kind || "answer"), lang: m.lang || "nl", dir: m.dir || "ltr" });
    item.appendChild(el("p", { "class": "tb-text" }, m.text || ""));
    var tools = el("div", { "class": "tb-tools" });
    if ((m.lang || "nl") === "nl" && m.kind !== "error" && window.speechSynthesis) {
      var read = el("button", { type: "button", "class": "tb-tool" });
      label(read, "read_aloud");
      read.addEventListener("click", function () { speak(m.text); });
      tools.appendChild(read);
    }
    if (m.kind === "answer") {
      var unhelpful = el("button", { type: "button", "class": "tb-tool" });
      label(unhelpful, "not_helpful");
      unhelpful.addEventListener("click", function () { send("/feedback_negative", ui("not_helpful").text); });
      tools.appendChild(unhelpful);
    }
    (m.buttons || []).forEach(function (b) {
      var quick = el("button", { type: "button", "class": "tb-quick", lang: "nl", dir: "ltr" }, b.title);
      quick.addEventListener("click", function () { send(b.payload, b.title); });
      tools.appendChild(quick);
    });
    if (tools.childNodes.length) { item.appendChild(tools); }
    log.appendChild(item);
  }

  function addUser(text) {
    var item = el("div", { "class": "tb-msg tb-user", dir: "auto" });
    var who = el("span", { "class": "tb-visually-hidden" });
    label(who, "you");
    item.appendChild(who);
    item.appendChild(el("p", { "class": "tb-text" }, text));
    log.appendChild(item);
  }

  function showAlert(text, lang, dir) {
    alert.textContent = text;
    alert.lang = lang || "nl";
    alert.dir = dir || "ltr";
    alert.hidden = false;
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  /* ---- talking to the gateway ---- */
  function send(text, shown, silent) {
    if (busy) { return Promise.resolve(false); }
    busy = true;
    alert.hidden = true;
    if (!silent) { addUser(shown || text); scroll(); }
    var body = { session: sessionId(), text: text, languages: navigator.languages || [navigator.language] };
    if (municipality) { body.municipality = municipality; }
    if (choice) { body.choice = choice; }
    body.language = current;  // kept by the server when a message is too short to tell its language
    return fetch(base + "/api/chat", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (reply) {
        (reply.messages || []).forEach(addMessage);
        if (reply.language && reply.language.code && languages[reply.language.code]) {
          current = reply.language.code;
          if (!choice) { select.value = ""; }
          relabel();
        }
        follow(reply.handover);
        if (!response.ok && !(reply.messages || []).length) {
          var t = ui("offline");
          showAlert(t.text, t.lang, t.dir);
        }
        scroll();
        return response.ok;
      });
    }, function () {
      var t = ui("offline");  // the server cannot be reached: the typed text stays in the box
      showAlert(t.text, t.lang, t.dir);
      return false;
    }).then(function (ok) { busy = false; return ok; });
  }

  /* A staff member answers in this chat (handover): fetch their messages until they hand back. */
  function follow(handover) {
    if (handover && handover.state !== "ended" && !polling) {
      polling = window.setInterval(poll, 2500);
    }
  }
  function poll() {
    var url = base + "/api/chat/updates?session=" + encodeURIComponent(sessionId()) + "&since=" + since;
    fetch(url).then(function (r) { return r.json(); }).then(function (body) {
      (body.messages || []).forEach(addMessage);
      if ((body.messages || []).length) { scroll(); }
      since = body.since || since;
      if (!body.handover || body.handover.state === "ended") {
        window.clearInterval(polling);
        polling = null;
      }
    }, function () { /* try again at the next tick */ });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    send(text).then(function (ok) {
      if (ok) { input.value = ""; }
      input.focus();
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.dispatchEvent(new Event("submit")); }
    }
  });
  select.addEventListener("change", function () {
    choice = select.value || null;
    relabel();
    if (choice) { send("/choose_language", null, true).then(function () { input.focus(); }); }
  });
  log.addEventListener("click", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("tb-quick")) { input.focus(); }
  });

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("tb-open");
    input.focus();
  }
  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("tb-open");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { shut(); } });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { shut(); } });

  /* ---- start ---- */
  var style = el("link", { rel: "stylesheet", href: base + "/static/widget.css" });
  document.head.appendChild(style);
  (navigator.languages || []).some(function (tag) {
    var code = String(tag).toLowerCase().split("-")[0];
    if (code) { current = code; return true; }
    return false;
  });
  relabel();
  document.body.appendChild(root);
  fetch(base + "/api/languages").then(function (r) { return r.json(); }).then(function (body) {
    (body.languages || []).forEach(function (l) { languages[l.code] = l; order.push(l.code); });
    if (!languages[current]) { current = "nl"; }
    fillPicker();
    relabel();
  }, function () { current = "nl"; fillPicker(); relabel(); });
  window.Taalbrug = { open: open, close: shut };
}());
