// Checks a new password against the server's rule while it is typed (inputs marked
// data-password-rule, with data-min and data-max): the sentence under the field says whether its
// length fits, announced only when that changes; the count of characters typed follows quietly.
// Without JavaScript the rule is written under the field all the same, and the server checks it.
(function () {
  'use strict';
  function watch(input) {
    var check = document.getElementById(input.id + '-check');
    if (!check) {
      return;
    }
    var min = parseInt(input.getAttribute('data-min'), 10);
    var max = parseInt(input.getAttribute('data-max'), 10);
    var sentence = document.createElement('span');
    var count = document.createElement('span');
    count.className = 'meta';
    count.setAttribute('aria-hidden', 'true');
    check.appendChild(sentence);
    check.appendChild(document.createTextNode(' '));
    check.appendChild(count);
    var shown = null;
    function update() {
      var length = input.value.length;
      var state = length === 0 ? null : length < min ? 'short' : length > max ? 'long' : 'ok';
      check.hidden = state === null;
      count.textContent = '(' + check.getAttribute('data-count') + ' ' + length + ')';
      if (state !== shown) {
        shown = state;
        sentence.textContent = state === null ? '' : check.getAttribute('data-' + state);
        check.className = 'password-check' + (state === null ? '' : ' password-' + state);
      }
    }
    input.addEventListener('input', update);
    update();
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[data-password-rule]').forEach(watch);
  });
}());
