// Optional: every few seconds, the others' cards on a participant's page are read again (the page
// works without this script: its "see the new cards" link does the same). Nothing else changes.
(function () {
  'use strict';
  var list = document.getElementById('others');
  if (!list || !window.fetch || !window.DOMParser) {
    return;
  }
  var address = list.getAttribute('data-refresh');
  function refresh() {
    if (document.hidden || list.contains(document.activeElement)) {
      return;
    }
    window.fetch(address, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || list.contains(document.activeElement)) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('others');
        if (fresh) {
          list.innerHTML = fresh.innerHTML;
        }
      })
      .catch(function () { /* the next round tries again */ });
  }
  window.setInterval(refresh, 5000);
}());
