/** One line of `live-harness doctor`: what was checked, whether it passed, and what it found (with the fix when it failed). */
export interface Check {
  readonly label: string;
  readonly ok: boolean;
  readonly lines: readonly string[];
  /** a failing optional check is a warning: it says what needs it, and doctor still passes */
  readonly optional?: string;
}
