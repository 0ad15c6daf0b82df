// requirePlugin of a plugin this app.json does not declare.
const livePlayer = requirePlugin('live-player-plugin');
Page({ data: { ok: !!livePlayer } });
