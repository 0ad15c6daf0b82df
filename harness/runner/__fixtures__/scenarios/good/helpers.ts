// Not a scenario file: a folder's helpers are left alone by the loader.
export const STREAM_KEY = 'live/demo';
