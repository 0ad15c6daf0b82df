export {
  PushCode,
  PlayCode,
  PusherErrCode,
  allCodes,
  errorCodes,
  describeCode,
  codeName,
  codeKind,
  isFatal,
  defaultMessage,
  nameForSource,
  kindByRule,
} from './table';
export type { CodeEntry, CodeKind, Component, CodeSource } from './types';
export { PUSHER_ROWS } from './pusher-codes';
export { PLAYER_ROWS } from './player-codes';
export { PUSHER_ERROR_ROWS } from './error-codes';
