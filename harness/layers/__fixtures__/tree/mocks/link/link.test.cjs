// Tests may take what their folder's entry lists for tests (node:assert), and no more.
const assert = require('node:assert');
const net = require('node:net');

assert.ok(net.isIP('127.0.0.1'));
