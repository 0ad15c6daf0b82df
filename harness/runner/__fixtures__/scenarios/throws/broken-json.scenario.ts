// Loading this module throws, as a scenario with a bug at its top level does.
export default JSON.parse('{ not json') as unknown;
