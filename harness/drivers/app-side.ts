/**
 * Code the drivers run inside the mini-program's app service (DevTools, a
 * phone, or automator-sim standing in for either), as function source for
 * `mockWxMethod` and `evaluate`. It is plain ES5 and reaches Node only
 * through a binding (`exposeFunction`): a real runtime gives it nothing else.
 * Names are baked in as JSON literals, because a mock receives only the page
 * call's own arguments in front of any extra ones.
 */

const LIVE_EVENTS = [
  'statechange',
  'netstatus',
  'error',
  'bgmstart',
  'bgmprogress',
  'bgmcomplete',
  'audiovolumenotify',
  'fullscreenchange',
  'enterpictureinpicture',
  'leavepictureinpicture',
];

const LIFECYCLES = [
  'onLoad',
  'onShow',
  'onReady',
  'onHide',
  'onUnload',
  'onPullDownRefresh',
  'onReachBottom',
  'onShareAppMessage',
  'onPageScroll',
  'onResize',
  'onTabItemTap',
];

/** The framework's own instance methods: never handlers, and some are called by the framework itself. */
const FRAMEWORK = [
  'setData',
  'triggerEvent',
  'selectComponent',
  'selectAllComponents',
  'selectOwnerComponent',
  'createSelectorQuery',
  'createIntersectionObserver',
  'createMediaQueryObserver',
  'getRelationNodes',
  'hasBehavior',
  'groupSetData',
  'getOpenerEventChannel',
  'getPageId',
  'animate',
  'clearAnimation',
  'setUpdatePerformanceListener',
];

/** Where app-side state lives between calls: on `wx`, which mocks and evaluate-d code share. */
const STORE = (name: string): string => `(wx[${JSON.stringify(name)}] || (wx[${JSON.stringify(name)}] = { n: 0, cbs: {} }))`;

/** The page or component that created a context, as a route (pages) or path (components). */
const SCOPE_ROUTE = 'function (s) { return s && typeof s === "object" ? (s.route || s.__route__ || s.is) : undefined; }';

/**
 * DevTools: report what a page does that the timeline keeps (`page` entries,
 * as a rig records them): every setData with its patch, and the lifecycles
 * that come after a page is first seen (onShow, onHide, onUnload). A page is
 * wrapped once, when the driver first sees it (after its onLoad and onReady,
 * which no protocol method can observe).
 */
function pageReportSource(binding: string, mark: string): string {
  return `function (p) {
  if (!p || typeof p !== "object" || p[${JSON.stringify(mark)}] || typeof p.setData !== "function") return 0;
  p[${JSON.stringify(mark)}] = true;
  var setData = p.setData;
  p.setData = function (patch, cb) {
    ${binding}({ op: "setData", route: this.route, patch: patch });
    return setData.apply(this, arguments);
  };
  ["onShow", "onHide", "onUnload"].forEach(function (name) {
    var fn = p[name];
    p[name] = function () {
      ${binding}({ op: "lifecycle", route: p.route, name: name });
      if (typeof fn === "function") return fn.apply(this, arguments);
    };
  });
  return 1;
}`;
}

/** Wrap every page on the stack not wrapped yet (see pageReportSource). */
export function reportPagesSource(binding: string, mark: string): string {
  return `function () {
  var wrap = ${pageReportSource(binding, mark)};
  var n = 0;
  getCurrentPages().forEach(function (p) { n += wrap(p); });
  return n;
}`;
}

/**
 * DevTools: `wx.createLive{Pusher,Player}Context` answers a context whose
 * every method goes to Node (`{op:'call'}`), with its callbacks kept here
 * until Node answers through `resolveCallback`. Creation is told too
 * (`{op:'create'}`), so Node binds the context to the element as WeChat does.
 */
export function interceptContextSource(kind: 'pusher' | 'player', binding: string, store: string, methods: readonly string[], mark: string): string {
  return `function () {
  var args = Array.prototype.slice.call(arguments);
  var st = ${STORE(store)};
  var id = typeof args[0] === "string" ? args[0] : undefined;
  var scope = typeof args[0] === "string" ? args[1] : args[0];
  // The page that makes a context is about to react to its events: report its setData from now on.
  (${pageReportSource(binding, mark)})(scope);
  var route = (${SCOPE_ROUTE})(scope);
  var ctxId = ++st.n;
  // A page has a route; a component (or no scope, from a component's code) has none.
  var byPage = !!(scope && typeof scope === "object" && (scope.route || scope.__route__));
  ${binding}({ op: "create", ctx: ctxId, kind: ${JSON.stringify(kind)}, id: id, route: route, page: byPage });
  var ctx = {};
  ${JSON.stringify(methods)}.forEach(function (m) {
    ctx[m] = function (obj) {
      var o = obj || {};
      var plain = {};
      for (var k in o) if (typeof o[k] !== "function") plain[k] = o[k];
      var cb = ++st.n;
      st.cbs[cb] = o;
      ${binding}({ op: "call", ctx: ctxId, method: m, args: plain, cb: cb });
    };
  });
  return ctx;
}`;
}

/**
 * DevTools: an asynchronous app-service API (`wx.request`, `wx.getStorage`,
 * `wx.getSystemInfo` …) goes to Node (`{op:'wx'}`), where the model of the
 * app service answers it in the model's world (a request to a host nobody
 * serves fails as DNS, in virtual time too); its callbacks wait here for
 * `resolveCallback`, as a context call's do. A request's task can be aborted:
 * its answer is then dropped.
 */
