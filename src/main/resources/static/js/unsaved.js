// Warns before what was typed is lost: a form of the page holds something not yet saved (typed,
// ticked, chosen, or refused and shown again), and one leaves the page or sends ANOTHER form of
// it. Loaded by the layout; without JavaScript every form works as before, without the warning.
// Forms sent by GET (filters, choices of what to show) are not counted; textareas of a form marked
// data-keep-typed are not counted when another form is sent, since keep-typed.js shows them again.
(function () {
  'use strict';
  var script = document.currentScript;
  var question = (script && script.getAttribute('data-confirm'))
      || 'Ce que vous avez saisi dans un autre formulaire de cette page n\u2019est pas enregistré. Le perdre ?';
  var leaving = false;

  function changed(field) {
    var i;
    switch (field.type) {
      case 'hidden': case 'submit': case 'button': case 'reset': case 'image': case 'password':
        return false;
      case 'checkbox': case 'radio':
        return field.checked !== field.defaultChecked;
      case 'file':
        return field.value !== '';
      case 'select-one': case 'select-multiple':
        var marked = false;
        for (i = 0; i < field.options.length; i++) {
          marked = marked || field.options[i].defaultSelected;
        }
        for (i = 0; i < field.options.length; i++) {
          var expected = marked ? field.options[i].defaultSelected : (field.type === 'select-one' && i === 0);
          if (field.options[i].selected !== expected) {
            return true;
          }
        }
        return false;
      default:
        return typeof field.value === 'string' && field.value !== field.defaultValue;
    }
  }

  // Whether the form holds something not saved; keptCounts false: leave out what keep-typed.js keeps.
  function unsaved(form, keptCounts) {
    if ((form.getAttribute('method') || 'get').toLowerCase() !== 'post' || form.hasAttribute('data-unsaved-ignore')) {
      return false;
    }
    var kept = !keptCounts && form.hasAttribute('data-keep-typed');
    if (!kept && form.querySelector('[aria-invalid="true"]')) {
      return true;
    }
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.disabled || !field.name || (kept && field.tagName === 'TEXTAREA' && field.id)) {
        return false;
      }
      return changed(field);
    });
  }

  // Sending one form: the others' unsaved input would be lost, so ask first (before htmx or the browser sends it).
  document.addEventListener('submit', function (event) {
    var sent = event.target;
    var others = Array.prototype.filter.call(document.forms, function (form) {
      return form !== sent && unsaved(form, false);
    });
    if (others.length > 0 && !window.confirm(question)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  // The form goes (nothing prevented it): its page is left on purpose.
  window.addEventListener('submit', function (event) {
    if (!event.defaultPrevented) {
      leaving = true;
    }
  });

  window.addEventListener('pageshow', function () {
    leaving = false;
  });

  window.addEventListener('beforeunload', function (event) {
    if (leaving) {
      return;
    }
    if (Array.prototype.some.call(document.forms, function (form) { return unsaved(form, true); })) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
}());
