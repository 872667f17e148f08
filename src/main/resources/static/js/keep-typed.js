// Keeps what was typed in the other forms of a page when one of them is sent (forms marked
// data-keep-typed): the page that comes back shows it again. sessionStorage: this tab only, and
// cleared once restored.
(function () {
  'use strict';
  var key = 'maillon-typed:' + location.pathname;
  document.addEventListener('submit', function (event) {
    var kept = {};
    document.querySelectorAll('form[data-keep-typed] textarea[id]').forEach(function (box) {
      if (!event.target.contains(box) && box.value.trim() !== '') {
        kept[box.id] = box.value;
      }
    });
    try {
      sessionStorage.setItem(key, JSON.stringify(kept));
    } catch (e) {
      // storage refused or full: the page works as before
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    var kept;
    try {
      kept = JSON.parse(sessionStorage.getItem(key) || '{}');
      sessionStorage.removeItem(key);
    } catch (e) {
      return;
    }
    Object.keys(kept).forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.tagName === 'TEXTAREA') {
        box.value = kept[id];
      }
    });
  });
}());
