// A folder the rules do not know.
export const extra = 1;
