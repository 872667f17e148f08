// Progressive enhancement of a public survey: a question with a condition is hidden until the
// answer it depends on matches. Without JavaScript every question shows, with its condition
// written above it, and the server ignores the answers whose condition is not met.
(function () {
  var form = document.querySelector('main form');
  if (!form) {
    return;
  }
  var conditional = form.querySelectorAll('[data-condition]');
  function given(name) {
    return Array.prototype.map.call(form.querySelectorAll('[name="' + name + '"]:checked'), function (input) {
      return input.value;
    });
  }
  function update() {
    Array.prototype.forEach.call(conditional, function (question) {
      var expected = question.getAttribute('data-values').split(' ');
      var shown = given(question.getAttribute('data-condition')).some(function (value) {
        return expected.indexOf(value) >= 0;
      });
      question.classList.toggle('hidden', !shown);
      var note = question.querySelector('.condition');
      if (note) {
        note.classList.add('hidden');
      }
    });
  }
  form.addEventListener('change', update);
  update();
  var errors = document.getElementById('errors');
  if (errors) {
    errors.focus();
  }
})();
