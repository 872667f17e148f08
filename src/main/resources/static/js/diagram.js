// The diagram fits the page's width (CSS); these buttons zoom in and out of it, and fit it again.
(function () {
  'use strict';
  document.querySelectorAll('[data-diagram-zoom]').forEach(function (figure) {
    var svg = figure.querySelector('.diagram-scroll svg');
    var controls = figure.querySelector('.diagram-zoom');
    if (!svg || !controls) {
      return;
    }
    var zoom = 1;
    controls.hidden = false;
    controls.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-zoom]');
      if (!button) {
        return;
      }
      var action = button.getAttribute('data-zoom');
      zoom = action === 'in' ? Math.min(zoom * 1.25, 4) : action === 'out' ? Math.max(zoom / 1.25, 0.4) : 1;
      svg.style.width = (zoom * 100) + '%';
      figure.setAttribute('data-zoom-level', String(Math.round(zoom * 100)));
    });
  });
}());
