(function () {
  'use strict';
  // Sortable tables: click (or Enter on) a header. Numeric cells sort by their data-v value, the rest by text.
  // Numbers sort largest first on the first click, text A to Z; a second click reverses.
  function key(cell, numeric) {
    if (!cell) {
      return numeric ? -Infinity : '';
    }
    var v = cell.getAttribute('data-v');
    if (v === null) {
      v = cell.textContent;
    }
    if (numeric) {
      var n = parseFloat(v);
      return isNaN(n) ? -Infinity : n;
    }
    return v.toLowerCase();
  }

  function sortBy(table, th, col) {
    var numeric = th.classList.contains('num');
    var current = th.getAttribute('aria-sort');
    var ascending = current ? current !== 'ascending' : !numeric;
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      heads[i].removeAttribute('aria-sort');
    }
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, index) {
      return { row: row, key: key(row.cells[col], numeric), index: index };
    });
    keyed.sort(function (a, b) {
      var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (ascending ? c : -c) || a.index - b.index;
    });
    keyed.forEach(function (k) {
      body.appendChild(k.row);
    });
  }

  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead || !table.tBodies.length) {
      return;
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.addEventListener('click', function () {
        sortBy(table, th, col);
      });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sortBy(table, th, col);
        }
      });
    });
  });
  document.documentElement.className += ' js';
}());
