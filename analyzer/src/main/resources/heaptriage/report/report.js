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
  // The retention tree as an icicle chart. The nodes come in preorder with their depth (a script element of JSON,
  // heap text: it is only ever set as textContent or an attribute value, never parsed as markup). Each row is one
  // level down; a node is as wide as its retained bytes as a share of the node in focus (at first the used heap).
  // Clicking a node puts it in focus, full width; the rows above it are the way back (click one to zoom out).
  // The chart records its state for tests: data-focus is the focused node's index (-1 for the whole heap).
  var ROW = 24;
  var MIN_LABEL_PX = 48; // narrower cells show no text (it would be a bare ellipsis); the hover has it

  function readTree(data) {
    var root = { index: -1, depth: -1, how: '', what: 'Used heap', size: data.heapSize, bytes: data.heapBytes,
      application: false, children: [], parent: null };
    var path = [root];
    data.nodes.forEach(function (n, i) {
      var node = { index: i, depth: n.depth, how: n.how, what: n.what, size: n.size, bytes: n.bytes,
        application: n.application, children: [], parent: null };
      path.length = Math.min(path.length, n.depth + 1);
      node.parent = path[path.length - 1];
      node.parent.children.push(node);
      path.push(node);
    });
    return root;
  }

  function label(node) {
    return node.parent ? (node.depth === 0 ? node.what + ' [' + node.how + ']' : node.how + ' \u2192 ' + node.what) : node.what;
  }

  // The cell's own text drops package names (com.acme.Cache.items -> Cache.items) so a narrow cell still says
  // which field; the hover text keeps them.
  function shortLabel(node) {
    return label(node).replace(/\b(?:[a-z_$][\w$]*\.)+(?=[A-Z_$])/g, '');
  }

  // Hover text: how each parent holds each node, from the GC root down, then the size.
  function pathText(node) {
    var lines = [];
    for (var n = node; n && n.parent; n = n.parent) {
      lines.unshift(label(n));
    }
    return (lines.length ? lines.join('\n') : 'Used heap') + '\n' + node.size;
  }

  function deepest(node) {
    var depth = 0;
    var stack = [[node, 0]];
    while (stack.length) { // a loop, not a recursion: the tree may be deep
      var top = stack.pop();
      depth = Math.max(depth, top[1]);
      top[0].children.forEach(function (c) { stack.push([c, top[1] + 1]); });
    }
    return depth;
  }

  function cell(chart, node, row, left, width, kind, focus) {
    var div = document.createElement('div');
    div.className = 'cell ' + kind + (node.application ? ' app' : '') + (width * chart.clientWidth < MIN_LABEL_PX ? ' narrow' : '');
    div.style.top = (row * ROW) + 'px';
    div.style.left = (left * 100) + '%';
    div.style.width = (width * 100) + '%';
    div.setAttribute('data-index', String(node.index));
    div.setAttribute('data-bytes', String(node.bytes));
    div.setAttribute('role', 'treeitem');
    div.setAttribute('tabindex', '0');
    div.title = pathText(node);
    var text = document.createElement('span');
    text.textContent = shortLabel(node) + '  ' + node.size;
    div.appendChild(text);
    function zoom() { draw(chart, node === focus && node.parent ? node.parent : node); }
    div.addEventListener('click', zoom);
    div.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        zoom();
      }
    });
    chart.appendChild(div);
  }

  function draw(chart, focus) {
    while (chart.firstChild) {
      chart.removeChild(chart.firstChild);
    }
    var above = [];
    for (var a = focus.parent; a; a = a.parent) {
      above.unshift(a);
    }
    above.forEach(function (node, row) {
      cell(chart, node, row, 0, 1, 'crumb', focus);
    });
    var first = above.length;
    var stack = [{ node: focus, row: first, left: 0, width: 1 }];
    while (stack.length) {
      var s = stack.pop();
      cell(chart, s.node, s.row, s.left, s.width, s.node === focus ? 'focus' : 'node', focus);
      var left = s.left;
      s.node.children.forEach(function (c) {
        var width = s.node.bytes > 0 ? s.width * Math.min(1, c.bytes / s.node.bytes) : 0;
        if (width * chart.clientWidth >= 1) {
          stack.push({ node: c, row: s.row + 1, left: left, width: width });
        }
        left += width;
      });
    }
    chart.style.height = ((first + deepest(focus) + 1) * ROW) + 'px';
    chart.setAttribute('data-focus', String(focus.index));
  }

  var chart = document.getElementById('retention-chart');
  var data = document.getElementById('retention-data');
  if (chart && data) {
    draw(chart, readTree(JSON.parse(data.textContent)));
  }
  document.documentElement.className += ' js';
}());
