// A job's page: ask for its progress every second until it has finished, then show its outcome and the result link.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !box.hasAttribute("data-running")) { return; }
  var url = box.getAttribute("data-progress-url");
  function show(p) {
    document.getElementById("job-state").textContent = p.state_label;
    document.getElementById("job-count").textContent = p.total ? p.done + " / " + p.total : "";
    var bar = document.getElementById("job-bar");
    bar.value = p.percent;
    bar.textContent = p.percent + "%";
    if (!p.finished) { return false; }
    document.getElementById("job-hint").hidden = true;
    if (p.state === "failed") {
      var message = document.getElementById("job-message");
      message.textContent = message.textContent.split("：")[0] + "：" + p.message;
      message.hidden = false;
    }
    if (p.state === "done" && p.message) {
      var note = document.getElementById("job-note");
      note.textContent = p.message;
      note.hidden = false;
    }
    var files = document.getElementById("job-files");
    (p.outputs || []).forEach(function (f) {
      var link = document.createElement("a");
      link.href = f.url;
      link.textContent = files.getAttribute("data-label") + " " + f.name;
      var item = document.createElement("li");
      item.appendChild(link);
      files.appendChild(item);
    });
    if (p.result_url) {
      var result = document.getElementById("job-result");
      result.querySelector("a").setAttribute("href", p.result_url);
      result.hidden = false;
    }
    return true;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) { if (!p || !show(p)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
