// What DevTools' "build npm" would have put here; it shadows node_modules.
module.exports = { builtCopy: true };
