// Minxin reader tools: the progressive enhancement of the 适老版 and 关爱版 controls. Without this script every
// control still works by going through /preferences; with it they act in place. It never moves focus and never
// rewrites ARIA other than the aria-pressed of its own buttons.
(function () {
  "use strict";
  var html = document.documentElement;
  var cookieName = "minxin-reader";
  var maxText = 4;

  // Preferences, in the cookie format the server reads (ReaderPreferences.cs).
  function readPrefs() {
    var p = { m: "standard", t: 0, s: "default", c: false, g: false, p: false, k: false };
    var match = document.cookie.match(/(?:^|;\s*)minxin-reader=([^;]*)/);
    if (!match) return p;
    decodeURIComponent(match[1]).split(";").forEach(function (part) {
      var kv = part.split("="), key = kv[0], value = kv[1] || "";
      if (key === "m" && (value === "elder" || value === "care")) p.m = value;
      else if (key === "t") p.t = Math.max(0, Math.min(maxText, parseInt(value, 10) || 0));
      else if (key === "s" && (value === "yb" || value === "by")) p.s = value;
      else if (key === "c" || key === "g" || key === "p" || key === "k") p[key] = value === "1";
    });
    return p;
  }

  function writePrefs(p) {
    var parts = [];
    if (p.m !== "standard") parts.push("m=" + p.m);
    if (p.t > 0) parts.push("t=" + p.t);
    if (p.s !== "default") parts.push("s=" + p.s);
    ["c", "g", "p", "k"].forEach(function (k) { if (p[k]) parts.push(k + "=1"); });
    document.cookie = cookieName + "=" + encodeURIComponent(parts.join(";")) + ";path=/;max-age=31536000;samesite=lax";
  }

  function classesFor(p) {
    var list = ["mode-" + p.m];
    if (p.m === "standard") return list;
    if (p.t > 0) list.push("text-" + p.t);
    if (p.m === "care") {
      if (p.s !== "default") list.push("scheme-" + p.s);
      if (p.c) list.push("big-cursor");
      if (p.g) list.push("guides");
      if (p.p) list.push("plain-text");
      if (p.k) list.push("captions");
    }
    return list;
  }

  var sizeNames = ["标准", "大", "较大", "很大", "特大"];

  function apply(p) {
    html.className = classesFor(p).join(" ");
    document.querySelectorAll("[data-pref]").forEach(function (b) {
      var pref = b.getAttribute("data-pref");
      if (pref === "scheme") {
        var mine = b.getAttribute("data-value");
        b.setAttribute("aria-pressed", String(p.s === mine));
        b.value = p.s === mine ? "default" : mine;
      } else if (pref === "cursor" || pref === "guides" || pref === "plain" || pref === "captions") {
        var on = p[pref === "cursor" ? "c" : pref === "guides" ? "g" : pref === "plain" ? "p" : "k"];
        b.setAttribute("aria-pressed", String(on));
        b.value = on ? "0" : "1";
      } else if (pref === "text" && b.closest(".elder-form")) {
        b.disabled = b.getAttribute("data-value") === "up" ? p.t >= maxText : p.t <= 0;
      }
    });
    var label = document.getElementById("text-size-label");
    if (label) label.textContent = "字号：" + sizeNames[p.t];
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-pref]");
    if (!button) return;
    event.preventDefault();
    var p = readPrefs();
    var pref = button.getAttribute("data-pref");
    if (pref === "text") p.t = Math.max(0, Math.min(maxText, p.t + (button.getAttribute("data-value") === "up" ? 1 : -1)));
    else if (pref === "scheme") p.s = p.s === button.getAttribute("data-value") ? "default" : button.getAttribute("data-value");
    else if (pref === "cursor") p.c = !p.c;
    else if (pref === "guides") p.g = !p.g;
    else if (pref === "plain") p.p = !p.p;
    else if (pref === "captions") p.k = !p.k;
    else if (pref === "reset") p = { m: p.m, t: 0, s: "default", c: false, g: false, p: false, k: false };
    writePrefs(p);
    apply(p);
  });

  // Copy link: the field is there for everyone; the button only where the clipboard can be written.
  document.querySelectorAll(".copy-link").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.querySelector(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".copy-status");
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = "已复制链接，可以粘贴到微信发给亲友。";
      }, function () {
        field.select();
        if (status) status.textContent = "请长按或按 Ctrl+C 复制链接。";
      });
    });
  });

  // 十字线 and 大字幕 follow the pointer (and focus, for keyboard users).
  var guideX = document.querySelector(".guide-x"), guideY = document.querySelector(".guide-y");
  var captionBar = document.querySelector(".caption-bar");
  document.addEventListener("mousemove", function (e) {
    if (guideX && html.classList.contains("guides")) {
      guideX.style.top = e.clientY + "px";
      guideY.style.left = e.clientX + "px";
    }
  }, { passive: true });

  var readable = "p, h1, h2, h3, li, a, button, label, td, th, caption, figcaption, dt, dd, summary, .status, .indicator-figure";
  function textOf(el) {
    var target = el.closest && el.closest(readable);
    return target ? (target.getAttribute("aria-label") || target.innerText || "").replace(/\s+/g, " ").trim() : "";
  }
  function showCaption(el) {
    var text = textOf(el);
    // Keep the last caption over gaps between texts (and when a scroll moves the page under a still pointer).
    if (captionBar && text && html.classList.contains("captions")) captionBar.textContent = text.slice(0, 200);
  }
  document.addEventListener("mouseover", function (e) { showCaption(e.target); pointRead(e.target); });
  document.addEventListener("focusin", function (e) { showCaption(e.target); pointRead(e.target); });

  // 朗读: speech where the browser has it; the buttons stay hidden elsewhere.
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  document.querySelectorAll(".speech").forEach(function (b) { b.hidden = false; });

  var rate = 1, pointing = false, lastPointed = null, queue = [];
  function voice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) if (/^zh(-|_)?(CN|Hans)?/i.test(voices[i].lang)) return voices[i];
    return null;
  }
  function say(text, onEnd) {
    var u = new SpeechSynthesisUtterance(text);
    u.lang = "zh-CN";
    u.rate = rate;
    var v = voice();
    if (v) u.voice = v;
    if (onEnd) u.onend = onEnd;
    synth.speak(u);
  }
  function stop() {
    queue = [];
    synth.cancel();
    document.querySelectorAll("[data-speech='read-toggle']").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
  }
  function readMain() {
    stop();
    // Each block once, in reading order: the innermost blocks, outside navigation and forms.
    var blocks = Array.prototype.slice.call(document.getElementById("main").querySelectorAll("h1, h2, h3, p, li, caption, figcaption"));
    queue = blocks.filter(function (el) {
      return !el.closest("nav, form") && !blocks.some(function (other) { return other !== el && el.contains(other); });
    }).map(function (el) {
      return el.innerText.replace(/\s+/g, " ").trim();
    }).filter(function (t) { return t.length > 0; });
    next();
  }
  function next() {
    if (queue.length === 0) { stop(); return; }
    say(queue.shift(), next);
  }
  function pointRead(el) {
    if (!pointing) return;
    var target = el.closest && el.closest(readable);
    if (!target || target === lastPointed) return;
    lastPointed = target;
    synth.cancel();
    var text = textOf(target);
    if (text) say(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-speech]");
    if (!button) return;
    var action = button.getAttribute("data-speech");
    if (action === "point") {
      pointing = !pointing;
      lastPointed = null;
      button.setAttribute("aria-pressed", String(pointing));
      if (!pointing) synth.cancel();
    } else if (action === "read") {
      readMain();
    } else if (action === "read-toggle") {
      if (button.getAttribute("aria-pressed") === "true") { stop(); return; }
      readMain();
      button.setAttribute("aria-pressed", "true");
    } else if (action === "pause") {
      if (synth.paused) { synth.resume(); button.textContent = "暂停"; } else { synth.pause(); button.textContent = "继续"; }
    } else if (action === "stop") {
      stop();
    } else if (action === "slower" || action === "faster") {
      rate = Math.max(0.5, Math.min(2, rate + (action === "faster" ? 0.25 : -0.25)));
      say(action === "faster" ? "语速加快" : "语速放慢");
    }
  });
})();
