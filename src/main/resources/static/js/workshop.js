// The workshop box's numbered gutter follows the lines as they are typed (the server numbers what it received).
(function () {
  'use strict';
  function refresh(box) {
    var gutter = document.getElementById(box.getAttribute('data-gutter'));
    if (!gutter) {
      return;
    }
    var shown = Math.min(5000, Math.max(8, box.value.split('\n').length + 1));
    box.rows = shown;
    for (var n = gutter.children.length + 1; n <= shown; n++) {
      var number = document.createElement('span');
      number.textContent = String(n);
      gutter.appendChild(number);
    }
    while (gutter.children.length > shown) {
      gutter.removeChild(gutter.lastChild);
    }
    gutter.scrollTop = box.scrollTop;
  }
  function all() {
    document.querySelectorAll('textarea[data-gutter]').forEach(refresh);
  }
  document.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('textarea[data-gutter]')) {
      refresh(event.target);
    }
  });
  document.addEventListener('scroll', function (event) {
    if (event.target.matches && event.target.matches('textarea[data-gutter]')) {
      var gutter = document.getElementById(event.target.getAttribute('data-gutter'));
      if (gutter) {
        gutter.scrollTop = event.target.scrollTop;
      }
    }
  }, true);
  document.addEventListener('htmx:afterSwap', all);
  all();
}());
