export { MiniProgramPlugins, SUPPORTED_PLUGINS, PluginError } from './plugins';
export type { DeclaredPlugin, DeclaredPlugins } from './plugins';
export type { PluginHost } from './host';
export {
  LiveRooms,
  LiveRoomsError,
  LIVE_STATUS,
  ABNORMAL_TIMEOUT_MS,
  POLL_INTERVAL_MS,
  CUSTOM_PARAMS_MAX,
  ROOM_PAGE,
  SUBSCRIBE_PATH,
} from './live-player-plugin';
export type { LiveStatusName, RoomOptions, ShareEntry } from './live-player-plugin';
export { LiveRoomPluginControl, LIVE_ROOM_PUSH_PROPS, LIVE_ROOM_PLAY_PROPS, LIVE_ROOM_PUSH_METHODS, LIVE_ROOM_PLAY_METHODS } from './live-room-plugin';
