// Progressive enhancement of a public survey. A question with a simple condition is hidden until
// the answer it depends on matches; a question or a section with a condition expression
// (data-relevant) is hidden until it holds, and a constraint (data-constraint) shows its message
// as soon as the answer breaks it. The expressions are the XPath the server evaluates with
// JavaRosa, evaluated here by Enketo's openrosa-xpath-evaluator over an instance
// <data><code>value</code>…</data> built from the inputs, values written like ODK's (a multiple
// choice as its codes separated by spaces, yes/no as yes or no).
// Without JavaScript every question shows, with its condition written above it, and the server
// ignores the answers whose condition does not hold and refuses those breaking a constraint.
(function () {
  var form = document.querySelector('main form');
  if (!form) {
    return;
  }
  var each = function (list, action) {
    Array.prototype.forEach.call(list, action);
  };
  var questions = form.querySelectorAll('.question[data-code]');
  var conditional = form.querySelectorAll('[data-condition]');
  var evaluator = null;
  try {
    evaluator = window.openrosaXPath ? window.openrosaXPath() : null;
  } catch (e) {
    evaluator = null;
  }

  function given(name) {
    return Array.prototype.map.call(form.querySelectorAll('[name="' + name + '"]:checked'), function (input) {
      return input.value;
    });
  }

  function value(question) {
    var field = question.getAttribute('data-field');
    var kind = question.getAttribute('data-kind');
    if (kind === 'MULTIPLE') {
      return given(field).join(' ');
    }
    if (kind === 'SINGLE' || kind === 'AGREEMENT') {
      return given(field).join('');
    }
    if (kind === 'YES_NO') {
      var answer = given(field).join('');
      return answer === 'true' ? 'yes' : answer === 'false' ? 'no' : '';
    }
    var input = question.querySelector('[name="' + field + '"]');
    var text = input ? input.value.trim() : '';
    if (kind === 'NUMBER') {
      text = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
    }
    return text;
  }

  function instance() {
    var doc = document.implementation.createDocument(null, 'data', null);
    var nodes = {};
    each(questions, function (question) {
      var code = question.getAttribute('data-code');
      try {
        var node = doc.createElement(code);
        node.textContent = value(question);
        doc.documentElement.appendChild(node);
        nodes[code] = node;
        var other = question.querySelector('input.other');
        if (other && !nodes[code + '_other']) {
          var otherNode = doc.createElement(code + '_other');
          otherNode.textContent = given(question.getAttribute('data-field')).indexOf('other') >= 0 ? other.value.trim() : '';
          doc.documentElement.appendChild(otherNode);
          nodes[code + '_other'] = otherNode;
        }
      } catch (e) {
        // a code that is no XML name cannot be read by an expression
      }
    });
    return { doc: doc, nodes: nodes };
  }

  // whether an expression holds; one that cannot be evaluated counts as holding, as on the server
  function holds(expression, data, context) {
    if (!expression || !evaluator) {
      return true;
    }
    try {
      return evaluator.evaluate(expression, context || data.doc.documentElement, null,
        XPathResult.BOOLEAN_TYPE, null).booleanValue;
    } catch (e) {
      return true;
    }
  }

  function simpleConditionHolds(question) {
    if (!question.hasAttribute('data-condition')) {
      return true;
    }
    var expected = question.getAttribute('data-values').split(' ');
    return given(question.getAttribute('data-condition')).some(function (value) {
      return expected.indexOf(value) >= 0;
    });
  }

  function hiddenByAncestor(element) {
    for (var parent = element.parentElement; parent && parent !== form; parent = parent.parentElement) {
      if (parent.classList.contains('hidden')) {
        return true;
      }
    }
    return false;
  }

  function clear(data, question) {
    var code = question.getAttribute('data-code');
    if (data.nodes[code]) {
      data.nodes[code].textContent = '';
    }
    if (data.nodes[code + '_other']) {
      data.nodes[code + '_other'].textContent = '';
    }
  }

  function update() {
    var data = instance();
    // in the page's order, sections and questions; what is not asked is emptied for what follows
    each(form.querySelectorAll('fieldset.section, .question[data-code]'), function (element) {
      var isSection = element.classList.contains('section');
      var context = isSection ? null : data.nodes[element.getAttribute('data-code')];
      var shown = !hiddenByAncestor(element) && holds(element.getAttribute('data-relevant'), data, context)
        && (isSection || simpleConditionHolds(element));
      element.classList.toggle('hidden', !shown);
      if (evaluator) {
        each(element.querySelectorAll(':scope > .condition'), function (note) {
          note.classList.add('hidden');
        });
      }
      if (isSection) {
        if (!shown) {
          each(element.querySelectorAll('.question[data-code]'), function (question) {
            clear(data, question);
          });
        }
        return;
      }
      if (!shown) {
        clear(data, element);
      }
      var message = element.querySelector('.constraint-message');
      if (message) {
        var answered = context && context.textContent !== '';
        var broken = shown && answered && !holds(element.getAttribute('data-constraint'), data, context);
        message.hidden = !broken;
        each(element.querySelectorAll('input, textarea'), function (input) {
          if (broken) {
            input.setAttribute('aria-invalid', 'true');
            input.setAttribute('aria-describedby', message.id);
          } else if (!element.classList.contains('invalid')) {
            input.removeAttribute('aria-invalid');
          }
        });
      }
    });
    each(conditional, function (question) {
      if (!question.hasAttribute('data-code')) {
        question.classList.toggle('hidden', !simpleConditionHolds(question));
      }
    });
  }
  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
  var errors = document.getElementById('errors');
  if (errors) {
    errors.focus();
  }
})();
