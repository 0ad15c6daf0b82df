// The clock through its index: allowed; a process, a computed name and a missing file: not.
require('../time');
require('node:child_process');
const name = './lazy';
require(name);
require('./missing');
