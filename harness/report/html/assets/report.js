/*
 * The live-harness HTML report, drawn in the browser from the data embedded in
 * index.html: #results (the object of results.json) and #annotations (code
 * names, fault spans and the not-run count, worked out when the page was
 * written). Plain JavaScript with no build step; uPlot (loaded before this
 * file) draws the charts. Every timeline entry stays in the data; where a lane
 * would need too many marks, the page draws a capped number and says so.
 */
(function () {
  'use strict';

  /** marks drawn per lane; the rest are counted in a note and stay in the events table */
  var MAX_MARKS_PER_LANE = 1500;
  /** rows of the events table shown at once */
  var ROWS_PER_PAGE = 200;
  /** kinds that arrive every second or so (harness/assert/alignment.ts QUIET_KINDS): drawn last when a lane is capped */
  var QUIET_KINDS = { netstatus: true, audiovolumenotify: true, metric: true, bgmprogress: true };
  var STATUSES = ['failed', 'passed', 'not-applicable'];
  var STATUS_LABEL = { passed: 'passed', failed: 'failed', 'not-applicable': 'not applicable' };
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

  var results = JSON.parse(document.getElementById('results').textContent);
  var notes = JSON.parse(document.getElementById('annotations').textContent);
  var scenarios = results.scenarios || [];

  /** what the reader has filtered out */
  var hiddenStatuses = {};
  var hiddenSources = {};
  /** per scenario index: its rendered view (charts, table state), once opened */
  var views = {};

  // ---------- small helpers ----------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'class') node.className = v;
        else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function fmtMs(ms) {
    if (typeof ms !== 'number' || !isFinite(ms)) return '–';
    if (Math.abs(ms) < 1000) return Math.round(ms * 10) / 10 + ' ms';
    if (Math.abs(ms) < 120000) return Math.round(ms / 10) / 100 + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }

  function colorOf(source) {
    var h = 0;
    for (var i = 0; i < source.length; i++) h = (h * 31 + source.charCodeAt(i)) >>> 0;
    return PALETTE[h % PALETTE.length];
  }

  function entryId(si, i) {
    return 's' + si + '-e' + i;
  }

  function codeName(si, entry) {
    if (typeof entry.code !== 'number') return '';
    var bySource = (notes.scenarios[si] && notes.scenarios[si].codeNames[entry.source]) || {};
    return bySource[String(entry.code)] || '';
  }

  /** One line saying what an entry is: its code and name, or its action, event, metric or method. */
  function entryText(si, e) {
    var d = e.detail && typeof e.detail === 'object' ? e.detail : {};
    if (typeof e.code === 'number') return e.code + ' ' + codeName(si, e);
    if (e.kind === 'action' || e.kind === 'server') return String(d.action || d.event || '');
    if (e.kind === 'metric') return String(d.name || '') + (typeof d.ms === 'number' ? ' ' + d.ms + ' ms' : '');
    if (e.kind === 'call') return String(d.method || '');
    if (e.kind === 'lifecycle') return String(d.name || d.hook || d.event || '');
    if (e.kind === 'setData') return Object.keys(d).join(', ');
    if (e.kind === 'netstatus' && d.info) return (d.info.videoBitrate || 0) + ' kbps, ' + (d.info.videoFPS || 0) + ' fps';
    return '';
  }

  function entryTitle(si, e) {
    return 't = ' + fmtMs(e.t) + ' · ' + e.source + ' · ' + e.kind + (entryText(si, e) ? ' · ' + entryText(si, e) : '');
  }

  /** Lanes in reading order: the phones' components, the page, the viewers, then the world around them. */
  function sourceRank(source) {
    var order = [/^pusher/, /^player/, /^live-room/, /^page/, /^browser/, /^audience/, /^server/, /^proxy/, /^network/, /^device/, /^rig/];
    for (var i = 0; i < order.length; i++) if (order[i].test(source)) return i;
    return order.length;
  }

  function sourcesOf(timeline) {
    var seen = {};
    var list = [];
    timeline.forEach(function (e) {
      if (!seen[e.source]) {
        seen[e.source] = true;
        list.push(e.source);
      }
    });
    return list.sort(function (a, b) {
      return sourceRank(a) - sourceRank(b) || (a < b ? -1 : a > b ? 1 : 0);
    });
  }

  // ---------- the run summary and the filters ----------

  /** Attempts of one scenario under --repeat, and how many passed: flaky when some did and some did not. */
  function repeats() {
    var groups = {};
    scenarios.forEach(function (s) {
      if (!(s.repeat > 1)) return;
      var key = (s.file || '') + '\u0000' + s.name;
      var g = (groups[key] = groups[key] || { name: s.name, attempts: 0, passed: 0 });
      g.attempts++;
      if (s.status === 'passed') g.passed++;
    });
    return Object.keys(groups).map(function (k) {
      return groups[k];
    });
  }

  function renderSummary() {
    var count = function (status) {
      return scenarios.filter(function (s) {
        return s.status === status;
      }).length;
    };
    var reps = repeats();
    var flaky = reps.filter(function (g) {
      return g.passed > 0 && g.passed < g.attempts;
    });
    var card = function (key, label, value) {
      return el('div', { class: 'count count-' + key, 'data-count': key }, [
        el('span', { class: 'value', text: value }),
        el('span', { class: 'label', text: label }),
      ]);
    };
    var clocks = {};
    var wall = 0;
    scenarios.forEach(function (s) {
      clocks[s.clock] = true;
      wall += s.wallMs || 0;
    });
    var machine = results.machine;
    var facts = [
      ['started', results.startedAt],
      ['duration', fmtMs(Date.parse(results.finishedAt) - Date.parse(results.startedAt)) + ' (scenarios ' + fmtMs(wall) + ' wall)'],
      ['seed', results.seed === null ? 'none' : String(results.seed)],
      ['target', results.target],
      ['clock', Object.keys(clocks).join(', ') || '–'],
      [
        'machine',
        machine
          ? [machine.os, machine.cpus !== undefined ? machine.cpus + ' CPUs' : '', machine.node ? 'node ' + machine.node : ''].filter(Boolean).join(' · ')
          : '–',
      ],
      ['interrupted', results.interrupted ? 'yes: the run was stopped' : 'no'],
      ['mini-program', results.miniprogramRoot],
    ];
    if (results.argv) facts.push(['command', [].concat(results.argv).join(' ')]);
    var section = el('section', { class: 'summary', id: 'summary' }, [
      el('h1', { text: 'live-harness report' }),
      el('div', { class: 'counts' }, [
        card('passed', 'passed', count('passed')),
        card('failed', 'failed', count('failed')),
        card('not-applicable', 'not applicable', count('not-applicable')),
        card('not-run', 'not run', notes.notRun),
        reps.length ? card('flaky', 'flaky (of ' + reps.length + ' repeated)', flaky.length) : null,
      ]),
      el(
        'dl',
        { class: 'facts' },
        facts.reduce(function (acc, f) {
          return acc.concat([el('dt', { text: f[0] }), el('dd', { text: f[1], 'data-fact': f[0] })]);
        }, []),
      ),
      results.interrupted
        ? el('p', { class: 'warning', text: 'Interrupted: ' + notes.notRun + ' scenario(s) did not run; the one stopped is reported as it stood.' })
        : null,
      reps.length
        ? el(
            'ul',
            { class: 'repeats' },
            reps.map(function (g) {
              return el('li', { class: g.passed > 0 && g.passed < g.attempts ? 'flaky' : '', text: g.name + ': ' + g.passed + '/' + g.attempts + ' passed' });
            }),
          )
        : null,
    ]);
    return section;
  }

  function renderFilters() {
    var sources = {};
    scenarios.forEach(function (s) {
      (s.timeline || []).forEach(function (e) {
        sources[e.source] = true;
      });
    });
    var statusBoxes = STATUSES.map(function (status) {
      var n = scenarios.filter(function (s) {
        return s.status === status;
      }).length;
      return el('label', { class: 'filter' }, [
        el('input', {
          type: 'checkbox',
          checked: true,
          'data-filter-status': status,
          onchange: function (ev) {
            hiddenStatuses[status] = !ev.target.checked;
            applyFilters();
          },
        }),
        ' ' + STATUS_LABEL[status] + ' (' + n + ')',
      ]);
    });
    var sourceBoxes = Object.keys(sources)
      .sort(function (a, b) {
        return sourceRank(a) - sourceRank(b) || (a < b ? -1 : 1);
      })
      .map(function (source) {
        return el('label', { class: 'filter' }, [
          el('input', {
            type: 'checkbox',
            checked: true,
            'data-filter-source': source,
            onchange: function (ev) {
              hiddenSources[source] = !ev.target.checked;
              applyFilters();
            },
          }),
          ' ',
          el('span', { class: 'swatch', style: 'background:' + colorOf(source) }),
          source,
        ]);
      });
    return el('section', { class: 'filters', id: 'filters' }, [
      el('div', null, [el('strong', { text: 'Status: ' })].concat(statusBoxes)),
      el('div', null, [el('strong', { text: 'Participants: ' })].concat(sourceBoxes)),
    ]);
  }

  function applyFilters() {
    document.querySelectorAll('details.scenario').forEach(function (d) {
      d.hidden = !!hiddenStatuses[d.getAttribute('data-status')];
    });
    document.querySelectorAll('[data-source]').forEach(function (node) {
      node.classList.toggle('source-hidden', !!hiddenSources[node.getAttribute('data-source')]);
    });
    document.querySelectorAll('input[data-filter-source]').forEach(function (box) {
      box.checked = !hiddenSources[box.getAttribute('data-filter-source')];
    });
    Object.keys(views).forEach(function (si) {
      var view = views[si];
      view.charts.forEach(function (c) {
        c.sources.forEach(function (source, k) {
          c.plot.setSeries(k + 1, { show: !hiddenSources[source] });
        });
      });
      view.renderRows();
    });
  }

  // ---------- one scenario ----------

  function renderScenario(s, si) {
    var failed = s.status === 'failed';
    var details = el('details', { class: 'scenario status-' + s.status, id: 's' + si, 'data-status': s.status, 'data-index': si, open: failed });
    var attempt = s.repeat > 1 ? ' · attempt ' + s.attempt + '/' + s.repeat : '';
    details.appendChild(
      el('summary', null, [
        el('span', { class: 'badge badge-' + s.status, text: STATUS_LABEL[s.status] || s.status }),
        el('span', { class: 'name', text: s.name }),
        el('span', {
          class: 'meta',
          text: s.clock + ' · ' + fmtMs(s.virtualMs) + (s.clock === 'virtual' ? ' virtual' : '') + ' · ' + fmtMs(s.wallMs) + ' wall' + attempt,
        }),
      ]),
    );
    var body = el('div', { class: 'body' });
    details.appendChild(body);
    // Bodies are drawn when first opened: a run of many scenarios stays quick to load.
    var draw = function () {
      if (views[si] || !details.open) return;
      views[si] = renderBody(s, si, body);
      applyFilters();
    };
    details.addEventListener('toggle', draw);
    details.draw = function () {
      details.open = true;
      draw();
    };
    return details;
  }

  function renderBody(s, si, body) {
    var ann = notes.scenarios[si] || { faults: [], codeNames: {}, endMs: s.virtualMs };
    var timeline = s.timeline || [];
    body.appendChild(
      el('p', { class: 'where' }, [
        s.file ? el('code', { text: s.file }) : null,
        ' target ' + s.target + ' · ' + timeline.length + ' timeline entries',
        s.opened && s.opened.server ? ' · server ' + JSON.stringify(s.opened.server) : '',
      ]),
    );
    var problems = (s.expectations || []).filter(function (x) {
      return !x.pass;
    });
    if (s.status === 'not-applicable') body.appendChild(renderNotApplicable(s));
    else if (problems.length) body.appendChild(renderProblems(s, si, problems));
    body.appendChild(renderLanes(s, si, ann));
    var charts = [];
    body.appendChild(renderCharts(s, si, ann, charts));
    if (Array.isArray(s.audience) && s.audience.length) body.appendChild(renderAudience(s, si, ann, charts));
    var table = renderEvents(s, si);
    body.appendChild(table.node);
    return { charts: charts, renderRows: table.renderRows, select: table.select };
  }

  function renderNotApplicable(s) {
    var needs = (s.expectations || []).filter(function (x) {
      return x.kind === 'needs';
    })[0];
    var missing = needs && needs.observed && needs.observed.missing ? needs.observed.missing.join(', ') : 'see results.json';
    return el('p', { class: 'not-applicable', text: 'Not applicable on ' + s.target + ': it needs ' + missing + '.' });
  }

  // ---------- expected vs observed ----------

  function entryLink(si, ref) {
    var e = ref.entry;
    return el('a', { href: '#' + entryId(si, ref.index), class: 'entry-link', title: entryTitle(si, e) }, [
      fmtMs(e.t) + ' ' + e.source + ' ' + e.kind + (entryText(si, e) ? ' ' + entryText(si, e) : ''),
    ]);
  }

  function renderProblems(s, si, problems) {
    var section = el('section', { class: 'problems' }, [el('h3', { text: 'Expected vs observed' })]);
    problems.forEach(function (x) {
      if (x.kind === 'sequence' && x.alignment) section.appendChild(renderAlignment(si, x));
      else
        section.appendChild(
          el('div', { class: 'expectation', 'data-kind': x.kind }, [
            el('h4', null, [el('code', { text: x.path }), ' (' + x.kind + ')']),
            el('div', { class: 'side-by-side' }, [
              el('div', null, [el('h5', { text: 'expected' }), el('pre', { text: JSON.stringify(x.expected, null, 2) })]),
              el('div', null, [el('h5', { text: 'observed' }), el('pre', { text: JSON.stringify(x.observed, null, 2) })]),
            ]),
          ]),
        );
    });
    if ((s.failures || []).length)
      section.appendChild(
        el('details', { class: 'failure-text' }, [
          el('summary', { text: 'as text (the console’s failure message)' }),
          el('pre', { text: s.failures.join('\n\n') }),
        ]),
      );
    return section;
  }

  function renderAlignment(si, x) {
    var a = x.alignment;
    var rows = a.steps.map(function (step, k) {
      var observed;
      if (step.status === 'matched') observed = [entryLink(si, step.match), el('span', { class: 'since', text: ' +' + fmtMs(step.sincePreviousMs) })];
      else if (step.status === 'missing') {
        observed = [el('strong', { text: 'missing' }), ' — nothing matched after step ' + step.afterStep + ' (t = ' + fmtMs(step.afterMs) + ')'];
        if (step.nearMisses.length)
          observed.push(
            el(
              'ul',
              { class: 'near' },
              step.nearMisses.map(function (m) {
                var why = m.lateByMs !== undefined ? 'late by ' + fmtMs(m.lateByMs) : m.earlyByMs !== undefined ? 'early by ' + fmtMs(m.earlyByMs) : '';
                return el('li', null, ['near miss: ', entryLink(si, m), why ? ' (' + why + ')' : '']);
              }),
            ),
          );
        if (step.seenEarlier.length)
          observed.push(
            el(
              'ul',
              { class: 'near' },
              step.seenEarlier.map(function (m) {
                return el('li', null, ['seen before the previous step: ', entryLink(si, m)]);
              }),
            ),
          );
      } else observed = [el('span', { class: 'muted', text: 'not reached' })];
      return el('tr', { class: 'step step-' + step.status, 'data-step-status': step.status }, [
        el('td', { text: String(k + 1) }),
        el('td', null, [el('code', { text: step.step.text })]),
        el('td', null, observed),
      ]);
    });
    var w = a.window;
    var windowList = el(
      'ol',
      { class: 'window' },
      (w.entries || []).map(function (ref) {
        return el('li', { class: ref.step ? 'matched' : '' }, [ref.step ? 'step ' + ref.step + ': ' : '', entryLink(si, ref)]);
      }),
    );
    var counted = [];
    if (w.quiet) counted.push(w.quiet + ' frequent entries (netstatus, volume, metrics) in this window not listed');
    if (w.more) counted.push(w.more + ' more past the listing limit');
    return el('div', { class: 'expectation alignment', 'data-kind': 'sequence' }, [
      el('h4', null, [el('code', { text: x.path }), ' — ' + x.observed.matchedSteps + ' of ' + x.expected.steps.length + ' steps matched']),
      el('table', { class: 'aligned' }, [
        el('thead', null, [el('tr', null, [el('th', { text: '#' }), el('th', { text: 'expected' }), el('th', { text: 'observed' })])]),
        el('tbody', null, rows),
      ]),
      el('h5', { text: a.pass ? 'the timeline it matched' : 'what the timeline held from the last match on' }),
      windowList,
      counted.length ? el('p', { class: 'muted', text: counted.join('; ') + ' — all are in the events table.' }) : null,
    ]);
  }

  // ---------- the swim lanes ----------

  function pct(t, endMs) {
    return endMs > 0 ? Math.min(100, Math.max(0, (t / endMs) * 100)) : 0;
  }

  function niceStep(span) {
    var raw = span / 8;
    var pow = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * pow >= raw) return steps[i] * pow;
    return 10 * pow;
  }

  function renderLanes(s, si, ann) {
    var timeline = s.timeline || [];
    var section = el('section', { class: 'timeline' }, [el('h3', { text: 'Timeline by participant' })]);
    if (!timeline.length) {
      section.appendChild(el('p', { class: 'muted empty', text: 'No timeline entries were recorded.' }));
      return section;
    }
    var endMs = Math.max(ann.endMs || 0, 1);
    if (ann.faults.length)
      section.appendChild(
        el(
          'p',
          { class: 'fault-legend' },
          ['faults: '].concat(
            ann.faults.map(function (f) {
              return el('a', { class: 'fault-chip', href: '#' + entryId(si, f.index), title: fmtMs(f.fromMs) + ' – ' + fmtMs(f.toMs) }, [
                f.source + ' ' + f.label + ' ' + fmtMs(f.fromMs) + (f.instant ? '' : ' → ' + (f.endIndex === undefined ? 'end' : fmtMs(f.toMs))),
              ]);
            }),
          ),
        ),
      );
    var lanes = el('div', { class: 'lanes' });
    var axis = el('div', { class: 'lane axis' }, [el('div', { class: 'lane-label', text: 'time' })]);
    var axisTrack = el('div', { class: 'lane-track' });
    var step = niceStep(endMs);
    for (var t = 0; t <= endMs; t += step) axisTrack.appendChild(el('span', { class: 'tick', style: 'left:' + pct(t, endMs) + '%', text: fmtMs(t) }));
    axis.appendChild(axisTrack);
    lanes.appendChild(axis);

    var bySource = {};
    timeline.forEach(function (e, i) {
      (bySource[e.source] = bySource[e.source] || []).push(i);
    });
    sourcesOf(timeline).forEach(function (source) {
      var indices = bySource[source];
      // Capped lanes keep the entries a reader looks for (codes, actions, errors) and drop frequent samples first.
      var drawn = indices;
      if (indices.length > MAX_MARKS_PER_LANE) {
        var loud = indices.filter(function (i) {
          return !QUIET_KINDS[timeline[i].kind];
        });
        var quiet = indices.filter(function (i) {
          return QUIET_KINDS[timeline[i].kind];
        });
        drawn = loud.slice(0, MAX_MARKS_PER_LANE).concat(quiet.slice(0, Math.max(0, MAX_MARKS_PER_LANE - loud.length)));
      }
      var track = el('div', { class: 'lane-track' });
      ann.faults.forEach(function (f) {
        var left = pct(f.fromMs, endMs);
        track.appendChild(
          el('div', {
            class: 'fault' + (f.instant ? ' instant' : ''),
            style: 'left:' + left + '%;' + (f.instant ? '' : 'width:' + Math.max(0.2, pct(f.toMs, endMs) - left) + '%'),
            title: f.source + ' ' + f.label + ': ' + fmtMs(f.fromMs) + (f.instant ? '' : ' – ' + fmtMs(f.toMs)),
          }),
        );
      });
      var fragment = document.createDocumentFragment();
      drawn.forEach(function (i) {
        var e = timeline[i];
        var coded = typeof e.code === 'number';
        var cls = 'mark kind-' + e.kind + (coded ? ' coded' : '') + (coded && e.code < 0 ? ' negative' : '') + (QUIET_KINDS[e.kind] ? ' quiet' : '');
        fragment.appendChild(
          el('a', {
            class: cls,
            href: '#' + entryId(si, i),
            style: 'left:' + pct(e.t, endMs) + '%;' + (coded ? '' : 'background:' + colorOf(source)),
            title: entryTitle(si, e),
            'data-entry': i,
            text: coded ? String(e.code) : '',
          }),
        );
      });
      track.appendChild(fragment);
      var label = el('div', { class: 'lane-label', title: source }, [
        el('span', { class: 'swatch', style: 'background:' + colorOf(source) }),
        source,
        el('small', { text: ' ' + indices.length }),
      ]);
      var lane = el('div', { class: 'lane', 'data-source': source, 'data-entries': indices.length, 'data-drawn': drawn.length }, [label, track]);
      lanes.appendChild(lane);
      if (drawn.length < indices.length)
        lanes.appendChild(
          el('p', {
            class: 'cap-note',
            'data-source': source,
            text:
              source +
              ': ' +
              drawn.length +
              ' of ' +
              indices.length +
              ' entries drawn (frequent samples left off the lane); every entry is in the events table below and in results.json.',
          }),
        );
    });
    section.appendChild(lanes);
    return section;
  }

  // ---------- the charts ----------

  /** What each chart plots, read from netstatus and metric entries. */
  var CHARTS = [
    {
      key: 'latency',
      title: 'Latency',
      unit: 'ms',
      value: function (e) {
        var d = e.detail || {};
        return e.kind === 'metric' && d.name === 'latency' && typeof d.ms === 'number' ? d.ms : undefined;
      },
    },
    {
      key: 'video-bitrate',
      title: 'Video bitrate',
      unit: 'kbps',
      value: function (e) {
        var d = e.detail || {};
        if (e.kind === 'netstatus' && d.info && typeof d.info.videoBitrate === 'number') return d.info.videoBitrate;
        return e.kind === 'metric' && d.name === 'bitrate' && typeof d.videoKbps === 'number' ? d.videoKbps : undefined;
      },
    },
    {
      key: 'audio-bitrate',
      title: 'Audio bitrate',
      unit: 'kbps',
      value: function (e) {
        var d = e.detail || {};
        if (e.kind === 'netstatus' && d.info && typeof d.info.audioBitrate === 'number') return d.info.audioBitrate;
        return e.kind === 'metric' && d.name === 'bitrate' && typeof d.audioKbps === 'number' ? d.audioKbps : undefined;
      },
    },
    {
      key: 'fps',
      title: 'Frame rate',
      unit: 'fps',
      value: function (e) {
        var d = e.detail || {};
        if (e.kind === 'netstatus' && d.info && typeof d.info.videoFPS === 'number') return d.info.videoFPS;
        return e.kind === 'metric' && d.name === 'fps' && typeof d.value === 'number' ? d.value : undefined;
      },
    },
  ];

  /** Per-source samples on one shared x axis (seconds), gaps as null, as uPlot wants them. */
  function alignSeries(bySource, sources) {
    var xsSeen = {};
    var xs = [];
    sources.forEach(function (source) {
      bySource[source].forEach(function (p) {
        if (!xsSeen[p[0]]) {
          xsSeen[p[0]] = true;
          xs.push(p[0]);
        }
      });
    });
    xs.sort(function (a, b) {
      return a - b;
    });
    var at = {};
    xs.forEach(function (x, k) {
      at[x] = k;
    });
    var data = [
      xs.map(function (x) {
        return x / 1000;
      }),
    ];
    sources.forEach(function (source) {
      var ys = new Array(xs.length).fill(null);
      bySource[source].forEach(function (p) {
        ys[at[p[0]]] = p[1];
      });
      data.push(ys);
    });
    return data;
  }

  /** Shades the faults behind the series (uPlot's drawClear hook runs before the series are drawn). */
  function shadeFaults(faults) {
    return function (u) {
      var ctx = u.ctx;
      ctx.save();
      faults.forEach(function (f) {
        var x0 = u.valToPos(f.fromMs / 1000, 'x', true);
        var x1 = u.valToPos(f.toMs / 1000, 'x', true);
        var left = Math.max(u.bbox.left, Math.min(x0, x1));
        var right = Math.min(u.bbox.left + u.bbox.width, Math.max(x0, x1));
        if (f.instant || right - left < 2) {
          ctx.fillStyle = 'rgba(214, 39, 40, 0.55)';
          ctx.fillRect(Math.max(u.bbox.left, x0 - 1), u.bbox.top, 2, u.bbox.height);
        } else if (right > left) {
          ctx.fillStyle = 'rgba(214, 39, 40, 0.12)';
          ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        }
      });
      ctx.restore();
    };
  }

  function makeChart(container, spec, data, sources, faults, endMs) {
    var width = Math.max(300, container.clientWidth || 600);
    var opts = {
      title: spec.title + ' (' + spec.unit + ')',
      width: width,
      height: 200,
      scales: { x: { time: false, range: [0, Math.max(endMs / 1000, data[0][data[0].length - 1] || 1)] } },
      axes: [{ label: 's' }, { label: spec.unit }],
      series: [{ label: 't (s)' }].concat(
        sources.map(function (source) {
          return { label: source, stroke: colorOf(source), width: 1.5, spanGaps: true, points: { show: data[0].length < 120 } };
        }),
      ),
      hooks: { drawClear: [shadeFaults(faults)] },
    };
    return new window.uPlot(opts, data, container);
  }

  function renderCharts(s, si, ann, charts) {
    var timeline = s.timeline || [];
    var grid = el('div', { class: 'chart-grid' });
    var section = el('section', { class: 'charts' }, [el('h3', { text: 'Latency, bitrate and frame rate' }), grid]);
    var drawnAny = false;
    CHARTS.forEach(function (spec) {
      var bySource = {};
      timeline.forEach(function (e) {
        var v = spec.value(e);
        if (typeof v !== 'number' || !isFinite(v)) return;
        (bySource[e.source] = bySource[e.source] || []).push([e.t, v]);
      });
      var sources = Object.keys(bySource).sort(function (a, b) {
        return sourceRank(a) - sourceRank(b) || (a < b ? -1 : 1);
      });
      if (!sources.length) return;
      drawnAny = true;
      var samples = sources.reduce(function (n, src) {
        return n + bySource[src].length;
      }, 0);
      var box = el('div', { class: 'chart', 'data-chart': spec.key, 'data-series': sources.length, 'data-samples': samples });
      grid.appendChild(box);
      var data = alignSeries(bySource, sources);
      // uPlot measures its container: draw once the section is in the document.
      requestAnimationFrame(function () {
        if (typeof window.uPlot !== 'function') {
          box.appendChild(el('p', { class: 'warning', text: 'uPlot did not load (assets/uPlot.iife.min.js); the samples are in results.json.' }));
          return;
        }
        var plot = makeChart(box, spec, data, sources, ann.faults, ann.endMs || s.virtualMs);
        charts.push({ plot: plot, sources: sources });
        sources.forEach(function (source, k) {
          plot.setSeries(k + 1, { show: !hiddenSources[source] });
        });
      });
    });
    if (!drawnAny) section.appendChild(el('p', { class: 'muted empty', text: 'No latency, bitrate or frame-rate samples in this timeline.' }));
    return section;
  }

  // ---------- audiences (issue 13) ----------

  function renderAudience(s, si, ann, charts) {
    var section = el('section', { class: 'audience' }, [el('h3', { text: 'Audiences' })]);
    s.audience.forEach(function (a, k) {
      var h = a.histograms || {};
      var rows = ['latencyMs', 'firstFrameMs', 'stallMs', 'rateKbps'].map(function (name) {
        var d = h[name] || {};
        return el(
          'tr',
          null,
          [el('th', { text: name })].concat(
            ['p50', 'p95', 'p99', 'max', 'count'].map(function (q) {
              return el('td', { text: typeof d[q] === 'number' ? String(Math.round(d[q] * 10) / 10) : '–' });
            }),
          ),
        );
      });
      section.appendChild(el('h4', { text: a.stream + ' · ' + a.protocol + ' · ' + a.viewers + ' viewers (joined ' + a.joined + ', left ' + a.left + ')' }));
      section.appendChild(
        el('table', { class: 'histograms', 'data-audience': k }, [
          el('thead', null, [
            el(
              'tr',
              null,
              ['', 'p50', 'p95', 'p99', 'max', 'count'].map(function (c) {
                return el('th', { text: c });
              }),
            ),
          ]),
          el('tbody', null, rows),
        ]),
      );
      var series = Array.isArray(a.series) ? a.series : [];
      if (!series.length) return;
      var keys = ['joined', 'p50LatencyMs', 'p95LatencyMs', 'stalled'];
      var data = [
        series.map(function (p) {
          return p.t / 1000;
        }),
      ].concat(
        keys.map(function (key) {
          return series.map(function (p) {
            return typeof p[key] === 'number' ? p[key] : null;
          });
        }),
      );
      var box = el('div', { class: 'chart', 'data-chart': 'audience-' + k, 'data-series': keys.length });
      section.appendChild(box);
      requestAnimationFrame(function () {
        if (typeof window.uPlot !== 'function') return;
        var plot = new window.uPlot(
          {
            title: a.stream + ' audience over time',
            width: Math.max(320, (box.clientWidth || 900) - 16),
            height: 200,
            scales: { x: { time: false }, ms: {}, n: {} },
            axes: [{ label: 's' }, { scale: 'n', label: 'viewers' }, { scale: 'ms', side: 1, label: 'ms', grid: { show: false } }],
            series: [
              { label: 't (s)' },
              { label: 'joined', scale: 'n', stroke: PALETTE[0] },
              { label: 'p50 latency', scale: 'ms', stroke: PALETTE[2] },
              { label: 'p95 latency', scale: 'ms', stroke: PALETTE[4] },
              { label: 'stalled', scale: 'n', stroke: PALETTE[1] },
            ],
            hooks: { drawClear: [shadeFaults(ann.faults)] },
          },
          data,
          box,
        );
        charts.push({ plot: plot, sources: [] });
      });
    });
    return section;
  }

  // ---------- the events table ----------

  function renderEvents(s, si) {
    var timeline = s.timeline || [];
    var state = { page: 0, selected: -1 };
    var tbody = el('tbody');
    var pager = el('div', { class: 'pager' });
    var node = el('section', { class: 'events' }, [
      el('h3', { text: 'Events (' + timeline.length + ')' }),
      pager,
      el('table', { class: 'events-table' }, [
        el('thead', null, [
          el(
            'tr',
            null,
            ['#', 't', 'participant', 'kind', 'code', 'what'].map(function (c) {
              return el('th', { text: c });
            }),
          ),
        ]),
        tbody,
      ]),
    ]);

    function visible() {
      var list = [];
      for (var i = 0; i < timeline.length; i++) if (!hiddenSources[timeline[i].source] || i === state.selected) list.push(i);
      return list;
    }

    function renderRows() {
      var list = visible();
      var pages = Math.max(1, Math.ceil(list.length / ROWS_PER_PAGE));
      state.page = Math.min(state.page, pages - 1);
      var from = state.page * ROWS_PER_PAGE;
      var shown = list.slice(from, from + ROWS_PER_PAGE);
      tbody.textContent = '';
      var fragment = document.createDocumentFragment();
      shown.forEach(function (i) {
        var e = timeline[i];
        var row = el('tr', { id: entryId(si, i), class: 'event' + (i === state.selected ? ' selected' : ''), 'data-entry': i }, [
          el('td', null, [el('a', { href: '#' + entryId(si, i), text: String(i) })]),
          el('td', { text: fmtMs(e.t) }),
          el('td', null, [el('span', { class: 'swatch', style: 'background:' + colorOf(e.source) }), e.source]),
          el('td', { text: e.kind }),
          el('td', { text: typeof e.code === 'number' ? String(e.code) : '' }),
          el('td', { text: typeof e.code === 'number' ? codeName(si, e) : entryText(si, e) }),
        ]);
        fragment.appendChild(row);
        if (i === state.selected)
          fragment.appendChild(
            el('tr', { class: 'detail', id: entryId(si, i) + '-detail' }, [el('td', { colspan: 6 }, [el('pre', { text: JSON.stringify(e, null, 2) })])]),
          );
      });
      tbody.appendChild(fragment);
      pager.textContent = '';
      if (!timeline.length) pager.appendChild(el('span', { class: 'muted', text: 'No entries.' }));
      else {
        pager.appendChild(el('span', { text: 'entries ' + (shown.length ? from + 1 : 0) + '–' + (from + shown.length) + ' of ' + list.length + ' shown ' }));
        if (pages > 1) {
          pager.appendChild(el('button', { type: 'button', disabled: state.page === 0, text: '‹ earlier', onclick: function () { state.page--; renderRows(); } })); // prettier-ignore
          pager.appendChild(el('span', { text: ' page ' + (state.page + 1) + ' of ' + pages + ' ' }));
          pager.appendChild(el('button', { type: 'button', disabled: state.page >= pages - 1, text: 'later ›', onclick: function () { state.page++; renderRows(); } })); // prettier-ignore
        }
      }
    }

    /** Shows entry i with its full JSON, on the page of the table that holds it. */
    function select(i) {
      state.selected = i;
      var list = visible();
      var at = list.indexOf(i);
      if (at >= 0) state.page = Math.floor(at / ROWS_PER_PAGE);
      renderRows();
      document.querySelectorAll('.mark.selected').forEach(function (m) {
        m.classList.remove('selected');
      });
      var mark = document.querySelector('#s' + si + ' .mark[data-entry="' + i + '"]');
      if (mark) mark.classList.add('selected');
      var row = document.getElementById(entryId(si, i));
      if (row) row.scrollIntoView({ block: 'center' });
    }

    renderRows();
    return { node: node, renderRows: renderRows, select: select };
  }

  // ---------- links to entries (#s<scenario>-e<entry>) ----------

  function followHash() {
    var m = /^#s(\d+)(?:-e(\d+))?$/.exec(location.hash);
    if (!m) return;
    var si = Number(m[1]);
    var details = document.getElementById('s' + si);
    if (!details) return;
    details.hidden = false;
    details.draw();
    if (m[2] === undefined) {
      details.scrollIntoView();
      return;
    }
    var i = Number(m[2]);
    var entry = scenarios[si].timeline[i];
    if (!entry) return;
    views[si].select(i);
  }

  // ---------- the page ----------

  function render() {
    var root = document.getElementById('report');
    root.appendChild(renderSummary());
    root.appendChild(renderFilters());
    var order = scenarios
      .map(function (s, si) {
        return si;
      })
      .sort(function (a, b) {
        return STATUSES.indexOf(scenarios[a].status) - STATUSES.indexOf(scenarios[b].status) || a - b;
      });
    var list = el('section', { class: 'scenarios', id: 'scenarios' }, [el('h2', { text: 'Scenarios (' + scenarios.length + ')' })]);
    if (!scenarios.length) list.appendChild(el('p', { class: 'muted', text: 'No scenario finished in this run.' }));
    order.forEach(function (si) {
      list.appendChild(renderScenario(scenarios[si], si));
    });
    root.appendChild(list);
    // Failed scenarios start open: draw them now.
    document.querySelectorAll('details.scenario[open]').forEach(function (d) {
      d.draw();
    });
    window.addEventListener('hashchange', followHash);
    // A second click on the link already in the URL changes no hash: follow it anyway.
    document.addEventListener('click', function (ev) {
      var a = ev.target && ev.target.closest ? ev.target.closest('a[href^="#s"]') : null;
      if (a && a.getAttribute('href') === location.hash) followHash();
    });
    followHash();
    root.setAttribute('aria-busy', 'false');
    document.body.setAttribute('data-ready', 'true');
  }

  render();
})();
