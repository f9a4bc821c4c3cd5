// Arbiter pages: small progressive enhancements. Every page works without this file (forms post
// and redirect, a waiting submission refreshes itself); with it, times show in the viewer's
// locale, a submission's status updates in place, and files load into the editor.
(function () {
  "use strict";

  // Times arrive as ISO-8601 UTC in <time datetime>; show them in the viewer's locale and zone.
  var fmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) {
        t.textContent = fmt.format(d);
        t.title = t.getAttribute("datetime");
      }
    });
  }

  // Problem documents (RFC 9457) become a visible, announced error summary.
  function showProblem(container, problem) {
    var box = document.createElement("div");
    box.className = "error-summary";
    box.setAttribute("role", "alert");
    box.tabIndex = -1;
    var h = document.createElement("h2");
    h.textContent = problem.title || "Something went wrong";
    var p = document.createElement("p");
    p.textContent = problem.detail || ("HTTP " + (problem.status || "error"));
    box.appendChild(h);
    box.appendChild(p);
    container.querySelectorAll(".error-summary").forEach(function (e) { e.remove(); });
    container.prepend(box);
    box.focus();
  }

  function readProblem(response) {
    return response.text().then(function (text) {
      try { return JSON.parse(text); } catch (e) { return { status: response.status, detail: text.slice(0, 300) }; }
    });
  }

  // Live status: poll the submission's status; re-render the panel from the server whenever it
  // changes, so results are drawn by the same template as a full page load.
  function watch(panel) {
    var statusUrl = panel.getAttribute("data-status-url");
    var panelUrl = panel.getAttribute("data-panel-url");
    var last = panel.getAttribute("data-status");
    var delay = 400;
    function tick() {
      fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) { return readProblem(r).then(function (p) { throw p; }); }
          return r.json();
        })
        .then(function (s) {
          var text = panel.querySelector("[data-eta]");
          if (text && s.status === "QUEUED") {
            text.textContent = s.position > 0
              ? "Position " + s.position + " in the queue" + (s.etaSeconds > 0 ? ", about " + s.etaSeconds + " s" : "")
              : "Next in line";
          }
          if (s.status !== last) {
            last = s.status;
            return refresh(panel, panelUrl).then(function (fresh) {
              if (!s.final) { panel = fresh; delay = 400; setTimeout(tick, delay); }
              else { document.dispatchEvent(new CustomEvent("arbiter:graded", { detail: s })); }
            });
          }
          delay = Math.min(delay * 1.5, 3000);
          setTimeout(tick, delay);
        })
        .catch(function (p) {
          if (p && p.detail) { showProblem(panel.parentNode, p); return; }
          delay = Math.min(delay * 2, 10000); // network blip: keep trying, slower
          setTimeout(tick, delay);
        });
    }
    setTimeout(tick, delay);
  }

  function refresh(panel, url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.firstElementChild;
        panel.replaceWith(fresh);
        localTimes(fresh);
        return fresh;
      });
  }

  // The submit form posts with fetch and shows the live panel in place; the history refreshes
  // when grading ends. Without JS it posts normally and lands on the submission's page.
  function enhanceSubmit(form) {
    var target = document.getElementById(form.getAttribute("data-live-target"));
    form.addEventListener("submit", function (ev) {
      if (!window.fetch || !target) { return; }
      ev.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) { return readProblem(r).then(function (p) { throw p; }); }
          return r.json();
        })
        .then(function (created) {
          form.querySelectorAll(".error-summary").forEach(function (e) { e.remove(); });
          target.innerHTML = "";
          var placeholder = document.createElement("div");
          target.appendChild(placeholder);
          return refresh(placeholder, created.panelUrl).then(function (panel) {
            panel.scrollIntoView({ block: "nearest" });
            if (panel.hasAttribute("data-status-url")) { watch(panel); }
          });
        })
        .catch(function (p) { showProblem(form, p || {}); })
        .finally(function () { button.disabled = false; });
    });
  }

  function reloadFragment(el) {
    fetch(el.getAttribute("data-fragment-url"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { el.innerHTML = html; localTimes(el); } });
  }

  // A chosen file fills the editor (and its name the file-name field), so students can still
  // look at and edit what they send.
  function enhanceFile(input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var editor = document.getElementById(input.getAttribute("data-fills"));
      var nameField = document.getElementById(input.getAttribute("data-fills-name"));
      file.text().then(function (text) {
        if (editor) { editor.value = text; }
        if (nameField) { nameField.value = file.name; }
      });
    });
  }

  // Tab in the editor inserts spaces instead of leaving the field; Escape then Tab leaves it, so
  // keyboard users are never trapped (WCAG 2.1.2).
  function enhanceEditor(area) {
    var escaped = false;
    area.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { escaped = true; return; }
      if (ev.key === "Tab" && !ev.shiftKey && !escaped) {
        ev.preventDefault();
        var s = area.selectionStart;
        area.setRangeText("    ", s, area.selectionEnd, "end");
      } else { escaped = false; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    document.querySelectorAll("[data-status-url]").forEach(function (p) {
      if (p.getAttribute("data-final") !== "true") { watch(p); }
    });
    document.querySelectorAll("form[data-live-target]").forEach(enhanceSubmit);
    document.querySelectorAll("input[type=file][data-fills]").forEach(enhanceFile);
    document.querySelectorAll("textarea.code").forEach(enhanceEditor);
    document.querySelectorAll("form[data-once]").forEach(function (f) {
      f.addEventListener("submit", function () {
        var b = f.querySelector("button[type=submit]");
        if (b) { setTimeout(function () { b.disabled = true; }, 0); }
      });
    });
    document.addEventListener("arbiter:graded", function () {
      document.querySelectorAll("[data-fragment-url]").forEach(reloadFragment);
    });
  });
})();
