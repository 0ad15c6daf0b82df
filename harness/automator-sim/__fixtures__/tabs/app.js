// Every page lifecycle lands in globalData.log, so a test reads their order through evaluate.
App({ globalData: { log: [] } });
