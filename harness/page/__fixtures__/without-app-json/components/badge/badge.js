Component({ properties: { label: { type: String, value: '' } } });
