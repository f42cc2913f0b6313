/* Regioportaal: the one script of the layout (the Content-Security-Policy allows no inline script).
 *
 * htmx leaves the page as it is when a request is refused (403), not found (404), fails (500) or never reaches the
 * server; base.html's responseHandling marks those as errors. This script shows the portal's own message in the
 * region #htmx-melding: the heading and the first paragraph of the error page the server sent (already in the
 * user's language), or the region's own fallback texts (data-* attributes, translated in base.html).
 */
(function () {
  "use strict";

  function region() {
    return document.getElementById("htmx-melding");
  }

  function show(kop, tekst) {
    var el = region();
    if (!el) {
      return;
    }
    el.replaceChildren();
    var p = document.createElement("p");
    p.className = "message message-error";
    var strong = document.createElement("strong");
    strong.textContent = kop;
    p.appendChild(strong);
    if (tekst) {
      p.appendChild(document.createTextNode(" " + tekst));
    }
    el.appendChild(p);
    el.hidden = false;
    el.scrollIntoView({ block: "nearest" });
  }

  function clear() {
    var el = region();
    if (el && !el.hidden) {
      el.replaceChildren();
      el.hidden = true;
    }
  }

  function fromPage(xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("text/html") === -1 || !xhr.responseText) {
      return null;
    }
    var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var kop = doc.querySelector("main h1");
    if (!kop) {
      return null;
    }
    var lead = doc.querySelector("main .lead");
    return { kop: kop.textContent.trim(), tekst: lead ? lead.textContent.trim() : "" };
  }

  document.addEventListener("htmx:beforeRequest", clear);

  document.addEventListener("htmx:responseError", function (event) {
    var el = region();
    if (!el) {
      return;
    }
    var xhr = event.detail.xhr;
    var bericht = fromPage(xhr);
    if (bericht) {
      show(bericht.kop, bericht.tekst);
    } else {
      show(el.dataset["fout" + String(xhr.status)] || el.dataset.fout, "");
    }
  });

  document.addEventListener("htmx:sendError", function () {
    var el = region();
    if (el) {
      show(el.dataset.geenVerbinding, "");
    }
  });
})();
