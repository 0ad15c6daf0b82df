Page({ data: {}, onLoad() {} });
