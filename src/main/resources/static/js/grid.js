// The entry grid: a paste of several cells (from a spreadsheet: tabs and lines) fills the grid
// from the cell it lands in, rightwards and downwards; arrow keys move between cells.
(function () {
  var grid = document.getElementById('grid');
  if (!grid) {
    return;
  }
  function cell(row, column) {
    return grid.querySelector('input[data-row="' + row + '"][data-column="' + column + '"]');
  }
  grid.addEventListener('paste', function (event) {
    var target = event.target;
    var text = (event.clipboardData || window.clipboardData).getData('text');
    if (!target.dataset || text.indexOf('\t') < 0 && text.indexOf('\n') < 0) {
      return;
    }
    event.preventDefault();
    var row = Number(target.dataset.row);
    var column = Number(target.dataset.column);
    text.replace(/\r/g, '').replace(/\n$/, '').split('\n').forEach(function (line, i) {
      line.split('\t').forEach(function (value, j) {
        var input = cell(row + i, column + j);
        if (input && !input.readOnly) {
          input.value = value.trim();
        }
      });
    });
  });
  grid.addEventListener('keydown', function (event) {
    var target = event.target;
    if (!target.dataset || target.dataset.row === undefined) {
      return;
    }
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0] };
    var move = moves[event.key];
    if (move) {
      var next = cell(Number(target.dataset.row) + move[0], Number(target.dataset.column) + move[1]);
      if (next) {
        event.preventDefault();
        next.focus();
        next.select();
      }
    }
  });
})();
