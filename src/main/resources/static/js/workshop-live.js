// The facilitator's live view: every 2 s, asks what changed; when cards changed, reads the page again and
// replaces those cards by id (a card she is using stays as it is until she is done). Without JavaScript, the
// "Actualiser" link does the same.
(function () {
  'use strict';
  var main = document.querySelector('main[data-changes]');
  if (!main || !window.fetch || !window.DOMParser) {
    return;
  }
  var after = Number(main.getAttribute('data-after')) || 0;
  var pageVersion = after;
  var known = {};
  var waiting = false;

  function inUse(element) {
    var active = document.activeElement;
    return active && active !== document.body && element.contains(active);
  }

  function replaceCards(doc, ids) {
    ids.forEach(function (id) {
      var old = document.getElementById('card-' + id);
      if (old && inUse(old)) {
        known[id] = null;
        return;
      }
      var fresh = doc.getElementById('card-' + id);
      if (!fresh) {
        if (old) {
          old.parentNode.removeChild(old);
        }
        return;
      }
      var list = document.getElementById(fresh.parentNode.id);
      var copy = document.importNode(fresh, true);
      if (old && list && old.parentNode === list) {
        list.replaceChild(copy, old);
      } else {
        if (old) {
          old.parentNode.removeChild(old);
        }
        if (list) {
          list.appendChild(copy);
        }
      }
    });
    ['live-summary'].forEach(function (id) {
      var fresh = doc.getElementById(id);
      var old = document.getElementById(id);
      if (fresh && old) {
        old.textContent = fresh.textContent;
      }
    });
  }

  function readPage(ids) {
    return fetch(main.getAttribute('data-page'), { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var freshMain = doc.querySelector('main[data-after]');
        if (freshMain) {
          pageVersion = Math.max(pageVersion, Number(freshMain.getAttribute('data-after')) || 0);
        }
        replaceCards(doc, ids);
      });
  }

  function poll() {
    if (waiting || document.hidden) {
      return;
    }
    waiting = true;
    fetch(main.getAttribute('data-changes') + '?after=' + after, {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (changes) {
        var timeLeft = document.getElementById('time-left');
        if (timeLeft && timeLeft.textContent !== changes.timeLeft) {
          timeLeft.textContent = changes.timeLeft;
        }
        // a card committed late comes again with an older number: missing from the page, it is read all the same
        var ids = [];
        changes.cards.forEach(function (card) {
          var seen = known[card.id];
          if (seen === undefined ? card.changed > pageVersion || !document.getElementById('card-' + card.id)
              : seen !== card.changed) {
            ids.push(card.id);
          }
        });
        function done() {
          changes.cards.forEach(function (card) {
            if (ids.indexOf(card.id) < 0 || known[card.id] !== null) {
              known[card.id] = card.changed;
            }
          });
          after = Math.max(after, changes.next);
        }
        return ids.length ? readPage(ids).then(done) : done();
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { waiting = false; });
  }

  window.setInterval(poll, 2000);
})();
