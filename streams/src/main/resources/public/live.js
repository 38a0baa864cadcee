// The live counter: one EventSource on /api/v1/live; the server pushes a snapshot when counts change.
(function () {
  "use strict";
  var I18N = window.PETITION_I18N, PROVINCES = window.PETITION_PROVINCES, LOCALES = window.PETITION_LOCALES;
  var LANGS = ["nl", "fr", "de", "en"];
  var lang = chooseLanguage();
  var last = null;
  var connected = false;
  var lastSpoken = 0;

  function chooseLanguage() {
    var fromUrl = new URLSearchParams(location.search).get("lang");
    if (fromUrl && LANGS.indexOf(fromUrl) >= 0) return fromUrl;
    try {
      var saved = localStorage.getItem("petition.lang");
      if (saved && LANGS.indexOf(saved) >= 0) return saved;
    } catch (e) { /* storage may be off in private mode */ }
    var wanted = navigator.languages || [navigator.language || "nl"];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (LANGS.indexOf(code) >= 0) return code;
    }
    return "nl";
  }

  function t(key) { return (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key; }
  function fmt(n) { return new Intl.NumberFormat(LOCALES[lang]).format(n); }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t("title");
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-aria]").forEach(function (el) { el.setAttribute("aria-label", t(el.dataset.i18nAria)); });
    document.getElementById("lang").value = lang;
    document.querySelectorAll("#map path").forEach(function (p) {
      var title = p.querySelector("title");
      if (title) title.textContent = regionName(p.dataset.region);
    });
    showStatus();
    if (last) render(last);
  }

  function regionName(code) {
    if (PROVINCES[code]) return PROVINCES[code][lang];
    if (code === "BE") return t("region_BE");
    if (code === "ZZ") return t("unknown");
    try {
      return new Intl.DisplayNames([LOCALES[lang]], {type: "region"}).of(code) || code;
    } catch (e) { return code; }
  }

  function showStatus() {
    var status = document.getElementById("status");
    document.getElementById("status-dot").className = connected ? "dot live" : "dot";
    if (!connected) { status.textContent = t("reconnecting"); return; }
    var when = last && last.asOf ? new Date(last.asOf) : new Date();
    status.textContent = t("live") + " · " + t("updated") + " " +
      when.toLocaleTimeString(LOCALES[lang], {hour: "2-digit", minute: "2-digit", second: "2-digit"});
  }

  function loadMap() {
    return fetch("/map/be-provinces.svg").then(function (r) { return r.text(); }).then(function (svg) {
      var map = document.getElementById("map");
      map.innerHTML = svg;
      map.querySelectorAll("path").forEach(function (p) {
        var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = regionName(p.dataset.region);
        p.appendChild(title);
        p.setAttribute("tabindex", "0");
      });
    });
  }

  // Sequential ramp from light pink to the accent colour; square root so small provinces still show.
  function shade(count, max) {
    var f = max > 0 ? Math.sqrt(count / max) : 0;
    var from = [253, 224, 230], to = [179, 0, 45];
    var c = from.map(function (v, i) { return Math.round(v + (to[i] - v) * f); });
    return "rgb(" + c.join(",") + ")";
  }

  function render(s) {
    document.getElementById("total").textContent = fmt(s.total);
    var now = Date.now();
    if (now - lastSpoken > 30000) {
      lastSpoken = now;
      document.getElementById("total").setAttribute("aria-label", fmt(s.total) + " " + t("signatures"));
    }
    renderChannels(s.byChannel || []);
    renderRegions(s.byRegion || []);
    renderHourly(s.hourly || []);
    renderMilestones(s.total, s.milestones || []);
    showStatus();
  }

  function renderChannels(rows) {
    var ul = document.getElementById("channels");
    var max = rows.reduce(function (m, r) { return Math.max(m, r.count); }, 0);
    ul.innerHTML = "";
    ["CALL", "WEB", "APP"].forEach(function (ch) {
      var row = rows.find(function (r) { return r.channel === ch; }) || {count: 0};
      var li = document.createElement("li");
      li.innerHTML = '<span class="label"></span><span class="bar" aria-hidden="true"></span><span class="n"></span>';
      li.querySelector(".label").textContent = t("channel_" + ch);
      li.querySelector(".bar").style.width = (max ? 100 * row.count / max : 0) + "%";
      li.querySelector(".n").textContent = fmt(row.count);
      li.dataset.channel = ch;
      ul.appendChild(li);
    });
  }

  function renderRegions(rows) {
    var byCode = {};
    var abroad = 0;
    rows.forEach(function (r) {
      if (PROVINCES[r.region] || r.region === "BE" || r.region === "ZZ") byCode[r.region] = (byCode[r.region] || 0) + r.count;
      else abroad += r.count;
    });
    var max = Object.keys(PROVINCES).reduce(function (m, c) { return Math.max(m, byCode[c] || 0); }, 0);
    document.querySelectorAll("#map path").forEach(function (p) {
      var n = byCode[p.dataset.region] || 0;
      p.style.fill = shade(n, max);
      p.dataset.count = n;
      var title = p.querySelector("title");
      if (title) title.textContent = regionName(p.dataset.region) + ": " + fmt(n);
    });
    document.getElementById("legend-max").textContent = fmt(max);
    var lines = Object.keys(PROVINCES).map(function (c) { return [regionName(c), byCode[c] || 0, c]; });
    lines.sort(function (a, b) { return b[1] - a[1] || a[0].localeCompare(b[0]); });
    lines.push([t("region_BE"), byCode.BE || 0, "BE"], [t("abroad"), abroad, "abroad"], [t("unknown"), byCode.ZZ || 0, "ZZ"]);
    var body = document.getElementById("region-rows");
    body.innerHTML = "";
    lines.forEach(function (l) {
      var tr = document.createElement("tr");
      tr.dataset.region = l[2];
      tr.innerHTML = "<td></td><td class='n'></td>";
      tr.children[0].textContent = l[0];
      tr.children[1].textContent = fmt(l[1]);
      body.appendChild(tr);
    });
  }

  function renderHourly(rows) {
    var svg = document.getElementById("hourly");
    var W = 480, H = 160, n = Math.max(rows.length, 1);
    var max = rows.reduce(function (m, r) { return Math.max(m, r.count); }, 0);
    var ns = "http://www.w3.org/2000/svg";
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    rows.forEach(function (r, i) {
      var h = max ? (H - 4) * r.count / max : 0;
      var rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", (i * W / n + 1).toFixed(1));
      rect.setAttribute("width", Math.max(W / n - 2, 1).toFixed(1));
      rect.setAttribute("y", (H - h).toFixed(1));
      rect.setAttribute("height", h.toFixed(1));
      var title = document.createElementNS(ns, "title");
      title.textContent = new Date(r.hour).toLocaleString(LOCALES[lang], {weekday: "short", hour: "2-digit", minute: "2-digit"}) + ": " + fmt(r.count);
      rect.appendChild(title);
      svg.appendChild(rect);
    });
    // the bars stretch with the page, so the scale is written under the chart rather than inside it
    var hour = {weekday: "short", hour: "2-digit", minute: "2-digit"};
    document.getElementById("hour-from").textContent = rows.length ? new Date(rows[0].hour).toLocaleString(LOCALES[lang], hour) : "";
    document.getElementById("hour-to").textContent = rows.length ? new Date(rows[rows.length - 1].hour).toLocaleString(LOCALES[lang], hour) : "";
    document.getElementById("hour-max").textContent = "max " + fmt(max) + "/h";
  }

  function renderMilestones(total, milestones) {
    var ol = document.getElementById("milestones");
    ol.innerHTML = "";
    var next = null;
    milestones.forEach(function (m) {
      var li = document.createElement("li");
      var reached = total >= m;
      li.className = reached ? "reached" : "";
      li.textContent = fmt(m) + (reached ? " — " + t("milestoneReached") + " ✓" : "");
      ol.appendChild(li);
      if (!reached && next === null) next = m;
    });
    var box = document.getElementById("next-milestone");
    box.hidden = next === null;
    if (next !== null) {
      document.getElementById("next-text").textContent = t("nextMilestone") + ": " + fmt(next);
      document.getElementById("next-progress").value = total / next;
    }
  }

  function connect() {
    var source = new EventSource("/api/v1/live");
    source.addEventListener("open", function () { connected = true; showStatus(); });
    source.addEventListener("snapshot", function (e) {
      connected = true;
      last = JSON.parse(e.data);
      render(last);
    });
    // EventSource reconnects by itself and sends Last-Event-ID; the server answers with a fresh snapshot.
    source.addEventListener("error", function () { connected = false; showStatus(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("lang").addEventListener("change", function (e) {
      lang = e.target.value;
      try { localStorage.setItem("petition.lang", lang); } catch (err) { /* ignore */ }
      applyLanguage();
    });
    applyLanguage();
    loadMap().then(function () { if (last) render(last); }).finally(connect);
  });
})();
