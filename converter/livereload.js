// converter serve: live reload and build-error overlay.
// Injected only into pages served by `converter serve`, never into built files.
(function () {
  "use strict";
  var ENDPOINT = "/__converter/events";
  var OVERLAY_ID = "__converter_error_overlay";
  // The build this page was served from: any other build number means "reload".
  var script = document.currentScript;
  var pageBuild = script && script.getAttribute("data-build");
  var api = { connected: false };

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.parentNode.removeChild(old);
  }

  function showOverlay(error) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(24,24,24,.97);" +
      "color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:32px;overflow:auto";
    var title = document.createElement("div");
    title.style.cssText = "color:#ff6b6b;font-size:18px;font-weight:bold;margin-bottom:12px";
    title.textContent = "Build error";
    var where = document.createElement("div");
    where.className = "location";
    where.style.cssText = "color:#ffd166;margin-bottom:8px";
    where.textContent = (error.path || "") + (error.line ? ":" + error.line : "");
    var message = document.createElement("pre");
    message.className = "message";
    message.style.cssText = "white-space:pre-wrap;margin:0";
    message.textContent = error.message || "";
    var hint = document.createElement("div");
    hint.style.cssText = "color:#aaa;margin-top:16px";
    hint.textContent = "Fix the file and save: this page updates by itself.";
    box.appendChild(title);
    box.appendChild(where);
    box.appendChild(message);
    box.appendChild(hint);
    (document.body || document.documentElement).appendChild(box);
  }

  // Swap stylesheets in place: re-request each <link rel=stylesheet> with a fresh query.
  function reloadStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    var stamp = "__lr=" + Date.now();
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href").replace(/([?&])__lr=\d+&?/, "$1").replace(/[?&]$/, "");
      var fresh = link.cloneNode();
      fresh.setAttribute("href", href + (href.indexOf("?") >= 0 ? "&" : "?") + stamp);
      fresh.onload = function () { if (link.parentNode) link.parentNode.removeChild(link); };
      link.parentNode.insertBefore(fresh, link.nextSibling);
    });
  }

  function onState(state) {
    api.connected = true;
    if (state.error) { showOverlay(state.error); return; }
    removeOverlay();
    if (!pageBuild) { pageBuild = state.build; return; }
    if (state.build === pageBuild) return;
    pageBuild = state.build;
    if (state.css_only) reloadStylesheets();
    else window.location.reload();
  }

  function connect() {
    if (!window.EventSource) return;
    var source = new EventSource(ENDPOINT);
    source.addEventListener("state", function (event) { onState(JSON.parse(event.data)); });
    // EventSource reconnects by itself after a server restart; the first "state"
    // then carries a new build number and the page reloads.
  }

  api.showOverlay = showOverlay;
  api.removeOverlay = removeOverlay;
  window.__converterLiveReload = api;
  connect();
})();
