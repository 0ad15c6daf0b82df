Page({ data: {} });
