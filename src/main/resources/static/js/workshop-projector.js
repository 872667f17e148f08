// The projector: every second, asks which cards changed and shows them (a card that comes with no text is no
// longer shown: it goes); when a card is placed into the chain, the diagram is read again.
(function () {
  'use strict';
  var main = document.querySelector('main[data-changes]');
  if (!main || !window.fetch) {
    return;
  }
  var after = Number(main.getAttribute('data-after')) || 0;
  var waiting = false;
  var diagramWanted = false;

  function cardElement(card) {
    var item = document.createElement('li');
    item.className = 'projector-card';
    item.id = 'pcard-' + card.id;
    var text = document.createElement('p');
    text.className = 'card-text';
    var meta = document.createElement('p');
    meta.className = 'card-meta';
    var role = document.createElement('span');
    role.className = 'card-role';
    var dots = document.createElement('span');
    dots.className = 'dots';
    meta.appendChild(role);
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(dots);
    item.appendChild(text);
    item.appendChild(meta);
    return item;
  }

  function show(card) {
    var old = document.getElementById('pcard-' + card.id);
    if (!card.text) {
      if (old) {
        if (old.getAttribute('data-element')) {
          diagramWanted = true;
        }
        old.parentNode.removeChild(old);
      }
      return;
    }
    var list = document.getElementById('group-' + card.group + '-list');
    if (!list) {
      return;
    }
    var item = old || cardElement(card);
    if (!old) {
      list.appendChild(item);
    }
    item.querySelector('.card-text').textContent = card.text;
    item.querySelector('.card-role').textContent = card.role;
    item.querySelector('.dots').textContent = card.dotsLabel;
    var element = card.elementId === null || card.elementId === undefined ? '' : String(card.elementId);
    if ((item.getAttribute('data-element') || '') !== element) {
      diagramWanted = true;
      item.setAttribute('data-element', element);
    }
  }

  function reloadDiagram() {
    diagramWanted = false;
    return fetch(main.getAttribute('data-diagram'), { credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (svg) {
        var frame = document.getElementById('projector-diagram');
        var doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        var root = doc.documentElement;
        if (frame && root && root.nodeName === 'svg') {
          frame.replaceChildren(document.importNode(root, true));
        }
      });
  }

  function poll() {
    if (waiting) {
      return;
    }
    waiting = true;
    fetch(main.getAttribute('data-changes') + '?after=' + after, {
      credentials: 'omit', headers: { Accept: 'application/json' }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (changes) {
        changes.cards.forEach(show);
        after = Math.max(after, changes.next);
        return diagramWanted ? reloadDiagram() : null;
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { waiting = false; });
  }

  window.setInterval(poll, 1000);
  // links drawn during the workshop change no card: the diagram is also read again now and then
  window.setInterval(function () { diagramWanted = true; }, 20000);
})();
