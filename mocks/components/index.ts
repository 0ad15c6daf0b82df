export { LiveComponents } from './live-components';
export type { LiveWx } from './live-components';
export { localEventPort } from './event-port';
export type { EventPort, LiveElementRef } from './event-port';
export type { ContextScope } from './contexts';
export type { LiveRuntime, RecordedEvent } from './runtime';
export type { LiveHandle, PusherHandle, PlayerHandle } from './registry';
export { Authorization, AUTH_SCOPES, DEVICE_SCOPES } from './authorization';
export type { AuthorizationHost, AuthorizationWx, AuthSetting, SettingResult } from './authorization';
