// kg view: draws the graph embedded in #kg-data with Cytoscape.js and the
// fCoSE layout; a search box focuses an entity, a click on an edge shows
// its evidence sentences. Everything read from the data is put in the page
// as text (textContent), never as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var view = window.kgView;

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

  // Elements: node sizes and label sizes grow with the square root of the
  // mentions, edge widths with the log of the supporting sentences.
  var maxMentions = data.nodes.reduce(function (m, n) { return Math.max(m, n.mentions); }, 1);
  var byId = {};
  var elements = [];
  data.nodes.forEach(function (n) {
    var r = Math.sqrt(n.mentions / maxMentions);
    byId[n.id] = n;
    elements.push({
      group: 'nodes',
      data: {
        id: 'n' + n.id, name: n.name, type: n.type, mentions: n.mentions,
        colour: TYPE_COLOURS[n.type] || '#999',
        size: 14 + 46 * r, font: 11 + 13 * r // until scale() below
      },
      classes: n.id === data.center ? 'center' : ''
    });
  });
  data.edges.forEach(function (e, i) {
    elements.push({
      group: 'edges',
      data: {
        id: 'e' + i, idx: i, source: 'n' + e.source, target: 'n' + e.target,
        label: e.label, colour: LABEL_COLOURS[e.label] || '#888',
        arrow: e.symmetric ? 'none' : 'triangle',
        width: 1.2 + 1.4 * Math.log2(Math.max(1, e.count))
      },
      classes: e.label === 'cooccurs' ? 'cooccurs' : ''
    });
  });

  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    minZoom: 0.05,
    maxZoom: 6,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(colour)', 'width': 'data(size)', 'height': 'data(size)',
        'label': 'data(name)', 'font-size': 'data(font)', 'font-family': 'DejaVu Sans, sans-serif',
        'color': '#1b1b1b', 'text-valign': 'bottom', 'text-margin-y': 3,
        'text-outline-color': '#fff', 'text-outline-width': 2, 'text-outline-opacity': 0.9,
        'min-zoomed-font-size': 10, 'border-width': 1.5, 'border-color': '#fff'
      } },
      { selector: 'node.center', style: { 'border-width': 4, 'border-color': '#222' } },
      { selector: 'edge', style: {
        'width': 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'data(arrow)', 'arrow-scale': 0.9, 'curve-style': 'bezier',
        'opacity': 0.75
      } },
      { selector: 'edge.cooccurs', style: { 'opacity': 0.3 } },
      { selector: '.faded', style: { 'opacity': 0.08, 'text-opacity': 0.15 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
      { selector: 'edge:selected', style: { 'opacity': 1, 'underlay-color': '#ffd400', 'underlay-opacity': 0.6, 'underlay-padding': 3 } },
      { selector: '.off', style: { 'display': 'none' } }
    ]
  });

  // fCoSE draws on Math.random: a fixed seed gives the same picture for the
  // same graph, each time the page is opened.
  function seeded(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  var random = Math.random;
  var started = Date.now();
  Math.random = seeded(17);
  try {
    cy.layout({
      name: cy.nodes().length > 1 ? 'fcose' : 'grid',
      quality: 'default', randomize: true, animate: false, fit: true, padding: 40,
      nodeDimensionsIncludeLabels: data.nodes.length <= 150, packComponents: true,
      nodeRepulsion: function () { return 20000; }, gravity: 0.1,
      idealEdgeLength: function (e) { return e.hasClass('cooccurs') ? 110 : 80; },
      edgeElasticity: function (e) { return e.hasClass('cooccurs') ? 0.2 : 0.45; },
      nodeSeparation: 90, numIter: 2500
    }).run();
  } finally {
    Math.random = random;
  }
  view.layoutMs = Date.now() - started;
  scale();

  // Sizes in pixels at the zoom that fits the graph (a small graph is not
  // blown up past 1.5): the biggest node half as wide as the room each node has
  // on screen (10 to 36 px), the others down to 30% of that by
  // mentions; the names of the most mentioned entities (one per 30,000
  // square pixels, at least 8, at most 40) and of the centre readable at
  // once where they do not overlap, the others once zoomed in twice as far.
  function scale() {
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center();
    }
    var z = cy.zoom();
    var area = cy.width() * cy.height();
    var room = Math.max(10, Math.min(36, 0.5 * Math.sqrt(area / Math.max(1, data.nodes.length))));
    var LABELLED = Math.max(8, Math.min(40, Math.round(area / 30000)));
    var rank = {};
    data.nodes.slice().sort(function (a, b) { return b.mentions - a.mentions || a.id - b.id; })
      .forEach(function (n, i) { rank[n.id] = i; });
    // A name is shown at once only where it overlaps no name shown
    // before it (most mentioned first; the centre before all).
    var placed = [];
    function free(node, font, text) {
      var p = node.position(), w = 0.65 * font * text.length + 6 / z, h = 1.3 * font;
      var box = { x1: p.x - w / 2, x2: p.x + w / 2, y1: p.y + node.data('size') / 2, y2: 0 };
      box.y2 = box.y1 + h;
      var clear = placed.every(function (b) {
        return box.x2 < b.x1 || b.x2 < box.x1 || box.y2 < b.y1 || b.y2 < box.y1;
      });
      if (clear) { placed.push(box); }
      return clear;
    }
    cy.nodes().sort(function (a, b) {
      var x = byId[a.id().slice(1)], y = byId[b.id().slice(1)];
      return (y.id === data.center) - (x.id === data.center) || rank[x.id] - rank[y.id];
    }).forEach(function (node) {
      var n = byId[node.id().slice(1)];
      var r = Math.sqrt(n.mentions / maxMentions);
      node.data('size', room * (0.3 + 0.7 * r) / z);
      var font = (12 + 6 * r) / z;
      var big = (rank[n.id] < LABELLED || n.id === data.center) && free(node, font, n.name);
      node.data('font', big ? font : 5.5 / z);
    });
    cy.edges().forEach(function (edge) {
      var e = data.edges[edge.data('idx')];
      edge.data('width', (0.7 + 0.9 * Math.log2(Math.min(64, Math.max(1, e.count)))) / z);
    });
  }

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
      li.appendChild(el('cite', {}, (title ? title + ' — ' : '') + s.article));
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
  view.ready = true;
  var body = document.body;
  body.setAttribute('data-node-count', String(view.nodeCount));
  body.setAttribute('data-edge-count', String(view.edgeCount));
  body.setAttribute('data-errors', String(view.errors.length));
  body.setAttribute('data-layout-ms', String(view.layoutMs));
  body.setAttribute('data-ready', 'true');
}());
