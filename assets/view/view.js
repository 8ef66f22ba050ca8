// kg view: draws the graph embedded in #kg-data with Cytoscape.js, at the
// positions kg computed (fCoSE refines them on demand); a search box focuses an entity, a click on an edge shows
// its evidence sentences. Everything read from the data is put in the page
// as text (textContent), never as HTML.
(function () {
  'use strict';
  var view = window.kgView;
  // Milliseconds from navigation start to each step of the first draw.
  var marks = view.marks = { script: performance.now() };
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  marks.json = performance.now();

  var STRAIGHT_OVER = 300;
  var TYPE_COLOURS = {
    PER: '#4e79a7', ORG: '#f28e2b', LOC: '#59a14f', MISC: '#b07aa1', EVENT: '#e15759'
  };
  var LABEL_COLOURS = {
    meets: '#1f77b4', role: '#ff7f0e', leads: '#d62728', member_of: '#2ca02c',
    represents: '#9467bd', located_in: '#8c564b', part_of: '#17becf',
    agrees_with: '#a5a800', opposes: '#e377c2', cooccurs: '#b0b0b0'
  };

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  // Sizes in pixels at the zoom that fits the graph (a small graph is not
  // blown up past 1.5): the biggest node half as wide as the room each
  // node has on screen (10 to 36 px), the others down to 30% of that by
  // the square root of their mentions; edge widths by the log of their
  // sentences. The names of the most mentioned entities (one per 30,000
  // square pixels, at least 8, at most 40) and of the centre are readable
  // at once where they overlap no name shown before them (the centre
  // first, then by mentions); the others are drawn small, so they only
  // show once zoomed in twice as far (min-zoomed-font-size).
  var maxMentions = data.nodes.reduce(function (m, n) { return Math.max(m, n.mentions); }, 1);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var ranked = data.nodes.slice().sort(function (a, b) {
    return (b.id === data.center) - (a.id === data.center) || b.mentions - a.mentions || a.id - b.id;
  });
  var container = document.getElementById('cy');

  // The zoom and pan that fit `at` (id -> {x, y}) in the container, and
  // each node's size and font and each edge's width at that zoom.
  function sizes(at) {
    var box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    data.nodes.forEach(function (n) {
      var p = at[n.id];
      box.x1 = Math.min(box.x1, p.x); box.x2 = Math.max(box.x2, p.x);
      box.y1 = Math.min(box.y1, p.y); box.y2 = Math.max(box.y2, p.y);
    });
    var w = container.clientWidth || 800, h = container.clientHeight || 600, pad = 50;
    var z = Math.min(1.5, (w - 2 * pad) / Math.max(1, box.x2 - box.x1),
      (h - 2 * pad) / Math.max(1, box.y2 - box.y1));
    var room = Math.max(10, Math.min(36, 0.5 * Math.sqrt(w * h / Math.max(1, data.nodes.length))));
    var labelled = Math.max(8, Math.min(40, Math.round(w * h / 30000)));
    var placed = [];
    function free(p, size, font, text) {
      var bw = 0.65 * font * text.length + 6 / z, b = { x1: p.x - bw / 2, x2: p.x + bw / 2, y1: p.y + size / 2 };
      b.y2 = b.y1 + 1.3 * font;
      var clear = placed.every(function (o) {
        return b.x2 < o.x1 || o.x2 < b.x1 || b.y2 < o.y1 || o.y2 < b.y1;
      });
      if (clear) { placed.push(b); }
      return clear;
    }
    var node = {};
    ranked.forEach(function (n, i) {
      var r = Math.sqrt(n.mentions / maxMentions);
      var size = room * (0.3 + 0.7 * r) / z, font = (12 + 6 * r) / z;
      var big = (i < labelled || n.id === data.center) && free(at[n.id], size, font, n.name);
      node[n.id] = { size: size, font: big ? font : 5.5 / z };
    });
    var edge = data.edges.map(function (e) {
      return (0.7 + 0.9 * Math.log2(Math.min(64, Math.max(1, e.count)))) / z;
    });
    return {
      zoom: z,
      pan: { x: w / 2 - z * (box.x1 + box.x2) / 2, y: h / 2 - z * (box.y1 + box.y2) / 2 },
      node: node, edge: edge
    };
  }

  // The positions kg computed, and the sizes for them.
  var first = {};
  data.nodes.forEach(function (n) { first[n.id] = { x: n.x, y: n.y }; });
  var fit = sizes(first);
  var elements = [];
  // The nodes without a readable name first, then those with one, the
  // least mentioned first: the names that matter are drawn on top.
  var big = function (n) { return fit.node[n.id].font > 5.5 / fit.zoom; };
  ranked.filter(function (n) { return !big(n); }).reverse()
    .concat(ranked.filter(big).reverse()).forEach(function (n) {
    elements.push({
      group: 'nodes',
      data: {
        id: 'n' + n.id, name: n.name, type: n.type, mentions: n.mentions,
        size: fit.node[n.id].size, font: fit.node[n.id].font
      },
      position: first[n.id],
      classes: 't-' + n.type + (n.id === data.center ? ' center' : '') + (big(n) ? ' named' : '')
    });
  });
  data.edges.forEach(function (e, i) {
    elements.push({
      group: 'edges',
      data: {
        id: 'e' + i, idx: i, source: 'n' + e.source, target: 'n' + e.target,
        label: e.label, width: fit.edge[i]
      },
      classes: 'l-' + e.label + (e.symmetric ? '' : ' directed') +
        (e.label === 'cooccurs' ? ' cooccurs' : '') +
        (e.source === data.center || e.target === data.center ? ' spoke' : '')
    });
  });
  marks.elements = performance.now();

  // Edges between the same two entities are drawn apart (bezier) on a
  // small graph; on a large one straight, on top of each other (the
  // entity's list gives them all): bezier's control points for a
  // thousand edges and more took most of the first draw.
  var curve = data.edges.length > STRAIGHT_OVER ? 'straight' : 'bezier';
  // Colours by class (a type's, a label's): one style each, rather than
  // a value mapped from every element's data.
  var colours = Object.keys(TYPE_COLOURS).map(function (t) {
    return { selector: 'node.t-' + t, style: { 'background-color': TYPE_COLOURS[t] } };
  }).concat(Object.keys(LABEL_COLOURS).map(function (l) {
    var c = LABEL_COLOURS[l];
    return { selector: 'edge.l-' + l, style: { 'line-color': c, 'target-arrow-color': c } };
  }));
  var cy = cytoscape({
    container: container,
    elements: elements,
    layout: { name: 'preset', fit: false },
    zoom: fit.zoom,
    pan: fit.pan,
    minZoom: 0.05,
    maxZoom: 6,
    style: [
      { selector: 'node', style: {
        'background-color': '#999', 'width': 'data(size)', 'height': 'data(size)',
        'font-size': 'data(font)', 'font-family': 'DejaVu Sans, sans-serif',
        'color': '#1b1b1b', 'text-valign': 'bottom', 'text-margin-y': 3,
        'text-outline-color': '#fff', 'text-outline-width': 2, 'text-outline-opacity': 0.9,
        'min-zoomed-font-size': 10, 'border-width': 1.5, 'border-color': '#fff'
      } },
      { selector: 'node.named', style: { 'label': 'data(name)' } },
      { selector: 'node.center', style: { 'border-width': 4, 'border-color': '#222' } },
      { selector: 'edge', style: {
        'width': 'data(width)', 'line-color': '#888', 'target-arrow-color': '#888',
        'arrow-scale': 0.9, 'curve-style': curve, 'opacity': 0.75
      } },
      { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle' } },
      { selector: 'edge.cooccurs', style: { 'opacity': 0.3 } },
      // The centre's own edges, lighter: what links the others shows.
      { selector: 'edge.spoke', style: { 'opacity': 0.35 } },
      { selector: 'edge.spoke.cooccurs', style: { 'opacity': 0.15 } },
      { selector: '.faded', style: { 'opacity': 0.08, 'text-opacity': 0.15 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
      { selector: 'edge:selected', style: { 'opacity': 1, 'underlay-color': '#ffd400', 'underlay-opacity': 0.6, 'underlay-padding': 3 } },
      { selector: '.off', style: { 'display': 'none' } }
    ].concat(colours)
  });
  marks.init = performance.now();

  // "Refine": fCoSE, started from the positions shown, for a tighter
  // picture on demand (seconds on a few hundred nodes, hence not at once).
  // It draws on Math.random: a fixed seed gives the same picture each time.
  function seeded(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // The fCoSE libraries ride in the page as text (`script.kg-lazy`), run
  // the first time they are needed.
  function loadLayout() {
    document.querySelectorAll('script.kg-lazy').forEach(function (s) {
      var run = document.createElement('script');
      run.text = s.textContent;
      document.head.appendChild(run);
      s.parentNode.removeChild(s);
    });
  }
  function refine() {
    if (cy.nodes().length < 2) { return; }
    loadLayout();
    var random = Math.random;
    Math.random = seeded(17);
    try {
      cy.layout({
        name: 'fcose', quality: 'proof', randomize: false, animate: false, fit: false,
        nodeDimensionsIncludeLabels: data.nodes.length <= 150, packComponents: true,
        nodeRepulsion: function () { return 20000; }, gravity: 0.1,
        idealEdgeLength: function (e) { return e.hasClass('cooccurs') ? 110 : 80; },
        edgeElasticity: function (e) { return e.hasClass('cooccurs') ? 0.2 : 0.45; },
        nodeSeparation: 90, numIter: 2500
      }).run();
    } finally {
      Math.random = random;
    }
    refit();
  }
  document.getElementById('refine').addEventListener('click', refine);

  // Fits the graph as it now lies to the container, as at first.
  function refit() {
    var at = {};
    cy.nodes().forEach(function (node) { at[node.id().slice(1)] = node.position(); });
    var s = sizes(at);
    cy.resize();
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        var v = s.node[node.id().slice(1)];
        node.data({ size: v.size, font: v.font });
      });
      cy.edges().forEach(function (edge) { edge.data('width', s.edge[edge.data('idx')]); });
    });
    fitZoom = s.zoom;
    cy.viewport({ zoom: s.zoom, pan: s.pan });
    cy.nodes().forEach(function (node) {
      node.toggleClass('named', allNamed || s.node[node.id().slice(1)].font > 5.5 / s.zoom);
    });
  }
  // A name too small to read at the fitted zoom has no label until the
  // reader zooms in far enough for it to show (min-zoomed-font-size):
  // on a hub that is most names, and laying them all out slowed the
  // first draw.
  var fitZoom = fit.zoom, allNamed = false;
  cy.on('zoom', function () {
    if (!allNamed && cy.zoom() / fitZoom * 5.5 >= 10) {
      allNamed = true;
      cy.nodes().addClass('named');
    }
  });
  // A resized window fits again at once (a headless browser takes its
  // screenshot right after resizing), unless the reader has selected
  // something.
  var shape = container.clientWidth + 'x' + container.clientHeight;
  window.addEventListener('resize', function () {
    var now = container.clientWidth + 'x' + container.clientHeight;
    if (now !== shape && cy.$(':selected').length === 0) { refit(); }
    shape = now;
  });

  // Legend: the types and labels present, with counts; a label's box hides
  // or shows its edges.
  function legend() {
    var types = {}, labels = {};
    data.nodes.forEach(function (n) { types[n.type] = (types[n.type] || 0) + 1; });
    data.edges.forEach(function (e) { labels[e.label] = (labels[e.label] || 0) + 1; });
    var tl = document.getElementById('types');
    Object.keys(TYPE_COLOURS).filter(function (t) { return types[t]; }).forEach(function (t) {
      var li = el('li');
      li.appendChild(el('span', { 'class': 'dot', style: 'background:' + TYPE_COLOURS[t] }));
      li.appendChild(document.createTextNode(t + ' '));
      li.appendChild(el('span', { 'class': 'count' }, String(types[t])));
      tl.appendChild(li);
    });
    var ll = document.getElementById('labels');
    Object.keys(LABEL_COLOURS).filter(function (l) { return labels[l]; }).forEach(function (l) {
      var li = el('li');
      var label = el('label');
      var box = el('input', { type: 'checkbox', 'data-label': l });
      box.checked = true;
      box.addEventListener('change', function () {
        var edges = cy.edges().filter(function (e) { return e.data('label') === l; });
        if (box.checked) { edges.removeClass('off'); } else { edges.addClass('off'); }
      });
      label.appendChild(box);
      label.appendChild(el('span', { 'class': 'bar', style: 'background:' + LABEL_COLOURS[l] }));
      label.appendChild(document.createTextNode(l + ' '));
      label.appendChild(el('span', { 'class': 'count' }, String(labels[l])));
      li.appendChild(label);
      ll.appendChild(li);
    });
  }

  var details = document.getElementById('details');
  var hint = details.innerHTML;
  function clearDetails() { details.textContent = ''; }

  function showEdge(edge) {
    var e = data.edges[edge.data('idx')];
    var head = byId[e.source], tail = byId[e.target];
    clearDetails();
    var h = el('h3');
    h.appendChild(document.createTextNode(head.name + ' '));
    h.appendChild(el('span', { style: 'color:' + (LABEL_COLOURS[e.label] || '#888') },
      '— ' + e.label + ' ' + (e.symmetric ? '—' : '→')));
    h.appendChild(document.createTextNode(' ' + tail.name));
    details.appendChild(h);
    var shown = e.evidence.length;
    details.appendChild(el('p', { 'class': 'meta' },
      'confidence ' + e.confidence.toFixed(2) + ' · ' + plural(e.count, 'sentence') +
      (shown < e.count ? ' (' + shown + ' shown)' : '')));
    var ol = el('ol', { 'class': 'evidence' });
    e.evidence.forEach(function (s) {
      var li = el('li');
      var q = el('q');
      var at = s.trigger ? s.sentence.indexOf(s.trigger) : -1;
      if (at >= 0) {
        q.appendChild(document.createTextNode(s.sentence.slice(0, at)));
        q.appendChild(el('mark', { 'class': 'trigger', title: 'trigger' }, s.trigger));
        q.appendChild(document.createTextNode(s.sentence.slice(at + s.trigger.length)));
      } else {
        q.textContent = s.sentence;
      }
      li.appendChild(q);
      var title = s.title && s.title.length > 90 ? s.title.slice(0, 89) + '…' : s.title;
      var cite = (title ? title + ' — ' : '') + s.article + (s.date ? ' · ' + s.date : '');
      // The day the sentence itself tells of ("jeudi" read as a day).
      if (s.when && s.date_words) {
        cite += ' · on ' + s.when.replace('/', ' to ') + ' ("' + s.date_words + '")';
      }
      li.appendChild(el('cite', {}, cite));
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }

  function showNode(node) {
    var n = byId[node.data('id').slice(1)];
    clearDetails();
    details.appendChild(el('h3', {}, n.name));
    details.appendChild(el('p', { 'class': 'meta' },
      n.type + ' · ' + plural(n.mentions, 'mention') + ' · #' + n.id));
    if (n.aliases.length > 1) {
      details.appendChild(el('p', { 'class': 'meta' }, 'also: ' + n.aliases.join(', ')));
    }
    var edges = node.connectedEdges().sort(function (a, b) {
      var x = data.edges[a.data('idx')], y = data.edges[b.data('idx')];
      return (y.label !== 'cooccurs') - (x.label !== 'cooccurs') || y.count - x.count;
    });
    details.appendChild(el('h2', {}, plural(edges.length, 'relation') + ' in this view'));
    var ul = el('ul', { 'class': 'rels' });
    edges.forEach(function (edge) {
      var e = data.edges[edge.data('idx')];
      var other = byId[e.source === n.id ? e.target : e.source];
      var dir = e.symmetric ? '—' : (e.source === n.id ? '→' : '←');
      var b = el('button', { type: 'button' }, e.label + ' ' + dir + ' ' + other.name + ' (' + e.count + ')');
      b.addEventListener('click', function () { select(edge); });
      var li = el('li');
      li.appendChild(b);
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  function highlight(eles) {
    cy.elements().addClass('faded');
    eles.removeClass('faded');
  }
  // What is selected is kept in the address (#entity=ID or
  // #edge=HEAD-label-TAIL), so a link opens the page on it.
  function edgeKey(e) { return e.source + '-' + e.label + '-' + e.target; }
  function select(ele) {
    cy.elements().unselect();
    ele.select();
    var place;
    if (ele.isEdge()) {
      highlight(ele.union(ele.connectedNodes()));
      showEdge(ele);
      place = '#edge=' + edgeKey(data.edges[ele.data('idx')]);
    } else {
      highlight(ele.closedNeighborhood());
      showNode(ele);
      place = '#entity=' + ele.id().slice(1);
    }
    if (location.hash !== place) { history.replaceState(null, '', place); }
  }
  function focus(node) {
    select(node);
    cy.animate({ fit: { eles: node.closedNeighborhood(), padding: 60 }, duration: 350 });
  }

  cy.on('tap', 'node, edge', function (evt) { select(evt.target); });
  cy.on('tap', function (evt) {
    if (evt.target === cy) {
      cy.elements().removeClass('faded').unselect();
      details.innerHTML = hint;
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  // Search: a name or alias, case- and accent-insensitive; whole name
  // first, then the start of a name, then anywhere in one.
  var names = document.getElementById('names');
  var index = data.nodes.map(function (n) {
    return { id: n.id, keys: [n.name].concat(n.aliases).map(fold) };
  });
  data.nodes.slice().sort(function (a, b) { return b.mentions - a.mentions; })
    .forEach(function (n) { names.appendChild(el('option', { value: n.name })); });
  function find(query) {
    var q = fold(query);
    if (!q) { return null; }
    var tests = [
      function (k) { return k === q; },
      function (k) { return k.indexOf(q) === 0; },
      function (k) { return k.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < index.length; i++) {
        if (index[i].keys.some(tests[t])) { return index[i].id; }
      }
    }
    return null;
  }
  var msg = document.getElementById('search-msg');
  var search = document.getElementById('search');
  function findAndFocus(text) {
    var id = find(text);
    msg.textContent = id === null && text.trim() ? 'no entity matches in this view' : '';
    if (id !== null) { focus(cy.getElementById('n' + id)); }
  }
  document.getElementById('find').addEventListener('submit', function (evt) {
    evt.preventDefault();
    findAndFocus(search.value);
  });

  // The address may name what to show: #entity=ID, #edge=HEAD-label-TAIL
  // or #find=TEXT (as typed in the search box).
  function restore() {
    var m = /^#(entity|edge|find)=(.*)$/.exec(location.hash);
    if (!m) { return; }
    var value = decodeURIComponent(m[2]);
    if (m[1] === 'find') {
      search.value = value;
      findAndFocus(value);
    } else if (m[1] === 'entity') {
      var node = cy.getElementById('n' + value);
      if (node.length) { focus(node); }
    } else {
      var i = data.edges.findIndex(function (e) { return edgeKey(e) === value; });
      if (i >= 0) { select(cy.getElementById('e' + i)); }
    }
  }

  legend();
  restore();
  view.cy = cy;
  view.find = find;
  view.nodeCount = cy.nodes().length;
  view.edgeCount = cy.edges().length;
  marks.ready = performance.now();
  view.ready = true;
  var body = document.body;
  body.setAttribute('data-node-count', String(view.nodeCount));
  body.setAttribute('data-edge-count', String(view.edgeCount));
  body.setAttribute('data-errors', String(view.errors.length));
  body.setAttribute('data-ready', 'true');
  // The first frame drawn: `data-drawn` and the marks (ms from navigation
  // start) on <body>. A timer stays pending until then (about 10 s at
  // most: nested timers wait 4 ms), so
  // a headless browser dumping the page at idle waits for the frame.
  requestAnimationFrame(function () {
    marks.drawn = performance.now();
    body.setAttribute('data-marks', Object.keys(marks).map(function (k) {
      return k + '=' + Math.round(marks[k]);
    }).join(' '));
    body.setAttribute('data-drawn', 'true');
  });
  (function wait(left) {
    if (!marks.drawn && left > 0) { setTimeout(function () { wait(left - 1); }, 1); }
  }(2500));
}());
