export { registerLiveComponents } from './register';
export { createLivePusherContext, createLivePlayerContext } from './contexts';
export { setActiveRuntime, activeRuntime, hasActiveRuntime } from './runtime';
export type { LiveRuntime, RecordedEvent } from './runtime';
export { attachedHandles, resetAnonymousIds } from './registry';
export type { LiveHandle, PusherHandle, PlayerHandle } from './registry';