export function interceptWxSource(method: string, binding: string, store: string): string {
  return `function (obj) {
  var st = ${STORE(store)};
  var o = obj || {};
  var plain = {};
  for (var k in o) if (typeof o[k] !== "function") plain[k] = o[k];
  var cb = ++st.n;
  st.cbs[cb] = o;
  ${binding}({ op: "wx", method: ${JSON.stringify(method)}, args: plain, cb: cb });
  return { abort: function () { delete st.cbs[cb]; } };
}`;
}

/** Answer one intercepted call: its success or fail, then complete, with the model's result. */
export function resolveCallbackSource(store: string): string {
  return `function (cb, ok, res) {
  var st = wx[${JSON.stringify(store)}];
  var o = st && st.cbs[cb];
  if (!o) return false;
  delete st.cbs[cb];
  if (ok && typeof o.success === "function") o.success(res);
  if (!ok && typeof o.fail === "function") o.fail(res);
  if (typeof o.complete === "function") o.complete(res);
  return true;
}`;
}

/**
 * A phone: `wx.createLive{Pusher,Player}Context` gives the real context
 * (and wraps the handlers of the page that asked, see below), wrapped so that every method call, and its answer, is reported with the
 * phone's own time (`Date.now()` there) before the real method runs.
 */
export function captureContextSource(kind: 'pusher' | 'player', binding: string, mark: string): string {
  return `function () {
  var args = Array.prototype.slice.call(arguments);
  // The page that makes a context is about to receive its events: wrap its handlers now, before the first can fire.
  (${wrapPageSource(binding, mark)})(typeof args[0] === "string" ? args[1] : args[0]);
  var real = this.origin.apply(null, args);
  var id = typeof args[0] === "string" ? args[0] : undefined;
  if (!real || typeof real !== "object") return real;
  var ctx = {};
  Object.keys(real).concat(Object.keys(Object.getPrototypeOf(real) || {})).forEach(function (m) {
    if (typeof real[m] !== "function" || ctx[m]) return;
    ctx[m] = function (obj) {
      var o = obj || {};
      var plain = {};
      for (var k in o) if (typeof o[k] !== "function") plain[k] = o[k];
      ${binding}({ op: "call", kind: ${JSON.stringify(kind)}, id: id, method: m, args: plain, t: Date.now() });
      if (typeof o !== "object" || m === "onCustomRendererEvent" || m === "offCustomRendererEvent") return real[m].apply(real, arguments);
      var wrapped = {};
      for (var j in o) wrapped[j] = o[j];
      wrapped.success = function (r) { ${binding}({ op: "answer", kind: ${JSON.stringify(kind)}, id: id, method: m, ok: true, res: r, t: Date.now() }); if (typeof o.success === "function") return o.success.apply(this, arguments); };
      wrapped.fail = function (r) { ${binding}({ op: "answer", kind: ${JSON.stringify(kind)}, id: id, method: m, ok: false, res: r, t: Date.now() }); if (typeof o.fail === "function") return o.fail.apply(this, arguments); };
      return real[m].call(real, wrapped);
    };
  });
  return ctx;
}`;
}

/**
 * A phone: wrap every method of every page on the stack, so that a call
 * whose argument is a live element's event (statechange, netstatus …) is
 * reported with the phone's time before the page's handler runs. WeChat
 * looks a bound handler up by name when the event fires, so the wrapper is
 * what runs. Pages wrapped once are marked and skipped.
 */
function wrapPageSource(binding: string, mark: string): string {
  return `function (p) {
  var LIVE = ${JSON.stringify(Object.fromEntries(LIVE_EVENTS.map((e) => [e, 1])))};
  var SKIP = ${JSON.stringify(Object.fromEntries([...LIFECYCLES, ...FRAMEWORK].map((e) => [e, 1])))};
  if (!p || typeof p !== "object" || p[${JSON.stringify(mark)}]) return 0;
  p[${JSON.stringify(mark)}] = true;
  var names = [];
  var wrapped = 0;
  for (var k in p) names.push(k);
  names.forEach(function (name) {
    var fn = p[name];
    if (typeof fn !== "function" || SKIP[name] || name.charAt(0) === "_") return;
    p[name] = function (e) {
      if (e && typeof e === "object" && LIVE[e.type] && e.detail && typeof e.detail === "object") {
        var t = e.currentTarget || e.target || {};
        ${binding}({ op: "event", type: e.type, id: t.id, route: p.route, handler: name, detail: e.detail, t: Date.now() });
      }
      return fn.apply(this, arguments);
    };
    wrapped++;
  });
  return wrapped;
}`;
}

/**
 * A phone: wrap every method of every page on the stack, so that a call
 * whose argument is a live element's event (statechange, netstatus …) is
 * reported with the phone's time before the page's handler runs. WeChat
 * looks a bound handler up by name when the event fires, so the wrapper is
 * what runs. Pages wrapped once are marked and skipped.
 */
export function captureHandlersSource(binding: string, mark: string): string {
  return `function () {
  var wrap = ${wrapPageSource(binding, mark)};
  var n = 0;
  getCurrentPages().forEach(function (p) { n += wrap(p); });
  return n;
}`;
}

/** The phone's clock, for the offset measurement. */
export const PHONE_NOW_SOURCE = 'function () { return Date.now(); }';

/** Nothing: one round trip, after which every binding call the app service made before it has arrived. */
export const BARRIER_SOURCE = 'function () { return 0; }';
